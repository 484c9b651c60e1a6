/**
 * Contract tests of the `obsidian` fake: the semantics of real Obsidian that the glue and its tests rely on.
 * If one of these is wrong about Obsidian, fix the fake and this test together.
 */
import type { App, PluginManifest } from "obsidian";
import * as ObsidianAlias from "obsidian";
import {
	MarkdownView,
	Modal as ObsidianModal,
	Plugin as ObsidianPlugin,
	PluginSettingTab as ObsidianSettingTab,
	Setting as ObsidianSetting,
	TFile,
	TFolder,
} from "obsidian";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import * as Fake from "./obsidian-fake";
import {
	buttonByText,
	clickMenuItem,
	clickRibbonIcon,
	closeAllViews,
	commandIds,
	componentOf,
	createFakeApp,
	debounce,
	displaySettingTab,
	DropdownComponent,
	fakeManifest,
	filePaths,
	fileText,
	Keymap,
	loadPlugin,
	markLayoutReady,
	menuTitles,
	normalizePath,
	Notice,
	notices,
	openedFiles,
	openEditorMenu,
	openModals,
	openNote,
	openObsidianUri,
	parseYaml,
	pluginDataJson,
	requestUrl,
	requestUrlCalls,
	resetFake,
	ribbonIcons,
	runCommand,
	SecretComponent,
	setPlatform,
	setRequestUrlHandler,
	Setting,
	settingByName,
	settingNames,
	SliderComponent,
	stringifyYaml,
	TextAreaComponent,
	TextComponent,
	ToggleComponent,
	trashedFiles,
	unloadPlugin,
	userClicks,
	userCreatesSecret,
	userSelects,
	userSlides,
	userToggles,
	userTypes,
	visibleNotices,
	YAMLParseError,
} from "./obsidian-fake";
import { createFakeEl } from "./obsidian-fake-dom";

beforeEach(() => resetFake());

describe("module", () => {
	it("is the same module whether imported as obsidian or as the fake", () => {
		expect(ObsidianAlias.Notice).toBe(Notice);
		expect(ObsidianAlias.MarkdownView).toBe(Fake.MarkdownView);
		expect(ObsidianAlias.TFile).toBe(Fake.TFile);
	});
});

describe("normalizePath", () => {
	it.each([
		["a//b/", "a/b"],
		["/a/b", "a/b"],
		["a\\b\\\\c", "a/b/c"],
		["\\", "/"],
		["", "/"],
		["///", "/"],
		["a\u00A0b\u202Fc", "a b c"],
		["../x/./y", "../x/./y"],
		["a/../b", "a/../b"],
		["Cafe\u0301.md", "Café.md"],
	])("%j → %j", (input, output) => {
		expect(normalizePath(input)).toBe(output);
	});
});

describe("Vault", () => {
	it("vault.adapter reads and writes files in the config folder, and refuses note paths and unnormalized ones", async () => {
		const app = createFakeApp({});
		const path = ".obsidian/plugins/test/cache.json";
		expect(await app.vault.adapter.exists(path)).toBe(false);
		await expect(app.vault.adapter.read(path)).rejects.toThrow("ENOENT");
		await app.vault.adapter.write(path, "{}");
		expect(await app.vault.adapter.exists(path)).toBe(true);
		expect(await app.vault.adapter.read(path)).toBe("{}");
		expect(app.vault.getAbstractFileByPath(path)).toBeNull();
		await expect(app.vault.adapter.write("Notes/a.md", "x")).rejects.toThrow("only the config folder");
		await expect(app.vault.adapter.write(".obsidian//plugins/x", "x")).rejects.toThrow("not normalized");
	});

	it("creates a file with its parent and stat, and rejects an existing path", async () => {
		const app = createFakeApp({ folders: ["Notes"] });
		const file = await app.vault.create("Notes/a.md", "hello");
		expect(file).toBeInstanceOf(TFile);
		expect([file.path, file.name, file.basename, file.extension, file.parent?.path]).toEqual(["Notes/a.md", "a.md", "a", "md", "Notes"]);
		expect(file.stat.size).toBe(5);
		expect(app.vault.getFileByPath("Notes/a.md")).toBe(file);
		expect(app.vault.getFolderByPath("Notes")?.children).toContain(file);
		await expect(app.vault.create("Notes/a.md", "again")).rejects.toThrow("File already exists.");
		await expect(app.vault.create("Notes", "x")).rejects.toThrow("File already exists.");
		expect(fileText(app, "Notes/a.md")).toBe("hello");
	});

	it("rejects a create whose parent folder is missing", async () => {
		const app = createFakeApp();
		await expect(app.vault.create("Missing/a.md", "x")).rejects.toThrow(/ENOENT/);
		expect(app.vault.getAbstractFileByPath("Missing")).toBeNull();
	});

	it("rejects paths normalizePath would change, so the glue must normalize", async () => {
		const app = createFakeApp();
		await expect(app.vault.create("/a.md", "x")).rejects.toThrow(/normalizePath/);
		await expect(app.vault.createFolder("a//b")).rejects.toThrow(/normalizePath/);
		expect(app.vault.getAbstractFileByPath("/a.md")).toBeNull();
	});

	it("creates folders with their parents and rejects an existing one", async () => {
		const app = createFakeApp({ files: { "x.md": "" } });
		const folder = await app.vault.createFolder("a/b/c");
		expect(folder).toBeInstanceOf(TFolder);
		expect(app.vault.getFolderByPath("a/b")?.children).toEqual([folder]);
		await expect(app.vault.createFolder("a/b")).rejects.toThrow("Folder already exists.");
		await expect(app.vault.createFolder("x.md")).rejects.toThrow("Folder already exists.");
		expect(app.vault.getRoot().isRoot()).toBe(true);
		expect(app.vault.getAbstractFileByPath("/")).toBe(app.vault.getRoot());
	});

	it("reads, modifies, processes, deletes and fires events", async () => {
		const app = createFakeApp({ files: { "a.md": "one", "b.txt": "two" } });
		const seen: string[] = [];
		const refs = (["create", "modify", "delete"] as const).map((name) => app.vault.on(name as "create", (f) => seen.push(`${name} ${f.path}`)));
		const a = app.vault.getFileByPath("a.md") as TFile;
		expect(await app.vault.read(a)).toBe("one");
		await app.vault.modify(a, "uno");
		expect(await app.vault.process(a, (t) => `${t}!`)).toBe("uno!");
		expect(await app.vault.cachedRead(a)).toBe("uno!");
		await app.vault.create("c.md", "");
		await app.vault.delete(a);
		await expect(app.vault.read(a)).rejects.toThrow(/ENOENT/);
		for (const ref of refs) app.vault.offref(ref);
		await app.vault.create("d.md", "");
		expect(seen).toEqual(["modify a.md", "modify a.md", "create c.md", "delete a.md"]);
		expect(app.vault.getMarkdownFiles().map((f) => f.path)).toEqual(["c.md", "d.md"]);
		expect(filePaths(app)).toEqual(["b.txt", "c.md", "d.md"]);
		expect(app.vault.configDir).toBe(".obsidian");
	});
});

describe("frontmatter", () => {
	const note =
		'---\ntitle: "A \\"quoted\\" title"\nsource: \'it\'\'s\'\nplain: hello world\ncount: 3\ndone: false\ntags:\n  - "video"\n  - summary\nempty: []\n---\n# Body\n';

	it("round-trips through processFrontMatter", async () => {
		const app = createFakeApp({ files: { "n.md": note } });
		const file = app.vault.getFileByPath("n.md") as TFile;
		let seen: unknown;
		await app.fileManager.processFrontMatter(file, (fm) => {
			seen = { ...fm };
			fm.count = 4;
			delete fm.plain;
		});
		expect(seen).toEqual({ title: 'A "quoted" title', source: "it's", plain: "hello world", count: 3, done: false, tags: ["video", "summary"], empty: [] });
		const text = fileText(app, "n.md") as string;
		expect(text.endsWith("---\n# Body\n")).toBe(true);
		expect(app.metadataCache.getFileCache(file)?.frontmatter).toEqual({
			title: 'A "quoted" title',
			source: "it's",
			count: 4,
			done: false,
			tags: ["video", "summary"],
			empty: [],
		});
	});

	it("adds frontmatter to a note without, and throws on garbage without writing", async () => {
		const app = createFakeApp({ files: { "a.md": "body\n", "bad.md": "---\ntitle: [unclosed\n---\nx" } });
		await app.fileManager.processFrontMatter(app.vault.getFileByPath("a.md") as TFile, (fm) => (fm.k = "v: w"));
		expect(fileText(app, "a.md")).toBe('---\nk: "v: w"\n---\nbody\n');
		const bad = app.vault.getFileByPath("bad.md") as TFile;
		await expect(app.fileManager.processFrontMatter(bad, () => undefined)).rejects.toThrow(YAMLParseError);
		expect(app.metadataCache.getFileCache(bad)).toEqual({});
	});

	it("parses and stringifies the YAML subset", () => {
		expect(parseYaml("a: 1\nb: ~\nc: 'x'\nd: [1, \"two\"]\n")).toEqual({ a: 1, b: null, c: "x", d: [1, "two"] });
		for (const garbage of ["a: b: c", "- x", "a: 1\na: 2", "a:\n  b: 1", 'a: "x', "just text"]) expect(() => parseYaml(garbage)).toThrow(YAMLParseError);
		expect(stringifyYaml({ a: "plain", b: "true", c: ["x"], d: 2 })).toBe('a: plain\nb: "true"\nc:\n  - x\nd: 2\n');
	});
});

describe("FileManager", () => {
	it("trashes, links and picks the root for new files", async () => {
		const app = createFakeApp({ files: { "a/Note.md": "", "b/Note.md": "", "Other.md": "" } });
		const other = app.vault.getFileByPath("Other.md") as TFile;
		expect(app.fileManager.generateMarkdownLink(other, "")).toBe("[[Other]]");
		expect(app.fileManager.generateMarkdownLink(app.vault.getFileByPath("a/Note.md") as TFile, "")).toBe("[[a/Note]]");
		expect(app.fileManager.getNewFileParent("a/Note.md")).toBe(app.vault.getRoot());
		await app.fileManager.trashFile(other);
		expect(trashedFiles(app)).toEqual(["Other.md"]);
		expect(app.vault.getFileByPath("Other.md")).toBeNull();
	});
});

describe("Editor and workspace", () => {
	const text = "line one\nline two\nline three";

	it("opens a note with a selection and reads ranges and cursors", () => {
		const app = createFakeApp({ files: { "n.md": text } });
		const view = openNote(app, "n.md", "two\nline");
		expect(app.workspace.getActiveViewOfType(MarkdownView)).toBe(view);
		expect(app.workspace.getActiveFile()?.path).toBe("n.md");
		expect(app.workspace.activeEditor?.editor).toBe(view.editor);
		const ed = view.editor;
		expect(ed.somethingSelected()).toBe(true);
		expect(ed.getSelection()).toBe("two\nline");
		expect(ed.getCursor("from")).toEqual({ line: 1, ch: 5 });
		expect(ed.getCursor("to")).toEqual({ line: 2, ch: 4 });
		expect(ed.getCursor()).toEqual({ line: 2, ch: 4 });
		expect(ed.getRange({ line: 0, ch: 5 }, { line: 1, ch: 4 })).toBe("one\nline");
		expect([ed.lineCount(), ed.lastLine(), ed.getLine(2)]).toEqual([3, 2, "line three"]);
		expect(ed.posToOffset({ line: 1, ch: 99 })).toBe(17);
		expect(ed.posToOffset({ line: 9, ch: 0 })).toBe(text.length);
		expect(ed.offsetToPos(14)).toEqual({ line: 1, ch: 5 });
		expect(ed.listSelections()).toEqual([{ anchor: { line: 1, ch: 5 }, head: { line: 2, ch: 4 } }]);
		expect(() => ed.getLine(3)).toThrow(RangeError);
		openNote(app, "n.md", { from: 3, to: 3 });
		expect(app.workspace.activeEditor?.editor?.somethingSelected()).toBe(false);
	});

	it("replaceRange at the selection end keeps the selection and saves to the vault", () => {
		const app = createFakeApp({ files: { "n.md": text } });
		const ed = openNote(app, "n.md", "two").editor;
		ed.replaceRange("\n\nINSERTED", ed.getCursor("to"));
		expect(ed.getSelection()).toBe("two");
		expect(fileText(app, "n.md")).toBe("line one\nline two\n\nINSERTED\nline three");
		ed.replaceRange("X", { line: 0, ch: 0 }, { line: 0, ch: 4 });
		expect(ed.getSelection()).toBe("two");
		expect(ed.getCursor("from")).toEqual({ line: 1, ch: 5 });
		ed.replaceSelection("2");
		expect(ed.getValue()).toBe("X one\nline 2\n\nINSERTED\nline three");
		expect(ed.somethingSelected()).toBe(false);
		expect(ed.getCursor()).toEqual({ line: 1, ch: 6 });
	});

	it("reloads an open editor when the file changes in the vault", async () => {
		const app = createFakeApp({ files: { "n.md": text } });
		const ed = openNote(app, "n.md").editor;
		await app.vault.modify(app.vault.getFileByPath("n.md") as TFile, "new text");
		expect(ed.getValue()).toBe("new text");
	});

	it("records getLeaf('tab').openFile, activates the new view, and closes all views", async () => {
		const app = createFakeApp({ files: { "a.md": "A", "b.md": "B" } });
		openNote(app, "a.md");
		await app.workspace.getLeaf("tab").openFile(app.vault.getFileByPath("b.md") as TFile);
		expect(openedFiles(app)).toEqual([{ path: "b.md", newLeaf: "tab" }]);
		expect(app.workspace.getActiveViewOfType(MarkdownView)?.file?.path).toBe("b.md");
		closeAllViews(app);
		expect(app.workspace.getActiveViewOfType(MarkdownView)).toBeNull();
		expect(app.workspace.activeEditor).toBeNull();
	});
});

/** Written like the glue: against obsidian.d.ts types, running on the fake. */
class TestPlugin extends ObsidianPlugin {
	saw: string[] = [];
	override async onload(): Promise<void> {
		await Promise.resolve();
		this.addCommand({ id: "plain", name: "Plain", callback: () => this.saw.push("plain") });
		this.addCommand({
			id: "needs-selection",
			name: "Needs selection",
			editorCheckCallback: (checking, editor) => {
				if (!editor.somethingSelected()) return false;
				if (!checking) this.saw.push(`selected ${editor.getSelection()}`);
				return true;
			},
		});
		this.addRibbonIcon("list-video", "Do it", async () => {
			await Promise.resolve();
			this.saw.push("ribbon");
		});
		this.registerEvent(
			this.app.workspace.on("editor-menu", (menu, editor) => {
				menu.addItem((item) =>
					item
						.setTitle("Re-summarize selection")
						.setIcon("list-video")
						.onClick(() => this.saw.push(editor.getSelection())),
				);
			}),
		);
		this.addSettingTab(new TestTab(this.app, this));
	}
}

class TestTab extends ObsidianSettingTab {
	constructor(
		app: App,
		readonly owner: TestPlugin,
	) {
		super(app, owner);
	}
	override display(): void {
		this.containerEl.empty();
		new ObsidianSetting(this.containerEl).setName("Heading").setHeading();
		new ObsidianSetting(this.containerEl).setName("Name").addText((t) => t.setValue("start").onChange(async (v) => this.owner.saveData({ name: v })));
	}
}

function newPlugin(app: App, manifest: PluginManifest = fakeManifest({ id: "test", name: "Test" })): TestPlugin {
	return new TestPlugin(app, manifest);
}

describe("Plugin", () => {
	it("opens obsidian:// URIs as Obsidian does: decoded parameters, `action` added, a bare key true, the handler gone on unload", async () => {
		const app = createFakeApp({});
		const plugin = newPlugin(app);
		await loadPlugin(plugin);
		const seen: unknown[] = [];
		plugin.registerObsidianProtocolHandler("my-action", (params) => seen.push(params));
		expect(() => plugin.registerObsidianProtocolHandler("my-action", () => undefined)).toThrow("already registered");
		expect(openObsidianUri(app, "obsidian://my-action?url=https%3A%2F%2Fyoutu.be%2Fabc%3Ft%3D1&go")).toBe(true);
		expect(seen).toEqual([{ action: "my-action", url: "https://youtu.be/abc?t=1", go: "true" }]);
		expect(openObsidianUri(app, "obsidian://other?x=1")).toBe(false);
		unloadPlugin(plugin);
		expect(openObsidianUri(app, "obsidian://my-action?url=x")).toBe(false);
	});

	it("prefixes commands, runs them as Obsidian does, and removes everything on unload", async () => {
		const app = createFakeApp({ files: { "n.md": "pick me" } });
		const plugin = newPlugin(app);
		await loadPlugin(plugin);
		expect(commandIds(app)).toEqual(["test:plain", "test:needs-selection"]);
		expect(ribbonIcons(app)).toEqual([{ pluginId: "test", icon: "list-video", title: "Do it" }]);
		expect(await runCommand(app, "test:plain")).toBe(true);
		expect(await runCommand(app, "test:needs-selection")).toBe(false);
		openNote(app, "n.md");
		expect(await runCommand(app, "test:needs-selection")).toBe(false);
		openNote(app, "n.md", "pick");
		expect(await runCommand(app, "test:needs-selection")).toBe(true);
		await clickRibbonIcon(app, "Do it");
		const menu = openEditorMenu(app);
		expect(menuTitles(menu)).toEqual(["Re-summarize selection"]);
		await clickMenuItem(menu, "Re-summarize selection");
		expect(plugin.saw).toEqual(["plain", "selected pick", "ribbon", "pick"]);

		unloadPlugin(plugin);
		expect(commandIds(app)).toEqual([]);
		expect(ribbonIcons(app)).toEqual([]);
		expect(menuTitles(openEditorMenu(app))).toEqual([]);
		expect(() => displaySettingTab(app, "test")).toThrow();
	});

	it("keeps saved data as the JSON text Obsidian writes to data.json", async () => {
		const app = createFakeApp({ pluginData: { other: { x: 1 } } });
		const plugin = newPlugin(app);
		expect(await plugin.loadData()).toBeNull();
		await plugin.saveData({ a: "b", n: [1] });
		expect(pluginDataJson(app, "test")).toBe('{\n  "a": "b",\n  "n": [\n    1\n  ]\n}');
		expect(await plugin.loadData()).toEqual({ a: "b", n: [1] });
		expect(pluginDataJson(app, "other")).toBe('{\n  "x": 1\n}');
	});

	it("displays the settings tab, and user input fires onChange (setValue does not)", async () => {
		const app = createFakeApp();
		const plugin = newPlugin(app);
		await loadPlugin(plugin);
		const tab = displaySettingTab(app, "test");
		expect(settingNames(tab)).toEqual(["Heading", "Name"]);
		const text = componentOf(settingByName(tab, "Name"), TextComponent);
		expect(text.getValue()).toBe("start");
		expect(pluginDataJson(app, "test")).toBeNull();
		await userTypes(text, "typed");
		expect(pluginDataJson(app, "test")).toBe('{\n  "name": "typed"\n}');
		expect(() => settingByName(tab, "Nope")).toThrow(/names: \["Heading","Name"\]/);
	});
});

describe("setting components", () => {
	it("dropdown, toggle, slider, button and secret behave like Obsidian's", async () => {
		const app = createFakeApp();
		const el = createFakeEl("div");
		const got: unknown[] = [];
		new Setting(el)
			.setName("All")
			.addDropdown((d) =>
				d
					.addOption("a", "A")
					.addOption("b", "B")
					.setValue("b")
					.onChange((v) => got.push(v)),
			)
			.addToggle((t) => t.onChange((v) => got.push(v)))
			.addSlider((s) =>
				s
					.setLimits(0, 1.5, 0.1)
					.setValue(0.2)
					.setDynamicTooltip()
					.onChange((v) => got.push(v)),
			)
			.addButton((b) => b.setButtonText("Go").onClick(() => got.push("click")))
			.addComponent((c) => new SecretComponent(app, c).setValue("old").onChange((v) => got.push(v)));
		const s = settingByName(el, "All");
		const dropdown = componentOf(s, DropdownComponent);
		expect(dropdown.getValue()).toBe("b");
		await userSelects(dropdown, "a");
		await expect(userSelects(dropdown, "zzz")).rejects.toThrow(/No option/);
		const toggle = componentOf(s, ToggleComponent);
		await userToggles(toggle);
		toggle.setValue(false); // Obsidian's toggle reports a change made by setValue too
		const slider = componentOf(s, SliderComponent);
		expect(slider.getValue()).toBe(0.2);
		await userSlides(slider, 9);
		await userSlides(slider, 0.34);
		const button = buttonByText(el, "Go");
		await userClicks(button);
		button.setDisabled(true);
		await expect(userClicks(button)).rejects.toThrow(/disabled/);
		await userCreatesSecret(componentOf(s, SecretComponent), "my-key", "sk-1");
		expect(() => app.secretStorage.setSecret("My_Key", "x")).toThrow();
		expect(got).toEqual(["a", true, false, 1.5, 0.3, "click", "my-key"]);
		expect(app.secretStorage.getSecret("my-key")).toBe("sk-1");
	});
});

describe("Modal", () => {
	it("records open modals so a test can fill and submit one", async () => {
		let submitted = "";
		class Ask extends ObsidianModal {
			override onOpen(): void {
				this.setTitle("Ask");
				new ObsidianSetting(this.contentEl).setName("Text").addTextArea((a) => a.onChange((v) => (submitted = v)));
				new ObsidianSetting(this.contentEl).addButton((b) =>
					b.setButtonText("OK").onClick(() => {
						this.close();
					}),
				);
			}
			override onClose(): void {
				this.contentEl.empty();
			}
		}
		new Ask(createFakeApp()).open();
		const [modal] = openModals();
		expect(modal?.titleEl.getText()).toBe("Ask");
		await userTypes(componentOf(settingByName(modal!.contentEl, "Text"), TextAreaComponent), "pasted");
		await userClicks(buttonByText(modal!.contentEl, "OK"));
		expect(submitted).toBe("pasted");
		expect(openModals()).toEqual([]);
	});

	it("appends text after an element's children, as Obsidian's Node.appendText does", () => {
		const modal = new ObsidianModal(createFakeApp());
		const p = modal.contentEl.createEl("p", { text: "run " });
		p.createEl("code", { text: "ollama pull" });
		p.appendText(", then again.");
		expect(p.getText()).toBe("run ollama pull, then again.");
	});
});

describe("Notice", () => {
	it("records every notice with duration, message history and hidden state", () => {
		const sticky = new Notice("starting…", 0);
		sticky.setMessage("step 2");
		sticky.hide();
		new Notice("done", 8000);
		expect(notices.map((n) => [n.messages, n.duration, n.hidden])).toEqual([
			[["starting…", "step 2"], 0, true],
			[["done"], 8000, false],
		]);
		expect(visibleNotices()).toEqual(["done"]);
		resetFake();
		expect(notices).toEqual([]);
	});
});

describe("App", () => {
	it("validates secret ids on set; getSecret is null when absent", () => {
		const app = createFakeApp({ secrets: { "api-key-1": "sk" } });
		expect(app.secretStorage.getSecret("api-key-1")).toBe("sk");
		expect(app.secretStorage.getSecret("nope")).toBeNull();
		for (const bad of ["", "Upper", "under_score", "space d", "dot.ted"]) expect(() => app.secretStorage.setSecret(bad, "x")).toThrow(/Invalid secret ID/);
		app.secretStorage.setSecret("b-2", "y");
		expect(app.secretStorage.listSecrets()).toEqual(["api-key-1", "b-2"]);
	});

	it("keeps local storage as JSON and runs onLayoutReady callbacks when the layout is ready", () => {
		const app = createFakeApp({ layoutReady: false });
		app.saveLocalStorage("k", { a: 1 });
		expect(app.loadLocalStorage("k")).toEqual({ a: 1 });
		app.saveLocalStorage("k", null);
		expect(app.loadLocalStorage("k")).toBeNull();
		const ran: string[] = [];
		app.workspace.onLayoutReady(() => ran.push("first"));
		expect(ran).toEqual([]);
		markLayoutReady(app);
		app.workspace.onLayoutReady(() => ran.push("second"));
		expect([ran, app.workspace.layoutReady]).toEqual([["first", "second"], true]);
	});
});

describe("requestUrl", () => {
	it("rejects by default: no network in tests", async () => {
		await expect(requestUrl("https://example.com")).rejects.toThrow(/no network in tests/);
	});

	it("throws on status >= 400 unless throw: false, with status on the error", async () => {
		setRequestUrlHandler((req) => (req.url.endsWith("/ok") ? { json: { hi: 1 }, headers: { "X-Id": "7" } } : { status: 429, text: "slow down" }));
		const ok = await requestUrl({ url: "https://h/ok", method: "POST", body: "{}" });
		expect([ok.status, ok.json, ok.text, ok.headers["x-id"]]).toEqual([200, { hi: 1 }, '{"hi":1}', "7"]);
		expect(await requestUrl("https://h/ok").json).toEqual({ hi: 1 });
		await expect(requestUrl("https://h/busy")).rejects.toMatchObject({ status: 429, message: "Request failed, status 429" });
		const soft = await requestUrl({ url: "https://h/busy", throw: false });
		expect([soft.status, soft.text, new TextDecoder().decode(soft.arrayBuffer)]).toEqual([429, "slow down", "slow down"]);
		expect(requestUrlCalls.map((c) => c.url)).toEqual(["https://h/ok", "https://h/ok", "https://h/busy", "https://h/busy"]);
	});
});

describe("small globals", () => {
	afterEach(() => vi.useRealTimers());

	it("Keymap.isModEvent follows Mod = Cmd on macOS, Ctrl elsewhere", () => {
		expect(Keymap.isModEvent({ ctrlKey: true })).toBe("tab");
		expect(Keymap.isModEvent({ ctrlKey: true, altKey: true })).toBe("split");
		expect(Keymap.isModEvent({ ctrlKey: true, altKey: true, shiftKey: true })).toBe("window");
		expect(Keymap.isModEvent({ button: 1 })).toBe("tab");
		setPlatform({ isMacOS: true, isLinux: false });
		expect(Keymap.isModEvent({ ctrlKey: true })).toBe(false);
		expect(Keymap.isModEvent({ metaKey: true })).toBe("tab");
	});

	it("debounce calls once with the latest arguments", () => {
		vi.useFakeTimers();
		const calls: number[] = [];
		const d = debounce((n: number) => calls.push(n), 100, true);
		d(1);
		vi.advanceTimersByTime(60);
		d(2);
		vi.advanceTimersByTime(60);
		expect(calls).toEqual([]);
		vi.advanceTimersByTime(60);
		expect(calls).toEqual([2]);
		d(3).cancel();
		vi.advanceTimersByTime(200);
		expect(calls).toEqual([2]);
	});
});
