import type { HostWords } from "../core/errors";

/**
 * The core's advice in the CLI's terms: the flags and environment variables that set what the plugin keeps in
 * its settings. Options the CLI does not have (streaming off) are left out rather than pointed at.
 */
export const CLI_WORDS: HostWords = {
	baseURL: "with --base-url or OPENAI_BASE_URL",
	model: "with --model or OPENAI_MODEL",
	apiKey: "in the OPENAI_API_KEY environment variable",
	modelNames: "",
	raiseTimeout: ", or raise the timeout with --timeout SECONDS",
	turnOffStreaming: "",
	otherModel: "Choose another model with --model.",
	endpointSettings: "Check --base-url, --model and OPENAI_API_KEY.",
	captionLanguages: "Ask for one of these languages with --lang",
	pasteInstead: 'Open "Show transcript" under the video on YouTube, save it to a file, and run again with --transcript FILE <link>.',
	app: "video-summary-notes",
	reach: {
		local: " on this machine",
		plainHttp: " and reachable from this machine",
		remote: ", and that this machine is online",
	},
	localServer: "start Ollama (ollama serve, then ollama pull llama3.1) and run this again",
};
