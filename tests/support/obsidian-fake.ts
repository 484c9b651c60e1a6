/**
 * The `obsidian` module as the tests see it (vitest.config.mts aliases `obsidian` here): a faithful fake of the
 * parts of Obsidian's API the plugin glue uses, plus test helpers. The glue is type-checked against the real
 * obsidian.d.ts; this file is only what runs. Rule: faithful where we rely on semantics; add symbols only when a
 * test needs them. See README.md for the helpers and the semantics decisions.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- mirrors obsidian.d.ts */

import type * as Obsidian from "obsidian";

import manifestJson from "../../manifest.json";
import { createFakeEl, type FakeElement } from "./obsidian-fake-dom";
import type { PluginSettingTab } from "./obsidian-fake-settings";
import { Component, Menu, resetModals, resetNotices, Scope, setIcon, settle, track } from "./obsidian-fake-ui";
import { Events, FileManager, MetadataCache, normalizePath, Vault } from "./obsidian-fake-vault";
import { type Editor, type MarkdownView, Workspace } from "./obsidian-fake-workspace";

export * from "./obsidian-fake-settings";
export * from "./obsidian-fake-ui";
export * from "./obsidian-fake-vault";
export * from "./obsidian-fake-workspace";

// ---------------------------------------------------------------------------------------------------------------
// Small globals: Platform, language, Keymap, debounce

const DEFAULT_PLATFORM = {
	isDesktop: true,
	isMobile: false,
	isDesktopApp: true,
	isMobileApp: false,
	isIosApp: false,
	isAndroidApp: false,
	isPhone: false,
	isTablet: false,
	isMacOS: false,
	isWin: false,
	isLinux: true,
	isSafari: false,
	resourcePathPrefix: "app://local/",
};

/** Desktop Linux by default; change with setPlatform. */
export const Platform = { ...DEFAULT_PLATFORM };

export function setPlatform(patch: Partial<typeof DEFAULT_PLATFORM>): void {
	Object.assign(Platform, patch);
}

let language = "en";

export function getLanguage(): string {
	return language;
}

export function setLanguage(lang: string): void {
	language = lang;
}

type Modifier = "Mod" | "Ctrl" | "Meta" | "Shift" | "Alt";
interface ModifierEvent {
	ctrlKey?: boolean;
	metaKey?: boolean;
	shiftKey?: boolean;
	altKey?: boolean;
	button?: number;
}

export class Keymap {
	pushScope(_scope: Scope): void {}
	popScope(_scope: Scope): void {}
	/** Mod is Cmd on macOS and Ctrl elsewhere. */
	static isModifier(evt: ModifierEvent, modifier: Modifier): boolean {
		switch (modifier) {
			case "Mod":
				return Platform.isMacOS ? !!evt.metaKey : !!evt.ctrlKey;
			case "Ctrl":
				return !!evt.ctrlKey;
			case "Meta":
				return !!evt.metaKey;
			case "Shift":
				return !!evt.shiftKey;
			case "Alt":
				return !!evt.altKey;
		}
	}
	/** "tab" for Mod or a middle click, "split" for Mod+Alt, "window" for Mod+Alt+Shift, else false. */
	static isModEvent(evt?: ModifierEvent | null): "tab" | "split" | "window" | boolean {
		if (!evt) return false;
		const mod = Keymap.isModifier(evt, "Mod");
		if (mod && evt.altKey && evt.shiftKey) return "window";
		if (mod && evt.altKey) return "split";
		if (mod || evt.button === 1) return "tab";
		return false;
	}
}

export interface Debouncer<T extends unknown[], V> {
	(...args: [...T]): this;
	cancel(): this;
	run(): V | void;
}

/** Calls `cb` with the latest arguments `timeout` ms after the first call (after the last one when resetTimer). */
export function debounce<T extends unknown[], V>(cb: (...args: [...T]) => V, timeout = 0, resetTimer = false): Debouncer<T, V> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let lastArgs: [...T] | null = null;
	const fire = (): V | void => {
		timer = undefined;
		if (!lastArgs) return;
		const args = lastArgs;
		lastArgs = null;
		return cb(...args);
	};
	const d = ((...args: [...T]) => {
		lastArgs = args;
		if (timer !== undefined && resetTimer) {
			clearTimeout(timer);
			timer = undefined;
		}
		timer ??= setTimeout(fire, timeout);
		return d;
	}) as Debouncer<T, V>;
	d.cancel = () => {
		clearTimeout(timer);
		timer = undefined;
		lastArgs = null;
		return d;
	};
	d.run = () => {
		if (timer === undefined) return;
		clearTimeout(timer);
		return fire();
	};
	return d;
}

// ---------------------------------------------------------------------------------------------------------------
// requestUrl

export interface RequestUrlParam {
	url: string;
	method?: string;
	contentType?: string;
	body?: string | ArrayBuffer;
	headers?: Record<string, string>;
	throw?: boolean;
}

export interface RequestUrlResponse {
	status: number;
	headers: Record<string, string>;
	arrayBuffer: ArrayBuffer;
	json: any;
	text: string;
}

/** What a test's handler answers: a status (200 by default), headers, and a body as text, JSON or bytes. */
export interface FakeRequestUrlAnswer {
	status?: number;
	headers?: Record<string, string>;
	text?: string;
	json?: unknown;
	arrayBuffer?: ArrayBuffer;
}

export type RequestUrlHandler = (request: RequestUrlParam) => FakeRequestUrlAnswer | Promise<FakeRequestUrlAnswer>;

// Kept before any test stubs the global fetch (to play a CORS refusal), so loopback requests still go through.
const nodeFetch = globalThis.fetch;

/**
 * The default: servers the test runs on this machine (127.0.0.1, localhost) are reached, as requestUrl would
 * reach them; anything else rejects, so that no test touches the network.
 */
export const loopbackOnly: RequestUrlHandler = async (request) => {
	const host = new URL(request.url).hostname;
	if (host !== "127.0.0.1" && host !== "localhost") throw new Error(`requestUrl: no network in tests (${request.url}); set one with setRequestUrlHandler`);
	const response = await nodeFetch(request.url, {
		method: request.method ?? "GET",
		...(request.headers ? { headers: request.headers } : {}),
		...(typeof request.body === "string" ? { body: request.body } : {}),
	});
	const headers: Record<string, string> = {};
	response.headers.forEach((value, name) => (headers[name] = value));
	return { status: response.status, headers, text: await response.text() };
};
let requestUrlHandler: RequestUrlHandler = loopbackOnly;

/** Every request passed to requestUrl, in order (string requests as `{ url }`). */
export const requestUrlCalls: RequestUrlParam[] = [];

export function setRequestUrlHandler(handler: RequestUrlHandler): void {
	requestUrlHandler = handler;
}

/**
 * Answers from the test's handler (default: loopback servers only, anything else rejects "no network in tests").
 * Header names come back lower-cased.
 * Unless `throw: false`, a status >= 400 rejects with Error("Request failed, status N") carrying `status`.
 */
export function requestUrl(request: RequestUrlParam | string): Promise<RequestUrlResponse> & {
	arrayBuffer: Promise<ArrayBuffer>;
	json: Promise<any>;
	text: Promise<string>;
} {
	const req = typeof request === "string" ? { url: request } : request;
	requestUrlCalls.push(req);
	const response = (async (): Promise<RequestUrlResponse> => {
		const answer = await requestUrlHandler(req);
		const status = answer.status ?? 200;
		const headers: Record<string, string> = {};
		if (answer.json !== undefined) headers["content-type"] = "application/json";
		for (const [k, v] of Object.entries(answer.headers ?? {})) headers[k.toLowerCase()] = v;
		const text = answer.text ?? (answer.json !== undefined ? JSON.stringify(answer.json) : undefined);
		const arrayBuffer = answer.arrayBuffer ?? new TextEncoder().encode(text ?? "").buffer;
		if (req.throw !== false && status >= 400) {
			throw Object.assign(new Error(`Request failed, status ${status}`), { status, headers });
		}
		return {
			status,
			headers,
			arrayBuffer,
			get text() {
				return new TextDecoder().decode(arrayBuffer);
			},
			get json() {
				return JSON.parse(new TextDecoder().decode(arrayBuffer));
			},
		};
	})();
	const derived = <T>(pick: (r: RequestUrlResponse) => T) => ({ get: () => response.then(pick), enumerable: true });
	return Object.defineProperties(response, {
		arrayBuffer: derived((r) => r.arrayBuffer),
		json: derived((r) => r.json),
		text: derived((r) => r.text),
	}) as ReturnType<typeof requestUrl>;
}

// ---------------------------------------------------------------------------------------------------------------
// SecretStorage and App

export class SecretStorage extends Events {
	private readonly secrets = new Map<string, string>();
	/** Throws unless the id is lowercase letters, digits and dashes (as obsidian.d.ts documents). */
	setSecret(id: string, secret: string): void {
		if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`Invalid secret ID "${id}": use lowercase letters, digits and dashes`);
		this.secrets.set(id, secret);
	}
	/** null when absent (an invalid id is simply absent). */
	getSecret(id: string): string | null {
		return this.secrets.get(id) ?? null;
	}
	listSecrets(): string[] {
		return [...this.secrets.keys()];
	}
}

export interface PluginManifest {
	dir?: string;
	id: string;
	name: string;
	author: string;
	version: string;
	minAppVersion: string;
	description: string;
	authorUrl?: string;
	isDesktopOnly?: boolean;
}

export interface Command {
	id: string;
	name: string;
	icon?: string;
	callback?: () => any;
	checkCallback?: (checking: boolean) => boolean | void;
	editorCallback?: (editor: Editor, ctx: MarkdownView) => any;
	editorCheckCallback?: (checking: boolean, editor: Editor, ctx: MarkdownView) => boolean | void;
	[key: string]: unknown;
}

export interface RibbonIcon {
	pluginId: string;
	icon: string;
	title: string;
	el: FakeElement;
}

export class App {
	vault = new Vault();
	workspace: Workspace = new Workspace(this, this.vault);
	metadataCache = new MetadataCache(this.vault);
	fileManager = new FileManager(this.vault);
	secretStorage = new SecretStorage();
	keymap = new Keymap();
	scope = new Scope();
	lastEvent: unknown = null;
	/** Fake-only registries, read through the helpers below. */
	readonly commands = new Map<string, Command>();
	readonly ribbonIcons: RibbonIcon[] = [];
	readonly settingTabs: { pluginId: string; tab: PluginSettingTab }[] = [];
	/** data.json text per plugin id, exactly as saveData wrote it. */
	readonly pluginData = new Map<string, string>();
	/** `obsidian://<action>` handlers, by action. */
	readonly protocolHandlers = new Map<string, (params: Obsidian.ObsidianProtocolData) => unknown>();
	readonly ribbonEl = createFakeEl("div", "side-dock-ribbon");
	readonly statusBarEl = createFakeEl("div", "status-bar");
	private readonly localStorage = new Map<string, string>();

	isDarkMode(): boolean {
		return false;
	}
	loadLocalStorage(key: string): any | null {
		const text = this.localStorage.get(key);
		return text === undefined ? null : JSON.parse(text);
	}
	saveLocalStorage(key: string, data: unknown | null): void {
		if (data === null || data === undefined) this.localStorage.delete(key);
		else this.localStorage.set(key, JSON.stringify(data));
	}
}

export abstract class Plugin extends Component {
	app: App;
	manifest: PluginManifest;
	settings?: unknown;

	constructor(app: App, manifest: PluginManifest) {
		super();
		this.app = app;
		this.manifest = manifest;
	}
	override onload(): Promise<void> | void {}

	addRibbonIcon(icon: string, title: string, callback: (evt: any) => any): FakeElement {
		const el = this.app.ribbonEl.createDiv({ cls: "side-dock-ribbon-action clickable-icon", attr: { "aria-label": title } });
		setIcon(el, icon);
		el.addEventListener("click", (evt) => track(callback(evt)));
		const record = { pluginId: this.manifest.id, icon, title, el };
		this.app.ribbonIcons.push(record);
		this.register(() => {
			el.detach();
			this.app.ribbonIcons.splice(this.app.ribbonIcons.indexOf(record), 1);
		});
		return el;
	}
	addStatusBarItem(): FakeElement {
		const el = this.app.statusBarEl.createDiv(`status-bar-item plugin-${this.manifest.id}`);
		this.register(() => el.detach());
		return el;
	}
	/** Prefixes id and name with the plugin's (on the object passed, as Obsidian does); removed on unload. */
	addCommand(command: Command): Command {
		const localId = command.id;
		command.id = `${this.manifest.id}:${localId}`;
		command.name = `${this.manifest.name}: ${command.name}`;
		this.app.commands.set(command.id, command);
		this.register(() => this.removeCommand(localId));
		return command;
	}
	removeCommand(commandId: string): void {
		this.app.commands.delete(`${this.manifest.id}:${commandId}`);
	}
	addSettingTab(settingTab: PluginSettingTab): void {
		const record = { pluginId: this.manifest.id, tab: settingTab };
		this.app.settingTabs.push(record);
		settingTab.update();
		this.register(() => this.app.settingTabs.splice(this.app.settingTabs.indexOf(record), 1));
	}
	/** Obsidian refuses a second handler for an action; the handler goes with the plugin. */
	registerObsidianProtocolHandler(action: string, handler: (params: Obsidian.ObsidianProtocolData) => unknown): void {
		if (this.app.protocolHandlers.has(action)) throw new Error(`protocol handler already registered: ${action}`);
		this.app.protocolHandlers.set(action, handler);
		this.register(() => this.app.protocolHandlers.delete(action));
	}
	/** The parsed data.json, or null when there is none. */
	async loadData(): Promise<any> {
		const text = this.app.pluginData.get(this.manifest.id);
		return text === undefined ? null : JSON.parse(text);
	}
	/** Writes data.json as Obsidian does: JSON.stringify(data, null, 2). */
	async saveData(data: any): Promise<void> {
		this.app.pluginData.set(this.manifest.id, JSON.stringify(data, null, 2));
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Test helpers. They take the app as the glue sees it (obsidian.d.ts types) and return glue-typed objects.

export interface FakeAppOptions {
	/** Files by path (normalized, e.g. "Notes/a.md"); parent folders are created. */
	files?: Record<string, string>;
	/** Extra (empty) folders. */
	folders?: string[];
	/** Secrets in SecretStorage, by id. */
	secrets?: Record<string, string>;
	/** data.json per plugin id: a value is saved as saveData would, a string is taken as the file's exact text. */
	pluginData?: Record<string, unknown>;
	/** false: onLayoutReady callbacks wait for markLayoutReady(app). Default true. */
	layoutReady?: boolean;
}

function fake(app: Obsidian.App | App): App {
	if (!(app instanceof App)) throw new Error("not an app made by createFakeApp");
	return app;
}

/** A fresh app with the given vault content. Synchronous: files are in place when it returns. */
export function createFakeApp(options: FakeAppOptions = {}): Obsidian.App {
	const app = new App();
	for (const folder of options.folders ?? []) app.vault.ensureFolder(normalizePath(folder));
	for (const [path, text] of Object.entries(options.files ?? {})) {
		const p = normalizePath(path);
		if (p.includes("/")) app.vault.ensureFolder(p.slice(0, p.lastIndexOf("/")));
		app.vault.createNow(p, text);
	}
	for (const [id, secret] of Object.entries(options.secrets ?? {})) app.secretStorage.setSecret(id, secret);
	for (const [id, data] of Object.entries(options.pluginData ?? {})) app.pluginData.set(id, typeof data === "string" ? data : JSON.stringify(data, null, 2));
	app.workspace.layoutReady = options.layoutReady ?? true;
	return app as unknown as Obsidian.App;
}

/**
 * Opens an `obsidian://action?key=value` URI as Obsidian does: the action is what follows `obsidian://`, each query
 * parameter is decoded, one without a value is "true", and `action` is added. False when no handler takes the action.
 */
export function openObsidianUri(app: Obsidian.App, uri: string): boolean {
	const url = new URL(uri);
	if (url.protocol !== "obsidian:") throw new Error(`not an obsidian:// URI: ${uri}`);
	const action = url.hostname || url.pathname.replace(/^\/+/, "");
	const handler = fake(app).protocolHandlers.get(action);
	if (!handler) return false;
	const params: Obsidian.ObsidianProtocolData = { action };
	for (const [key, value] of url.searchParams) params[key] = value === "" ? "true" : value;
	track(handler(params));
	return true;
}

/** The fake App behind an obsidian-typed app, for its registries (commands, ribbonIcons, settingTabs, pluginData). */
export function fakeApp(app: Obsidian.App): App {
	return fake(app);
}

/** The repository's manifest.json (plus `dir`), or a variant. */
export function fakeManifest(patch: Partial<PluginManifest> = {}): Obsidian.PluginManifest {
	return { ...manifestJson, dir: `.obsidian/plugins/${manifestJson.id}`, ...patch };
}

/** Loads the plugin as Obsidian does and waits for an async onload (and anything it started via the fake UI). */
export async function loadPlugin(plugin: Obsidian.Plugin): Promise<void> {
	const p = plugin as unknown as Plugin;
	p.load();
	await p.onloadResult;
	await settle();
}

/** Disables the plugin: runs its registered cleanups and onunload. */
export function unloadPlugin(plugin: Obsidian.Plugin): void {
	(plugin as unknown as Plugin).unload();
}

/** A file's current text, or null when there is no file at that exact path. */
export function fileText(app: Obsidian.App, path: string): string | null {
	const file = fake(app).vault.getFileByPath(path);
	return file ? fake(app).vault.contentOf(file) : null;
}

/** Every file path in the vault, sorted. */
export function filePaths(app: Obsidian.App): string[] {
	return fake(app)
		.vault.getFiles()
		.map((f) => f.path)
		.sort();
}

/**
 * Opens a note as the active MarkdownView. `selection` is a substring (its first occurrence is selected; throws if
 * absent) or `{ from, to }` offsets (anchor and head; equal for a cursor).
 */
export function openNote(app: Obsidian.App, path: string, selection?: string | { from: number; to: number }): Obsidian.MarkdownView {
	const a = fake(app);
	const file = a.vault.getFileByPath(path);
	if (!file) throw new Error(`openNote: no file "${path}"`);
	const view = a.workspace.show(a.workspace.getLeaf(false), file, true);
	if (selection !== undefined) {
		const text = view.editor.getValue();
		const from = typeof selection === "string" ? text.indexOf(selection) : selection.from;
		if (from < 0) throw new Error(`openNote: "${String(selection)}" is not in ${path}`);
		const to = typeof selection === "string" ? from + selection.length : selection.to;
		view.editor.setSelection(view.editor.offsetToPos(from), view.editor.offsetToPos(to));
	}
	return view as unknown as Obsidian.MarkdownView;
}

/** Closes every view: no active view, no active editor. */
export function closeAllViews(app: Obsidian.App): void {
	fake(app).workspace.detachAll();
}

/** Files opened through getLeaf(…).openFile, with the getLeaf argument. */
export function openedFiles(app: Obsidian.App): { path: string; newLeaf: boolean | "tab" | "split" | "window" }[] {
	return [...fake(app).workspace.openedFiles];
}

/** Paths passed to fileManager.trashFile, in order. */
export function trashedFiles(app: Obsidian.App): string[] {
	return [...fake(app).fileManager.trashed];
}

/** Runs onLayoutReady callbacks of an app created with `layoutReady: false`. */
export function markLayoutReady(app: Obsidian.App): void {
	fake(app).workspace.markLayoutReady();
}

/** Right-click in the active editor: a Menu built by the "editor-menu" handlers (throws without an active note). */
export function openEditorMenu(app: Obsidian.App): Menu {
	const view = fake(app).workspace.activeEditor;
	if (!view) throw new Error("openEditorMenu: no active Markdown view (use openNote)");
	const menu = new Menu();
	app.workspace.trigger("editor-menu", menu, view.editor, view);
	menu.showAtPosition({ x: 0, y: 0 });
	return menu;
}

/** Full ids (`plugin-id:command-id`) of the registered commands. */
export function commandIds(app: Obsidian.App): string[] {
	return [...fake(app).commands.keys()];
}

/**
 * Runs a command as the command palette does: an editor command needs an active Markdown view; a check callback is
 * asked first with checking=true and run only if it allows. Resolves to whether the command was available, after
 * the callbacks' promises settle (a promise the glue drops with `void` is not waited for: use vi.waitFor).
 */
export async function runCommand(app: Obsidian.App, id: string): Promise<boolean> {
	const a = fake(app);
	const cmd = a.commands.get(id);
	if (!cmd) throw new Error(`No command "${id}"; commands: ${JSON.stringify(commandIds(app))}`);
	const view = a.workspace.activeEditor;
	let ran = true;
	if (cmd.editorCheckCallback) {
		ran = !!view && cmd.editorCheckCallback(true, view.editor, view) !== false;
		if (ran && view) track(cmd.editorCheckCallback(false, view.editor, view));
	} else if (cmd.editorCallback) {
		ran = !!view;
		if (view) track(cmd.editorCallback(view.editor, view));
	} else if (cmd.checkCallback) {
		ran = cmd.checkCallback(true) !== false;
		if (ran) track(cmd.checkCallback(false));
	} else if (cmd.callback) track(cmd.callback());
	else ran = false;
	await settle();
	return ran;
}

/** The ribbon icons added by plugins. */
export function ribbonIcons(app: Obsidian.App): { pluginId: string; icon: string; title: string }[] {
	return fake(app).ribbonIcons.map(({ pluginId, icon, title }) => ({ pluginId, icon, title }));
}

/** Clicks the ribbon icon with this title and waits for its callback to settle. */
export async function clickRibbonIcon(app: Obsidian.App, title: string): Promise<void> {
	const found = fake(app).ribbonIcons.find((r) => r.title === title);
	if (!found) throw new Error(`No ribbon icon "${title}"; icons: ${JSON.stringify(ribbonIcons(app).map((r) => r.title))}`);
	found.el.click();
	await settle();
}

/** Opens a plugin's settings tab (the only one when no id is given) as Obsidian does: display(). Returns its container. */
export function displaySettingTab(app: Obsidian.App, pluginId?: string): FakeElement {
	const tabs = fake(app).settingTabs.filter((t) => pluginId === undefined || t.pluginId === pluginId);
	if (tabs.length !== 1) throw new Error(`${tabs.length} setting tabs${pluginId ? ` for ${pluginId}` : ""}`);
	const { tab } = tabs[0] as { tab: PluginSettingTab };
	tab.containerEl.empty();
	if (tab.getSettingDefinitions().length === 0) tab.display();
	return tab.containerEl;
}

/** The exact text of a plugin's data.json, or null when nothing was saved. */
export function pluginDataJson(app: Obsidian.App, pluginId: string = manifestJson.id): string | null {
	return fake(app).pluginData.get(pluginId) ?? null;
}

/** Resets module-wide state between tests: notices, modals, requestUrl handler and calls, Platform, language. */
export function resetFake(): void {
	resetNotices();
	resetModals();
	requestUrlHandler = loopbackOnly;
	requestUrlCalls.length = 0;
	Object.assign(Platform, DEFAULT_PLATFORM);
	language = "en";
}
