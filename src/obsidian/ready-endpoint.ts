import type { App } from "obsidian";
import { Notice } from "obsidian";
import { withTimeout, type Http } from "../core/http";
import type { LocalPlaces } from "../core/model/local-servers";
import { resolveEndpoint, type EndpointProblem } from "../core/model/resolve-endpoint";
import { DEFAULT_SETTINGS, endpointProblem, type Settings } from "../core/settings";
import { apiKeyOf } from "./chat-model-from-settings";
import { chooseSetup } from "./setup-modal";

/** Each check before a run may take this long: a server that is up answers in milliseconds. */
const CHECK_TIMEOUT_MS = 3000;

export interface SetupHost {
	app: App;
	http: Http;
	places?: LocalPlaces;
	settings(): Settings;
	/** Saves a change to the settings, as the settings tab does. */
	saveSettings(change: Partial<Settings>): Promise<void>;
	openSettings(): void;
}

/** The endpoint problem, worded for Obsidian's settings. */
export function endpointMessage(problem: EndpointProblem): string {
	switch (problem.is) {
		case "needs-key":
			return `${problem.baseURL} needs an API key. Enter it under Model and endpoint in settings, or choose Ollama or LM Studio there.`;
		case "nothing-to-use":
			return "No API key is set and no model server runs on this device. Enter an API key in settings, or start Ollama or LM Studio.";
		case "unreachable":
			return `Could not reach ${problem.baseURL} (${problem.detail}). Check the base URL in settings and that the server is running.`;
		case "key-refused":
			return `${problem.baseURL} refused the API key (${problem.status}). Check the API key in settings.`;
	}
}

/**
 * Whether a run can start, checked before any YouTube request or model call. With nothing set up, the setup
 * dialog offers a model server found on this device (and saves the choice) or says how to add a key; any
 * other problem is a Notice that says what to do.
 */
export async function readySettings(host: SetupHost): Promise<boolean> {
	const settings = host.settings();
	const wrong = endpointProblem(settings);
	if (wrong) {
		new Notice(wrong, 0);
		return false;
	}
	const chosen = settings.baseURL !== DEFAULT_SETTINGS.baseURL;
	const resolved = await resolveEndpoint(
		{ baseURL: settings.baseURL, chosen, apiKey: apiKeyOf(host.app, settings), model: settings.model },
		{ http: withTimeout(host.http, CHECK_TIMEOUT_MS), ...(host.places ? { places: host.places } : {}) },
	);
	if (resolved.ok && !resolved.found) return true;
	if (resolved.ok || resolved.problem.is === "nothing-to-use") {
		const choice = await chooseSetup(host.app, resolved.ok ? (resolved.found ?? []) : []);
		if (choice === "settings") host.openSettings();
		if (choice === null || choice === "settings") return false;
		await host.saveSettings({ baseURL: choice.baseURL, model: choice.model });
		return true;
	}
	new Notice(endpointMessage(resolved.problem), 0);
	return false;
}

/**
 * Opens this plugin's tab in Obsidian's settings. The settings window is not part of the typed API, so it is
 * reached defensively: if it is missing, nothing happens rather than an error.
 */
export function openSettingTab(app: App, pluginId: string): void {
	const setting = (app as unknown as { setting?: { open?: () => void; openTabById?: (id: string) => void } }).setting;
	setting?.open?.();
	setting?.openTabById?.(pluginId);
}
