/**
 * The workspace half of the `obsidian` fake: an Editor over a string, MarkdownView, WorkspaceLeaf and Workspace.
 * See README.md. Editor edits are written to the vault at once (Obsidian saves a moment later), and a vault change to
 * an open file reloads its editors.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- mirrors obsidian.d.ts */

import { Component } from "./obsidian-fake-ui";
import { Events, TFile, type Vault } from "./obsidian-fake-vault";

export interface EditorPosition {
	line: number;
	ch: number;
}
export interface EditorRange {
	from: EditorPosition;
	to: EditorPosition;
}
export interface EditorSelection {
	anchor: EditorPosition;
	head: EditorPosition;
}
export interface EditorSelectionOrCaret {
	anchor: EditorPosition;
	head?: EditorPosition;
}

interface Range {
	anchor: number;
	head: number;
}

/** Where `pos` goes when [from, to) is replaced by `length` characters (CodeMirror's mapPos, `assoc` -1 or 1). */
function mapPos(pos: number, from: number, to: number, length: number, assoc: -1 | 1): number {
	if (pos < from) return pos;
	if (pos > to) return pos + length - (to - from);
	if (from === to) return assoc < 0 ? pos : pos + length;
	if (pos === from) return from;
	if (pos === to) return from + length;
	return assoc < 0 ? from : from + length;
}

/**
 * Obsidian's Editor over a plain string, with one or more selections (the first is the main one). Positions are
 * clipped as Obsidian's CodeMirror 6 adapter does: a line before the first means offset 0, after the last means the
 * end of the document, `ch` past the line end means the line end.
 */
export class Editor {
	private doc: string;
	private ranges: Range[] = [{ anchor: 0, head: 0 }];
	private silent = false;

	constructor(
		text = "",
		private readonly onChange: (text: string) => void = () => undefined,
	) {
		this.doc = text;
	}

	getDoc(): this {
		return this;
	}
	refresh(): void {}
	focus(): void {}
	blur(): void {}
	hasFocus(): boolean {
		return false;
	}

	getValue(): string {
		return this.doc;
	}
	setValue(content: string): void {
		this.change(0, this.doc.length, content);
	}
	private lines(): string[] {
		return this.doc.split("\n");
	}
	/** Throws RangeError for a line outside the document, as CodeMirror does. */
	getLine(line: number): string {
		const text = this.lines()[line];
		if (text === undefined || line < 0) throw new RangeError(`Invalid line number ${line + 1} in ${this.lineCount()}-line document`);
		return text;
	}
	lineCount(): number {
		return this.lines().length;
	}
	lastLine(): number {
		return this.lineCount() - 1;
	}

	posToOffset(pos: EditorPosition): number {
		if (pos.line < 0) return 0;
		const lines = this.lines();
		if (pos.line >= lines.length) return this.doc.length;
		let start = 0;
		for (let i = 0; i < pos.line; i++) start += (lines[i] as string).length + 1;
		const length = (lines[pos.line] as string).length;
		if (!Number.isFinite(pos.ch)) return start + length;
		return pos.ch < 0 ? start + Math.max(0, length + pos.ch) : start + Math.min(length, pos.ch);
	}
	offsetToPos(offset: number): EditorPosition {
		const before = this.doc.slice(0, Math.max(0, Math.min(this.doc.length, offset)));
		const line = before.split("\n").length - 1;
		return { line, ch: before.length - before.lastIndexOf("\n") - 1 };
	}

	getRange(from: EditorPosition, to: EditorPosition): string {
		return this.doc.slice(this.posToOffset(from), this.posToOffset(to));
	}
	/** Replaces [from, to) (an insertion at `from` when `to` is omitted); selections move as CodeMirror maps them. */
	replaceRange(replacement: string, from: EditorPosition, to?: EditorPosition, _origin?: string): void {
		const a = this.posToOffset(from);
		const b = to ? this.posToOffset(to) : a;
		this.change(Math.min(a, b), Math.max(a, b), replacement);
	}
	/** Replaces every selection with the text and leaves a cursor after each insertion. */
	replaceSelection(replacement: string, _origin?: string): void {
		const order = this.ranges.map((r, i) => ({ i, from: Math.min(r.anchor, r.head), to: Math.max(r.anchor, r.head) })).sort((x, y) => y.from - x.from);
		const cursors: number[] = [];
		for (const { i, from, to } of order) {
			this.change(from, to, replacement);
			for (const [j, c] of cursors.entries()) cursors[j] = c + replacement.length - (to - from);
			cursors[i] = from + replacement.length;
		}
		this.ranges = this.ranges.map((_, i) => ({ anchor: cursors[i] ?? 0, head: cursors[i] ?? 0 }));
	}

	getSelection(): string {
		return this.ranges.map((r) => this.doc.slice(Math.min(r.anchor, r.head), Math.max(r.anchor, r.head))).join("\n");
	}
	somethingSelected(): boolean {
		return this.ranges.some((r) => r.anchor !== r.head);
	}
	getCursor(side: "from" | "to" | "head" | "anchor" = "head"): EditorPosition {
		const r = this.ranges[0] as Range;
		const at = side === "from" ? Math.min(r.anchor, r.head) : side === "to" ? Math.max(r.anchor, r.head) : r[side];
		return this.offsetToPos(at);
	}
	listSelections(): EditorSelection[] {
		return this.ranges.map((r) => ({ anchor: this.offsetToPos(r.anchor), head: this.offsetToPos(r.head) }));
	}
	setCursor(pos: EditorPosition | number, ch?: number): void {
		const p = typeof pos === "number" ? { line: pos, ch: ch ?? 0 } : pos;
		this.setSelection(p);
	}
	setSelection(anchor: EditorPosition, head?: EditorPosition): void {
		this.setSelections([{ anchor, ...(head ? { head } : {}) }]);
	}
	setSelections(ranges: EditorSelectionOrCaret[], main?: number): void {
		const all = ranges.map((r) => ({ anchor: this.posToOffset(r.anchor), head: this.posToOffset(r.head ?? r.anchor) }));
		const first = all.splice(main ?? 0, 1);
		this.ranges = [...first, ...all];
		if (this.ranges.length === 0) this.ranges = [{ anchor: 0, head: 0 }];
	}

	private change(from: number, to: number, text: string): void {
		this.doc = this.doc.slice(0, from) + text + this.doc.slice(to);
		this.ranges = this.ranges.map((r) => {
			if (r.anchor === r.head) {
				const p = mapPos(r.anchor, from, to, text.length, -1);
				return { anchor: p, head: p };
			}
			const forward = r.anchor < r.head;
			const lo = mapPos(Math.min(r.anchor, r.head), from, to, text.length, 1);
			const hi = Math.max(lo, mapPos(Math.max(r.anchor, r.head), from, to, text.length, -1));
			return forward ? { anchor: lo, head: hi } : { anchor: hi, head: lo };
		});
		if (!this.silent) this.onChange(this.doc);
	}

	/** Fake-only: the file changed on disk; take its text without writing it back. */
	reload(text: string): void {
		this.silent = true;
		try {
			this.setValue(text);
		} finally {
			this.silent = false;
		}
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Views and leaves

export class View extends Component {
	app: any;
	leaf: WorkspaceLeaf;
	constructor(leaf: WorkspaceLeaf) {
		super();
		this.leaf = leaf;
		this.app = leaf.app;
	}
	getViewType(): string {
		return "empty";
	}
	getDisplayText(): string {
		return "";
	}
}

export class MarkdownView extends View {
	file: TFile | null = null;
	editor: Editor = new Editor();

	override getViewType(): string {
		return "markdown";
	}
	getMode(): "source" | "preview" {
		return "source";
	}
	override getDisplayText(): string {
		return this.file?.basename ?? "";
	}
	getViewData(): string {
		return this.editor.getValue();
	}
	setViewData(data: string, _clear: boolean): void {
		this.editor.setValue(data);
	}
	clear(): void {}
}

export type PaneType = "tab" | "split" | "window";

export class WorkspaceLeaf extends Events {
	view: View;
	constructor(
		readonly workspace: Workspace,
		/** Test view: the `newLeaf` argument of the getLeaf call that created this leaf. */
		readonly createdWith: PaneType | boolean,
	) {
		super();
		this.view = new View(this);
	}
	get app(): any {
		return this.workspace.app;
	}
	/** Opens a Markdown file in this leaf and makes the leaf active (unless `openState.active` is false). */
	async openFile(file: TFile, openState?: { active?: boolean }): Promise<void> {
		this.workspace.openedFiles.push({ path: file.path, newLeaf: this.createdWith });
		this.workspace.show(this, file, openState?.active !== false);
	}
	getViewState(): { type: string } {
		return { type: this.view.getViewType() };
	}
	getDisplayText(): string {
		return this.view.getDisplayText();
	}
	detach(): void {
		this.workspace.detach(this);
	}
}

export class Workspace extends Events {
	layoutReady = true;
	activeLeaf: WorkspaceLeaf | null = null;
	/** Test view: every file opened through WorkspaceLeaf.openFile, with the getLeaf argument used. */
	readonly openedFiles: { path: string; newLeaf: PaneType | boolean }[] = [];
	private leaves: WorkspaceLeaf[] = [];
	private lastFile: TFile | null = null;
	private readyCallbacks: (() => any)[] = [];

	constructor(
		readonly app: any,
		private readonly vault: Vault,
	) {
		super();
		vault.on("modify", (file: TFile) => {
			const text = vault.contentOf(file);
			for (const leaf of this.leaves) {
				const v = leaf.view;
				if (v instanceof MarkdownView && v.file === file && v.editor.getValue() !== text) v.editor.reload(text);
			}
		});
	}

	get activeEditor(): MarkdownView | null {
		const v = this.activeLeaf?.view;
		return v instanceof MarkdownView ? v : null;
	}
	getActiveViewOfType<T extends View>(type: abstract new (...args: any[]) => T): T | null {
		const v = this.activeLeaf?.view;
		return v instanceof type ? v : null;
	}
	/** The active view's file, else the most recently active file still in the vault. */
	getActiveFile(): TFile | null {
		const v = this.activeLeaf?.view;
		if (v instanceof MarkdownView && v.file) return v.file;
		return this.lastFile && this.vault.getFileByPath(this.lastFile.path) === this.lastFile ? this.lastFile : null;
	}
	/** false/undefined: the active leaf (a new one if none); true/"tab"/"split"/"window": a new leaf. */
	getLeaf(newLeaf?: PaneType | boolean, _direction?: "vertical" | "horizontal"): WorkspaceLeaf {
		if (!newLeaf && this.activeLeaf) return this.activeLeaf;
		const leaf = new WorkspaceLeaf(this, newLeaf ?? false);
		this.leaves.push(leaf);
		return leaf;
	}
	getLeavesOfType(viewType: string): WorkspaceLeaf[] {
		return this.leaves.filter((l) => l.view.getViewType() === viewType);
	}
	iterateAllLeaves(callback: (leaf: WorkspaceLeaf) => any): void {
		for (const leaf of [...this.leaves]) callback(leaf);
	}
	setActiveLeaf(leaf: WorkspaceLeaf): void {
		this.activeLeaf = leaf;
		const v = leaf.view;
		if (v instanceof MarkdownView && v.file) this.lastFile = v.file;
		this.trigger("active-leaf-change", leaf);
	}
	/** Runs now when the layout is ready, else when markLayoutReady() is called. */
	onLayoutReady(callback: () => any): void {
		if (this.layoutReady) callback();
		else this.readyCallbacks.push(callback);
	}
	/** Fake-only: the layout became ready. */
	markLayoutReady(): void {
		this.layoutReady = true;
		const callbacks = this.readyCallbacks;
		this.readyCallbacks = [];
		for (const cb of callbacks) cb();
	}

	/** Fake-only: puts a MarkdownView of the file in the leaf, its editor saving into the vault. */
	show(leaf: WorkspaceLeaf, file: TFile, activate: boolean): MarkdownView {
		if (file.extension !== "md") throw new Error(`fake workspace: only Markdown files can be opened (${file.path})`);
		if (!this.leaves.includes(leaf)) this.leaves.push(leaf);
		leaf.view.unload();
		const view = new MarkdownView(leaf);
		view.file = file;
		view.editor = new Editor(this.vault.contentOf(file), (text) => {
			if (this.vault.getFileByPath(file.path) === file) this.vault.write(file, text);
		});
		leaf.view = view;
		view.load();
		if (activate) this.setActiveLeaf(leaf);
		return view;
	}
	detach(leaf: WorkspaceLeaf): void {
		leaf.view.unload();
		this.leaves = this.leaves.filter((l) => l !== leaf);
		if (this.activeLeaf === leaf) this.activeLeaf = null;
	}
	/** Fake-only: closes every leaf, so there is no active view. */
	detachAll(): void {
		for (const leaf of [...this.leaves]) this.detach(leaf);
	}
}
