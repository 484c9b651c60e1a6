// Leaves the parts of the openai SDK that the plugin never calls out of main.js.
//
// The plugin talks to an endpoint through the SDK in two ways only (src/core/model/): client.chat.completions.create
// (plain and with stream: true, which answers with the SDK's core Stream, not lib/ChatCompletionStream) and
// client.models.list; it also uses the SDK's error classes (openai/error). But `new OpenAI()` constructs every
// resource of the API (client.mjs: this.images = new API.Images(this), …), so esbuild keeps all of them, with the
// helpers behind them (assistant, responses and chat-completion stream parsers): about 100 KB of main.js, half
// of the SDK in it. This esbuild plugin swaps each module below for a stub exporting the same name. A stubbed
// resource still constructs, so `new OpenAI()` works unchanged, but every method of it throws, naming what was
// called and this file; a stubbed helper class throws when constructed or when any of its statics is called.
// The real code stays for everything the plugin uses: the client (request building, headers, retries, timeouts,
// abort, logging), chat and chat.completions, models, pagination, core/streaming, the errors, the uploads helpers
// the client itself calls.
//
// The build fails if a listed module is no longer where it was or no longer declares the class it is stubbed
// for, so an SDK update cannot silently change what is left out. To call a stubbed API, remove it from the list.
// tests/bundle-size.test.ts checks that main.js still runs a summary through the SDK, that none of the stubbed
// code is in it, and that a stubbed API throws the error below.
import { readFile } from "node:fs/promises";

/**
 * What is stubbed, by path inside the openai package (without .mjs/.js), and the class it must export. Each is
 * safe because nothing in src/ calls it: `grep -rn "openai" src/` shows only openai/client, openai/error and the
 * type-only openai/resources/chat/completions; the client is only used as client.chat.completions.create and
 * client.models.list.
 */
export const STUBS = {
	// Resources `new OpenAI()` constructs (client.mjs), each an API the plugin never calls.
	"resources/completions": { name: "Completions", as: "client.completions" }, // legacy text completions
	"resources/embeddings": { name: "Embeddings", as: "client.embeddings" },
	"resources/files": { name: "Files", as: "client.files" },
	"resources/images": { name: "Images", as: "client.images" },
	"resources/audio/audio": { name: "Audio", as: "client.audio" }, // speech, transcriptions, translations
	"resources/moderations": { name: "Moderations", as: "client.moderations" },
	"resources/fine-tuning/fine-tuning": { name: "FineTuning", as: "client.fineTuning" },
	"resources/graders/graders": { name: "Graders", as: "client.graders" },
	"resources/vector-stores/vector-stores": { name: "VectorStores", as: "client.vectorStores" },
	"resources/webhooks/webhooks": { name: "Webhooks", as: "client.webhooks" }, // webhook signature checks
	"resources/beta/beta": { name: "Beta", as: "client.beta" }, // assistants, threads, runs, chatkit, beta realtime
	"resources/batches": { name: "Batches", as: "client.batches" },
	"resources/uploads/uploads": { name: "Uploads", as: "client.uploads" },
	"resources/admin/admin": { name: "Admin", as: "client.admin" }, // organization and project administration
	"resources/responses/responses": { name: "Responses", as: "client.responses" }, // the Responses API
	"resources/realtime/realtime": { name: "Realtime", as: "client.realtime" },
	"resources/conversations/conversations": { name: "Conversations", as: "client.conversations" },
	"resources/evals/evals": { name: "Evals", as: "client.evals" },
	"resources/containers/containers": { name: "Containers", as: "client.containers" },
	"resources/skills/skills": { name: "Skills", as: "client.skills" },
	"resources/videos": { name: "Videos", as: "client.videos" },
	// Helpers of the chat.completions methods the plugin never calls: runTools() (the two runners) and stream()
	// (ChatCompletionStream). create({ stream: true }) does not use them: it returns the SDK's core Stream.
	"lib/ChatCompletionRunner": { name: "ChatCompletionRunner", as: "ChatCompletionRunner", helper: true },
	"lib/ChatCompletionStreamingRunner": { name: "ChatCompletionStreamingRunner", as: "ChatCompletionStreamingRunner", helper: true },
	"lib/ChatCompletionStream": { name: "ChatCompletionStream", as: "ChatCompletionStream", helper: true },
};

/**
 * The SDK's query-string encoder (a copy of the `qs` package, 5 KB) is swapped for a small one. The client encodes
 * a query only when a request has one: chat completions are POSTs without, the model list sends none, and the
 * only query the plugin can meet is one in a base URL the user typed (`?api-version=…`), which the client copies
 * into every request. That is flat `key=value` pairs, which this encodes as qs does (RFC 3986, `brackets` for
 * arrays, nested objects as `a[b]=c`, undefined left out, null as an empty value); tests/bundle-size.test.ts compares it with
 * the SDK's own on such queries.
 */
export const QUERY_ENCODER = "internal/qs/stringify";
export const SMALL_STRINGIFY = `const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
function pairs(prefix, value, out) {
	if (value === undefined) return out;
	if (value === null) { out.push(enc(prefix) + "="); return out; }
	if (Array.isArray(value)) { for (const item of value) pairs(prefix + "[]", item, out); return out; }
	if (typeof value === "object" && !(value instanceof Date)) { for (const [k, v] of Object.entries(value)) pairs(prefix + "[" + k + "]", v, out); return out; }
	out.push(enc(prefix) + "=" + enc(value instanceof Date ? value.toISOString() : String(value)));
	return out;
}
export function stringify(object) {
	const out = [];
	for (const [k, v] of Object.entries(object ?? {})) pairs(k, v, out);
	return out.join("&");
}
`;

/** The start of the error a stubbed API throws. */
export const STUB_ERROR = "is left out of this plugin's copy of the openai SDK";

const STUB_NAMESPACE = "openai-unused-apis";
const STUB_RUNTIME = "openai-unused-apis:runtime";
const MODULE_PATH = /[\\/]node_modules[\\/]openai[\\/]((?:resources|lib|internal[\\/]qs)[\\/].+)\.m?js$/;

/**
 * Shared by every stub: a callable stand-in for `what` whose every property is a stand-in too, and whose call
 * (or construction) throws; `then` and `toJSON` are absent, so it is neither awaited nor serialized by accident.
 */
const RUNTIME = `export function unused(what) {
	const fail = function () {
		throw new Error(what + "() ${STUB_ERROR} (scripts/openai-unused-apis.mjs): the plugin never calls it.");
	};
	return new Proxy(fail, {
		get(target, key) {
			return typeof key === "string" && key !== "then" && key !== "toJSON" ? unused(what + "." + key) : undefined;
		},
	});
}
`;

/** The stub module for one entry of STUBS. */
export function stubModule({ name, as, helper }) {
	const exported = helper
		? `export const ${name} = unused(${JSON.stringify(as)});`
		: `export class ${name} {\n\tconstructor() {\n\t\treturn unused(${JSON.stringify(as)});\n\t}\n}`;
	return `import { unused } from ${JSON.stringify(STUB_RUNTIME)};\n${exported}\n`;
}

/** The key of `stubs` for a file path, if it is one of the stubbed modules. */
export function stubKey(path, stubs = STUBS) {
	const m = MODULE_PATH.exec(path);
	if (m === null) return undefined;
	const key = m[1].replaceAll("\\", "/");
	return Object.hasOwn(stubs, key) ? key : undefined;
}

/** The esbuild plugin; `stubs` is STUBS but in its own tests. */
export function openaiUnusedApis(stubs = STUBS) {
	return {
		name: "openai-unused-apis",
		setup(build) {
			const stubbed = new Set();
			build.onStart(() => {
				stubbed.clear();
			});
			build.onResolve({ filter: new RegExp(`^${STUB_RUNTIME}$`) }, () => ({ path: STUB_RUNTIME, namespace: STUB_NAMESPACE }));
			build.onLoad({ filter: /.*/, namespace: STUB_NAMESPACE }, () => ({ contents: RUNTIME, loader: "js" }));
			build.onLoad({ filter: MODULE_PATH }, async (args) => {
				if (stubKey(args.path, { [QUERY_ENCODER]: {} }) === QUERY_ENCODER) {
					if (!/\bexport function stringify\b/.test(await readFile(args.path, "utf8"))) {
						return { errors: [{ text: `openai's ${QUERY_ENCODER} no longer exports stringify: update scripts/openai-unused-apis.mjs.` }] };
					}
					return { contents: SMALL_STRINGIFY, loader: "js" };
				}
				const key = stubKey(args.path, stubs);
				if (key === undefined) return undefined;
				const stub = stubs[key];
				const source = await readFile(args.path, "utf8");
				if (!new RegExp(`\\bclass ${stub.name}\\b`).test(source)) {
					return {
						errors: [
							{
								text: `openai's ${key} no longer declares class ${stub.name}: check what the SDK moved and update scripts/openai-unused-apis.mjs.`,
							},
						],
					};
				}
				stubbed.add(key);
				return { contents: stubModule(stub), loader: "js" };
			});
			build.onEnd((result) => {
				if (result.errors.length > 0) return;
				const missing = Object.keys(stubs).filter((key) => !stubbed.has(key));
				if (missing.length > 0) {
					return {
						errors: [
							{
								text: `openai-unused-apis stubbed nothing for ${missing.join(", ")}: the SDK moved or dropped them (update scripts/openai-unused-apis.mjs) or main.js no longer bundles the SDK (drop the plugin).`,
							},
						],
					};
				}
			});
		},
	};
}
