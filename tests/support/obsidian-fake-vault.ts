/**
 * The vault half of the `obsidian` fake: Events, normalizePath, files and folders, Vault, FileManager,
 * MetadataCache and a small YAML subset. See README.md for what is faithful and what is simplified.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- frontmatter is `any` in obsidian.d.ts too */

// ---------------------------------------------------------------------------------------------------------------
// Events

export interface EventRef {
	e: Events;
	name: string;
	fn: (...data: any[]) => unknown;
	ctx?: any;
}

export class Events {
	private readonly handlers = new Map<string, EventRef[]>();

	on(name: string, callback: (...data: any[]) => unknown, ctx?: any): EventRef {
		const ref: EventRef = { e: this, name, fn: callback, ctx };
		this.handlers.set(name, [...(this.handlers.get(name) ?? []), ref]);
		return ref;
	}
	off(name: string, callback: (...data: any[]) => unknown): void {
		this.handlers.set(
			name,
			(this.handlers.get(name) ?? []).filter((r) => r.fn !== callback),
		);
	}
	offref(ref: EventRef): void {
		this.handlers.set(
			ref.name,
			(this.handlers.get(ref.name) ?? []).filter((r) => r !== ref),
		);
	}
	trigger(name: string, ...data: unknown[]): void {
		for (const ref of [...(this.handlers.get(name) ?? [])]) this.tryTrigger(ref, data);
	}
	tryTrigger(ref: EventRef, args: unknown[]): void {
		try {
			ref.fn.apply(ref.ctx, args);
		} catch (e) {
			// Obsidian logs a throwing handler and goes on with the others.
			console.error(e);
		}
	}
	/** Test helper: handlers still registered for an event (leak checks). */
	handlerCount(name: string): number {
		return this.handlers.get(name)?.length ?? 0;
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Paths and files

/** As Obsidian: runs of `/` and `\` become `/`, edge slashes go, "" becomes "/", NBSP/NNBSP become spaces, NFC. */
export function normalizePath(path: string): string {
	let p = path.replace(/[\\/]+/g, "/").replace(/^\/+|\/+$/g, "");
	if (p === "") p = "/";
	return p.replace(/[\u00A0\u202F]/g, " ").normalize("NFC");
}

export abstract class TAbstractFile {
	vault: Vault;
	path: string;
	name: string;
	parent: TFolder | null;

	constructor(vault: Vault, path: string, parent: TFolder | null) {
		this.vault = vault;
		this.path = path;
		this.name = path === "/" ? "" : path.slice(path.lastIndexOf("/") + 1);
		this.parent = parent;
	}
}

export interface FileStats {
	ctime: number;
	mtime: number;
	size: number;
}

export class TFile extends TAbstractFile {
	stat: FileStats;
	basename: string;
	extension: string;

	constructor(vault: Vault, path: string, parent: TFolder | null, size = 0) {
		super(vault, path, parent);
		const dot = this.name.lastIndexOf(".");
		this.basename = dot > 0 ? this.name.slice(0, dot) : this.name;
		this.extension = dot > 0 ? this.name.slice(dot + 1) : "";
		const now = Date.now();
		this.stat = { ctime: now, mtime: now, size };
	}
}

export class TFolder extends TAbstractFile {
	children: TAbstractFile[] = [];
	isRoot(): boolean {
		return this.path === "/";
	}
}

export interface DataWriteOptions {
	ctime?: number;
	mtime?: number;
}

function parentPath(path: string): string {
	const i = path.lastIndexOf("/");
	return i < 0 ? "/" : path.slice(0, i);
}

function byteLength(text: string): number {
	return new TextEncoder().encode(text).length;
}

/**
 * `vault.adapter` for the files Obsidian keeps outside the vault's notes: the config folder, where a plugin's own
 * folder (`manifest.dir`) lives and always exists. Paths must be normalized, as for the vault; a path outside the
 * config folder is refused, since the glue has no business writing notes past the vault's API.
 */
export class DataAdapter {
	/** What plugins wrote under the config folder, by path. */
	readonly files = new Map<string, string>();

	constructor(private readonly vault: Vault) {}

	private check(path: string): void {
		if (normalizePath(path) !== path) throw new Error(`fake adapter: path not normalized: ${path}`);
		if (!path.startsWith(`${this.vault.configDir}/`)) throw new Error(`fake adapter: only the config folder is modelled, not ${path}`);
	}

	async exists(normalizedPath: string): Promise<boolean> {
		this.check(normalizedPath);
		return this.files.has(normalizedPath);
	}

	async read(normalizedPath: string): Promise<string> {
		this.check(normalizedPath);
		const text = this.files.get(normalizedPath);
		if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${normalizedPath}'`);
		return text;
	}

	async write(normalizedPath: string, data: string): Promise<void> {
		this.check(normalizedPath);
		this.files.set(normalizedPath, data);
	}
}

/**
 * An in-memory vault. Paths are looked up exactly as given (callers normalize, as Obsidian's docs ask); create,
 * createFolder and modify reject a path that normalizePath would change, so a glue bug shows up in tests.
 */
export class Vault extends Events {
	configDir = ".obsidian";
	readonly adapter = new DataAdapter(this);
	private readonly entries = new Map<string, TAbstractFile>();
	private readonly contents = new Map<string, string>();
	private readonly root: TFolder;

	constructor() {
		super();
		this.root = new TFolder(this, "/", null);
		this.entries.set("/", this.root);
	}

	getName(): string {
		return "Fake vault";
	}
	getRoot(): TFolder {
		return this.root;
	}
	getAbstractFileByPath(path: string): TAbstractFile | null {
		return this.entries.get(path) ?? null;
	}
	getFileByPath(path: string): TFile | null {
		const f = this.entries.get(path);
		return f instanceof TFile ? f : null;
	}
	getFolderByPath(path: string): TFolder | null {
		const f = this.entries.get(path);
		return f instanceof TFolder ? f : null;
	}
	getFiles(): TFile[] {
		return [...this.entries.values()].filter((f): f is TFile => f instanceof TFile);
	}
	getMarkdownFiles(): TFile[] {
		return this.getFiles().filter((f) => f.extension === "md");
	}
	getAllLoadedFiles(): TAbstractFile[] {
		return [...this.entries.values()];
	}

	/** Rejects "File already exists." when the path is taken, and ENOENT when the parent folder is missing. */
	async create(path: string, data: string, options?: DataWriteOptions): Promise<TFile> {
		return this.createNow(path, data, options);
	}

	/** Fake-only: create, synchronously (throws instead of rejecting). */
	createNow(path: string, data: string, options?: DataWriteOptions): TFile {
		this.checkNormalized(path);
		if (this.entries.has(path)) throw new Error("File already exists.");
		const parent = this.getFolderByPath(parentPath(path));
		// Real Obsidian (desktop) fails in the file system here: "ENOENT: no such file or directory, open '…'".
		if (!parent) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
		const file = new TFile(this, path, parent, byteLength(data));
		if (options?.ctime !== undefined) file.stat.ctime = options.ctime;
		if (options?.mtime !== undefined) file.stat.mtime = options.mtime;
		this.entries.set(path, file);
		this.contents.set(path, data);
		parent.children.push(file);
		this.trigger("create", file);
		return file;
	}

	/** Creates missing parent folders too; rejects "Folder already exists." when anything is at the path. */
	async createFolder(path: string): Promise<TFolder> {
		this.checkNormalized(path);
		if (this.entries.has(path)) throw new Error("Folder already exists.");
		return this.ensureFolder(path);
	}

	/** Fake-only: the folder at a normalized path, created with its parents when missing. */
	ensureFolder(path: string): TFolder {
		const existing = this.entries.get(path);
		if (existing instanceof TFolder) return existing;
		if (existing) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: "ENOTDIR" });
		const parent = this.ensureFolder(parentPath(path));
		const folder = new TFolder(this, path, parent);
		this.entries.set(path, folder);
		parent.children.push(folder);
		this.trigger("create", folder);
		return folder;
	}

	async read(file: TFile): Promise<string> {
		return this.contentOf(file);
	}
	async cachedRead(file: TFile): Promise<string> {
		return this.contentOf(file);
	}

	async modify(file: TFile, data: string, options?: DataWriteOptions): Promise<void> {
		this.contentOf(file);
		this.write(file, data, options?.mtime);
	}

	async append(file: TFile, data: string): Promise<void> {
		this.write(file, this.contentOf(file) + data);
	}

	/** Atomically reads, transforms and writes; resolves to the new text. */
	async process(file: TFile, fn: (data: string) => string, options?: DataWriteOptions): Promise<string> {
		const data = fn(this.contentOf(file));
		this.write(file, data, options?.mtime);
		return data;
	}

	/** A folder must be empty unless `force`, as with the file system's rmdir. */
	async delete(file: TAbstractFile, force?: boolean): Promise<void> {
		if (this.entries.get(file.path) !== file) throw new Error(`ENOENT: no such file or directory, unlink '${file.path}'`);
		if (file instanceof TFolder) {
			if (file.isRoot()) throw new Error("Cannot delete the vault root.");
			if (file.children.length > 0 && !force) throw new Error(`ENOTEMPTY: directory not empty, rmdir '${file.path}'`);
			for (const child of [...file.children]) await this.delete(child, true);
		}
		this.entries.delete(file.path);
		this.contents.delete(file.path);
		if (file.parent) file.parent.children = file.parent.children.filter((c) => c !== file);
		this.trigger("delete", file);
	}

	/** Test helper: the current text of a file, rejecting (like the disk) once it is gone. */
	contentOf(file: TFile): string {
		const data = this.entries.get(file.path) === file ? this.contents.get(file.path) : undefined;
		if (data === undefined) throw new Error(`ENOENT: no such file or directory, open '${file.path}'`);
		return data;
	}

	/** Writes a file's text and fires "modify" (used by modify/process and by open editors). */
	write(file: TFile, data: string, mtime?: number): void {
		this.contents.set(file.path, data);
		file.stat.mtime = mtime ?? Date.now();
		file.stat.size = byteLength(data);
		this.trigger("modify", file);
	}

	private checkNormalized(path: string): void {
		if (path === "/" || normalizePath(path) !== path) {
			throw new Error(`fake vault: "${path}" is not a normalized file path; call normalizePath first`);
		}
	}
}

// ---------------------------------------------------------------------------------------------------------------
// YAML subset: `key: value` mappings of scalars and lists of scalars

export class YAMLParseError extends Error {
	override name = "YAMLParseError";
}

const NUMBER = /^[-+]?(?:\d+|\d*\.\d+|\d+\.\d*)(?:[eE][-+]?\d+)?$/;

function parseScalar(raw: string, line: number): unknown {
	const s = raw.trim();
	if (s.startsWith('"')) {
		const m = /^("(?:[^"\\]|\\.)*")\s*(?:#.*)?$/.exec(s);
		if (!m?.[1]) throw new YAMLParseError(`bad double-quoted scalar at line ${line}`);
		try {
			return JSON.parse(m[1]);
		} catch {
			throw new YAMLParseError(`bad escape in double-quoted scalar at line ${line}`);
		}
	}
	if (s.startsWith("'")) {
		const m = /^'((?:[^']|'')*)'\s*(?:#.*)?$/.exec(s);
		if (!m) throw new YAMLParseError(`bad single-quoted scalar at line ${line}`);
		return (m[1] ?? "").replace(/''/g, "'");
	}
	const plain = s.replace(/\s+#.*$/, "");
	if (plain === "[]") return [];
	if (plain === "{}") return {};
	if (plain.startsWith("[")) {
		if (!plain.endsWith("]")) throw new YAMLParseError(`unterminated flow sequence at line ${line}`);
		return splitFlow(plain.slice(1, -1), line).map((item) => parseScalar(item, line));
	}
	if (/^[{&*!|>%@`]/.test(plain) || /^[-?:](\s|$)/.test(plain) || /:(\s|$)/.test(plain)) {
		throw new YAMLParseError(`unsupported or invalid YAML at line ${line}: ${raw.trim()}`);
	}
	if (plain === "" || plain === "~" || /^(null|Null|NULL)$/.test(plain)) return null;
	if (/^(true|True|TRUE)$/.test(plain)) return true;
	if (/^(false|False|FALSE)$/.test(plain)) return false;
	if (NUMBER.test(plain)) return Number(plain);
	return plain;
}

function splitFlow(inner: string, line: number): string[] {
	if (inner.trim() === "") return [];
	const items: string[] = [];
	let current = "";
	let quote: string | null = null;
	for (let i = 0; i < inner.length; i++) {
		const c = inner[i] as string;
		if (quote) {
			if (c === "\\" && quote === '"') {
				current += c + (inner[++i] ?? "");
				continue;
			}
			if (c === quote) quote = null;
		} else if (c === '"' || c === "'") quote = c;
		else if (c === "[" || c === "{") throw new YAMLParseError(`nested flow collections are not supported (line ${line})`);
		else if (c === ",") {
			items.push(current);
			current = "";
			continue;
		}
		current += c;
	}
	if (quote) throw new YAMLParseError(`unterminated quote at line ${line}`);
	items.push(current);
	return items;
}

/** Parses a mapping of scalars and `- item` lists; throws YAMLParseError on anything else. Empty text → null. */
export function parseYaml(yaml: string): any {
	const out: Record<string, unknown> = {};
	let listKey: string | null = null;
	let sawKey = false;
	yaml
		.replace(/\r\n?/g, "\n")
		.split("\n")
		.forEach((text, i) => {
			const n = i + 1;
			if (/^\s*(#.*)?$/.test(text)) return;
			if (/^ *\t/.test(text)) throw new YAMLParseError(`tab indentation at line ${n}`);
			const item = /^\s*-(?:\s+(.*)|\s*)$/.exec(text);
			if (item) {
				if (listKey === null) throw new YAMLParseError(`list item without a key at line ${n}`);
				const list = (out[listKey] ??= []) as unknown[];
				list.push(parseScalar(item[1] ?? "", n));
				return;
			}
			if (/^\s/.test(text)) throw new YAMLParseError(`unexpected indentation at line ${n} (nested mappings are not supported)`);
			const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#\-?:,[\]{}&*!|>%@`][^:#]*?)\s*:(?:\s+(.*))?$/.exec(text);
			if (!m?.[1]) throw new YAMLParseError(`not a "key: value" line at line ${n}: ${text}`);
			const key = /^["']/.test(m[1]) ? String(parseScalar(m[1], n)) : m[1];
			if (Object.prototype.hasOwnProperty.call(out, key)) throw new YAMLParseError(`duplicated mapping key "${key}" at line ${n}`);
			sawKey = true;
			const rest = (m[2] ?? "").trim();
			listKey = rest === "" || rest.startsWith("#") ? key : null;
			out[key] = listKey === null ? parseScalar(rest, n) : null;
		});
	return sawKey ? out : null;
}

function plainSafe(s: string): boolean {
	return (
		s !== "" &&
		s.trim() === s &&
		!/[\n\r\t]/.test(s) &&
		!/^[-?:,[\]{}#&*!|>'"%@`~]/.test(s) &&
		!/:(\s|$)|\s#/.test(s) &&
		!NUMBER.test(s) &&
		!/^[-+]?(0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$/i.test(s) &&
		!/^(true|false|null|yes|no|on|off|y|n)$/i.test(s)
	);
}

function scalarYaml(v: unknown): string {
	if (v === null || v === undefined) return "null";
	if (typeof v === "string") return plainSafe(v) ? v : JSON.stringify(v);
	if (typeof v === "number" || typeof v === "boolean") return String(v);
	throw new Error(`fake stringifyYaml: unsupported value ${JSON.stringify(v)}`);
}

/** Dumps a mapping of scalars and lists of scalars the way Obsidian does (`key: value`, `  - item`), ending in "\n". */
export function stringifyYaml(obj: any): string {
	if (typeof obj !== "object" || obj === null || Array.isArray(obj)) throw new Error("fake stringifyYaml: only mappings are supported");
	const lines: string[] = [];
	for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
		if (value === undefined) continue;
		const k = plainSafe(key) ? key : JSON.stringify(key);
		if (Array.isArray(value)) {
			if (value.length === 0) lines.push(`${k}: []`);
			else lines.push(`${k}:`, ...value.map((item) => `  - ${scalarYaml(item)}`));
		} else if (typeof value === "object" && value !== null && Object.keys(value).length === 0) lines.push(`${k}: {}`);
		else lines.push(`${k}: ${scalarYaml(value)}`);
	}
	return lines.length === 0 ? "{}\n" : `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Frontmatter, FileManager, MetadataCache

const FRONTMATTER = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** Splits a note into its frontmatter YAML (null if none) and the rest. */
export function splitFrontmatter(text: string): { yaml: string | null; body: string } {
	const m = FRONTMATTER.exec(text);
	return m ? { yaml: m[1] ?? "", body: text.slice(m[0].length) } : { yaml: null, body: text };
}

export interface CachedMetadata {
	frontmatter?: Record<string, any>;
}

export class MetadataCache extends Events {
	constructor(private readonly vault: Vault) {
		super();
	}
	/** Parsed from the file's current text; no `frontmatter` when there is none or its YAML does not parse. */
	getFileCache(file: TFile): CachedMetadata | null {
		if (this.vault.getFileByPath(file.path) !== file || file.extension !== "md") return null;
		const { yaml } = splitFrontmatter(this.vault.contentOf(file));
		if (yaml === null) return {};
		try {
			const fm: unknown = parseYaml(yaml);
			return typeof fm === "object" && fm !== null && !Array.isArray(fm) ? { frontmatter: fm as Record<string, any> } : {};
		} catch {
			return {};
		}
	}
	getCache(path: string): CachedMetadata | null {
		const file = this.vault.getFileByPath(path);
		return file ? this.getFileCache(file) : null;
	}
}

export class FileManager {
	/** Test helper: paths of the files passed to trashFile, in order. */
	readonly trashed: string[] = [];

	constructor(private readonly vault: Vault) {}

	getNewFileParent(_sourcePath: string, _newFilePath?: string): TFolder {
		return this.vault.getRoot();
	}

	async trashFile(file: TAbstractFile): Promise<void> {
		await this.vault.delete(file, true);
		this.trashed.push(file.path);
	}

	/** `[[basename]]`, or `[[path/without.md]]` when another file has the same name; subpath and alias appended. */
	generateMarkdownLink(file: TFile, _sourcePath: string, subpath?: string, alias?: string): string {
		const shortName = file.extension === "md" ? file.basename : file.name;
		const ambiguous = this.vault.getFiles().some((f) => f !== file && f.name === file.name);
		const target = ambiguous ? (file.extension === "md" ? file.path.slice(0, -3) : file.path) : shortName;
		return `[[${target}${subpath ?? ""}${alias ? `|${alias}` : ""}]]`;
	}

	/**
	 * Parses the frontmatter (the YAML subset above; YAMLParseError on garbage), lets `fn` mutate it, writes it back.
	 * An object left empty removes the block (or adds none).
	 */
	async processFrontMatter(file: TFile, fn: (frontmatter: any) => void, options?: DataWriteOptions): Promise<void> {
		const text = this.vault.contentOf(file);
		const { yaml, body } = splitFrontmatter(text);
		const parsed: unknown = yaml === null ? null : parseYaml(yaml);
		if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) throw new YAMLParseError("frontmatter is not a mapping");
		const fm = (parsed ?? {}) as Record<string, unknown>;
		fn(fm);
		const next = Object.keys(fm).length === 0 ? body : `---\n${stringifyYaml(fm)}---\n${body}`;
		if (next !== text) this.vault.write(file, next, options?.mtime);
	}
}
