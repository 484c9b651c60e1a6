import type { App } from "obsidian";
import { Notice } from "obsidian";

import { type Http, withTimeout } from "../core/http";
import type { LocalPlaces } from "../core/model/local-servers";
import type { OllamaModelInfo } from "../core/model/ollama-chat";
import { endpointMessage, resolveEndpoint } from "../core/model/resolve-endpoint";
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

/**
 * Whether a run can start, checked before any YouTube request or model call. With nothing set up, the setup
 * dialog offers a model server found on this device (and saves the choice) or says how to add a key; any
 * other problem is a Notice that says what to do.
 */
/** What a run needs to know about the endpoint it was cleared for. */
export interface ReadyEndpoint {
	/** The endpoint is Ollama: its own API sets the context for each request. */
	ollama?: OllamaModelInfo;
}

export async function readySettings(host: SetupHost): Promise<ReadyEndpoint | null> {
	const settings = host.settings();
	const wrong = endpointProblem(settings);
	if (wrong) {
		new Notice(wrong, 0);
		return null;
	}
	const chosen = settings.baseURL !== DEFAULT_SETTINGS.baseURL;
	const resolved = await resolveEndpoint(
		{ baseURL: settings.baseURL, chosen, apiKey: apiKeyOf(host.app, settings), model: settings.model },
		{ http: withTimeout(host.http, CHECK_TIMEOUT_MS), ...(host.places ? { places: host.places } : {}) },
	);
	if (resolved.ok && !resolved.found) return resolved.ollama ? { ollama: resolved.ollama } : {};
	if (resolved.ok || resolved.problem.is === "nothing-to-use") {
		const choice = await chooseSetup(host.app, resolved.ok ? (resolved.found ?? []) : []);
		if (choice === "settings") host.openSettings();
		if (choice === null || choice === "settings") return null;
		await host.saveSettings({ baseURL: choice.baseURL, model: choice.model });
		// Checked again as chosen: the model may be another than the one the first look picked.
		return readySettings(host);
	}
	new Notice(endpointMessage(resolved.problem), 0);
	return null;
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
