/**
 * A small fake DOM for the `obsidian` fake: just enough Element/Text/DocumentFragment plus Obsidian's DOM extensions
 * (`createEl`, `createDiv`, `setText`, `addClass`, `empty`, `find`, …) for the glue to build settings tabs, modals
 * and notices in Node, and for tests to read them back.
 *
 * Deliberate choices:
 * - `innerHTML`, `outerHTML` and `insertAdjacentHTML` THROW: the project never parses HTML (security rule).
 * - No layout, styles, focus, document or window.
 * - Events are plain objects dispatched synchronously, bubbling through parents when `bubbles` is set.
 *   `click()` on a disabled form control does nothing, as in browsers.
 * - Any other property the glue sets (`rows`, `spellcheck`, …) simply lands on the object.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- a fake DOM is untyped at its edges by nature */

export type FakeNode = FakeElement | FakeText;
export type FakeListener = (evt: any) => unknown;

/** Mirrors Obsidian's global `DomElementInfo`, with fake node types. */
export interface FakeDomElementInfo {
	cls?: string | string[];
	text?: string | FakeFragment;
	attr?: Record<string, string | number | boolean | null>;
	title?: string;
	parent?: FakeContainer;
	value?: string;
	type?: string;
	prepend?: boolean;
	placeholder?: string;
	href?: string;
}

export interface FakeEventInit {
	bubbles?: boolean;
	cancelable?: boolean;
	ctrlKey?: boolean;
	metaKey?: boolean;
	shiftKey?: boolean;
	altKey?: boolean;
	button?: number;
}

export class FakeEvent {
	readonly type: string;
	readonly bubbles: boolean;
	readonly cancelable: boolean;
	readonly ctrlKey: boolean;
	readonly metaKey: boolean;
	readonly shiftKey: boolean;
	readonly altKey: boolean;
	readonly button: number;
	target: FakeEventTarget | null = null;
	currentTarget: FakeEventTarget | null = null;
	defaultPrevented = false;
	private stopped = false;

	constructor(type: string, init: FakeEventInit = {}) {
		this.type = type;
		this.bubbles = init.bubbles ?? false;
		this.cancelable = init.cancelable ?? false;
		this.ctrlKey = init.ctrlKey ?? false;
		this.metaKey = init.metaKey ?? false;
		this.shiftKey = init.shiftKey ?? false;
		this.altKey = init.altKey ?? false;
		this.button = init.button ?? 0;
	}
	preventDefault(): void {
		if (this.cancelable) this.defaultPrevented = true;
	}
	stopPropagation(): void {
		this.stopped = true;
	}
	get propagationStopped(): boolean {
		return this.stopped;
	}
}

interface ListenerEntry {
	listener: FakeListener;
	once: boolean;
}

export class FakeEventTarget {
	private readonly listeners = new Map<string, ListenerEntry[]>();

	addEventListener(type: string, listener: FakeListener | null, options?: boolean | { once?: boolean }): void {
		if (!listener) return;
		const list = this.listeners.get(type) ?? [];
		if (list.some((e) => e.listener === listener)) return;
		list.push({ listener, once: typeof options === "object" && options.once === true });
		this.listeners.set(type, list);
	}
	removeEventListener(type: string, listener: FakeListener | null): void {
		const list = this.listeners.get(type);
		const i = list?.findIndex((e) => e.listener === listener) ?? -1;
		if (list && i >= 0) list.splice(i, 1);
	}
	protected eventParent(): FakeEventTarget | null {
		return null;
	}
	dispatchEvent(evt: FakeEvent): boolean {
		evt.target = this;
		for (let t: FakeEventTarget | null = this; t; t = evt.bubbles ? t.eventParent() : null) {
			evt.currentTarget = t;
			for (const entry of [...(t.listeners.get(evt.type) ?? [])]) {
				if (entry.once) t.removeEventListener(evt.type, entry.listener);
				entry.listener.call(t, evt);
			}
			if (evt.propagationStopped) break;
		}
		evt.currentTarget = null;
		return !evt.defaultPrevented;
	}
}

export class FakeText {
	readonly nodeType = 3;
	parentNode: FakeContainer | null = null;
	constructor(public data: string) {}
	get textContent(): string {
		return this.data;
	}
	remove(): void {
		this.parentNode?.removeChild(this);
	}
}

/** Child-list behaviour shared by elements and fragments, with Obsidian's `createEl`/`empty`/`find` extensions. */
export abstract class FakeContainer extends FakeEventTarget {
	childNodes: FakeNode[] = [];
	parentNode: FakeContainer | null = null;

	get children(): FakeElement[] {
		return this.childNodes.filter((n): n is FakeElement => n instanceof FakeElement);
	}
	get firstChild(): FakeNode | null {
		return this.childNodes[0] ?? null;
	}
	get textContent(): string {
		return this.childNodes.map((n) => n.textContent).join("");
	}
	set textContent(v: string | null) {
		this.empty();
		if (v) this.appendChild(new FakeText(v));
	}
	appendChild<T extends FakeNode | FakeFragment>(node: T): T {
		return this.insertBefore(node, null);
	}
	insertBefore<T extends FakeNode | FakeFragment>(node: T, ref: FakeNode | null): T {
		if (node instanceof FakeFragment) {
			for (const child of [...node.childNodes]) this.insertBefore(child, ref);
			return node;
		}
		if (node instanceof FakeElement && node.contains(this)) throw new Error("fake DOM: cannot insert a node into itself");
		node.parentNode?.removeChild(node);
		const i = ref ? this.childNodes.indexOf(ref) : this.childNodes.length;
		if (i < 0) throw new Error("fake DOM: reference node is not a child");
		this.childNodes.splice(i, 0, node);
		node.parentNode = this;
		return node;
	}
	removeChild<T extends FakeNode>(node: T): T {
		const i = this.childNodes.indexOf(node);
		if (i < 0) throw new Error("fake DOM: node is not a child");
		this.childNodes.splice(i, 1);
		node.parentNode = null;
		return node;
	}
	append(...nodes: (FakeNode | FakeFragment | string)[]): void {
		for (const n of nodes) this.appendChild(typeof n === "string" ? new FakeText(n) : n);
	}
	/** Obsidian's `Node.appendText`: a text node at the end. */
	appendText(val: string): void {
		this.appendChild(new FakeText(val));
	}
	/** Obsidian's `Node.empty`. */
	empty(): void {
		for (const n of [...this.childNodes]) this.removeChild(n);
	}
	contains(node: FakeNode | FakeContainer | null): boolean {
		for (let n: FakeNode | FakeContainer | null = node; n; n = n.parentNode) if (n === this) return true;
		return false;
	}
	createEl(tag: string, o?: FakeDomElementInfo | string, callback?: (el: FakeElement) => void): FakeElement {
		const info: FakeDomElementInfo = typeof o === "string" ? { cls: o } : { ...(o ?? {}) };
		return createFakeEl(tag, { ...info, parent: this }, callback);
	}
	createDiv(o?: FakeDomElementInfo | string, callback?: (el: FakeElement) => void): FakeElement {
		return this.createEl("div", o, callback);
	}
	createSpan(o?: FakeDomElementInfo | string, callback?: (el: FakeElement) => void): FakeElement {
		return this.createEl("span", o, callback);
	}
	/** All descendant elements in document order. */
	descendants(): FakeElement[] {
		return this.children.flatMap((el) => [el, ...el.descendants()]);
	}
	/** Obsidian's `findAll`; selectors are a CSS subset (see `compileSelector`), or a predicate. */
	findAll(selector: string | ((el: FakeElement) => boolean)): FakeElement[] {
		const pred = typeof selector === "string" ? compileSelector(selector) : selector;
		return this.descendants().filter((el) => pred(el));
	}
	find(selector: string | ((el: FakeElement) => boolean)): FakeElement | null {
		return this.findAll(selector)[0] ?? null;
	}
}

export class FakeFragment extends FakeContainer {
	readonly nodeType = 11;
}

const FORM_CONTROLS = new Set(["BUTTON", "INPUT", "SELECT", "TEXTAREA"]);
const FORBIDDEN = "fake DOM: HTML string APIs (innerHTML/outerHTML/insertAdjacentHTML) are forbidden in this project";

export class FakeElement extends FakeContainer {
	readonly nodeType = 1;
	readonly tagName: string;
	readonly attributes = new Map<string, string>();
	/** Test back-reference: the fake component that owns this element (Setting, TextComponent, …), if any. */
	component: unknown = undefined;
	private ownValue: string | undefined;
	/** <select>: the explicitly selected value; null = none chosen yet (the first option shows). */
	private selected: string | null = null;
	private ownChecked: boolean | undefined;

	constructor(tag: string) {
		super();
		this.tagName = tag.toUpperCase();
	}
	get parentElement(): FakeElement | null {
		return this.parentNode instanceof FakeElement ? this.parentNode : null;
	}
	protected override eventParent(): FakeEventTarget | null {
		return this.parentNode;
	}

	get innerHTML(): string {
		throw new Error(FORBIDDEN);
	}
	set innerHTML(_v: string) {
		throw new Error(FORBIDDEN);
	}
	get outerHTML(): string {
		throw new Error(FORBIDDEN);
	}
	insertAdjacentHTML(_where: string, _html: string): void {
		throw new Error(FORBIDDEN);
	}

	// --- attributes
	getAttribute(name: string): string | null {
		return this.attributes.get(name.toLowerCase()) ?? null;
	}
	setAttribute(name: string, value: string): void {
		this.attributes.set(name.toLowerCase(), String(value));
	}
	removeAttribute(name: string): void {
		this.attributes.delete(name.toLowerCase());
	}
	hasAttribute(name: string): boolean {
		return this.attributes.has(name.toLowerCase());
	}
	/** Obsidian: `null` removes the attribute; anything else is stringified. */
	setAttr(name: string, value: string | number | boolean | null): void {
		if (value === null) this.removeAttribute(name);
		else this.setAttribute(name, String(value));
	}
	setAttrs(obj: Record<string, string | number | boolean | null>): void {
		for (const [k, v] of Object.entries(obj)) this.setAttr(k, v);
	}
	getAttr(name: string): string | null {
		return this.getAttribute(name);
	}
	get id(): string {
		return this.getAttribute("id") ?? "";
	}
	set id(v: string) {
		this.setAttribute("id", v);
	}
	get title(): string {
		return this.getAttribute("title") ?? "";
	}
	set title(v: string) {
		this.setAttribute("title", v);
	}
	get type(): string {
		return this.getAttribute("type") ?? (this.tagName === "INPUT" ? "text" : "");
	}
	set type(v: string) {
		this.setAttribute("type", v);
	}
	get placeholder(): string {
		return this.getAttribute("placeholder") ?? "";
	}
	set placeholder(v: string) {
		this.setAttribute("placeholder", v);
	}
	get disabled(): boolean {
		return this.hasAttribute("disabled");
	}
	set disabled(v: boolean) {
		if (v) this.setAttribute("disabled", "");
		else this.removeAttribute("disabled");
	}
	get checked(): boolean {
		return this.ownChecked ?? this.hasAttribute("checked");
	}
	set checked(v: boolean) {
		this.ownChecked = v;
	}

	/** Form value: inputs/textareas hold a string; a <select> reflects its selected <option> ("" if none matches). */
	get value(): string {
		if (this.tagName === "SELECT") {
			const options = this.findAll("option");
			if (this.selected === null) return options[0]?.value ?? "";
			return options.some((o) => o.value === this.selected) ? this.selected : "";
		}
		if (this.tagName === "OPTION") return this.getAttribute("value") ?? this.textContent;
		return this.ownValue ?? this.getAttribute("value") ?? "";
	}
	set value(v: string) {
		if (this.tagName === "SELECT") this.selected = String(v);
		else if (this.tagName === "OPTION") this.setAttribute("value", String(v));
		else this.ownValue = String(v);
	}

	// --- classes
	get className(): string {
		return this.getAttribute("class") ?? "";
	}
	set className(v: string) {
		this.setAttribute("class", v);
	}
	private classes(): string[] {
		return this.className.split(/\s+/).filter(Boolean);
	}
	private setClasses(list: string[]): void {
		if (list.length === 0) this.removeAttribute("class");
		else this.setAttribute("class", [...new Set(list)].join(" "));
	}
	addClass(...classes: string[]): void {
		this.setClasses([...this.classes(), ...classes.flatMap((c) => c.split(/\s+/)).filter(Boolean)]);
	}
	addClasses(classes: string[]): void {
		this.addClass(...classes);
	}
	removeClass(...classes: string[]): void {
		this.setClasses(this.classes().filter((c) => !classes.includes(c)));
	}
	toggleClass(classes: string | string[], value: boolean): void {
		const list = Array.isArray(classes) ? classes : [classes];
		if (value) this.addClass(...list);
		else this.removeClass(...list);
	}
	hasClass(cls: string): boolean {
		return this.classes().includes(cls);
	}

	// --- visibility: Obsidian's hide()/show() set an inline `display: none`; here a flag stands for it.
	private hidden = false;
	hide(): void {
		this.hidden = true;
	}
	show(): void {
		this.hidden = false;
	}
	toggle(show: boolean): void {
		this.hidden = !show;
	}
	isShown(): boolean {
		return !this.hidden;
	}

	// --- text
	/** Obsidian: replaces the children with the text (or the fragment's nodes). */
	setText(val: string | FakeFragment): void {
		this.empty();
		if (val instanceof FakeFragment) this.appendChild(val);
		else if (val !== "") this.appendChild(new FakeText(val));
	}
	getText(): string {
		return this.textContent;
	}

	// --- tree and events
	remove(): void {
		this.parentNode?.removeChild(this);
	}
	/** Obsidian's `Node.detach`. */
	detach(): void {
		this.remove();
	}
	/** Dispatches a bubbling click; ignored on disabled form controls, as in browsers. Returns false if ignored. */
	click(init: FakeEventInit = {}): boolean {
		if (this.disabled && FORM_CONTROLS.has(this.tagName)) return false;
		this.dispatchEvent(new FakeEvent("click", { bubbles: true, cancelable: true, ...init }));
		return true;
	}
}

/** Builds an element per Obsidian's `createEl` semantics (a string `o` is the class). */
export function createFakeEl(tag: string, o?: FakeDomElementInfo | string, callback?: (el: FakeElement) => void): FakeElement {
	const info: FakeDomElementInfo = typeof o === "string" ? { cls: o } : (o ?? {});
	const el = new FakeElement(tag);
	if (info.cls !== undefined) el.addClass(...(Array.isArray(info.cls) ? info.cls : [info.cls]));
	if (info.text !== undefined) el.setText(info.text);
	if (info.attr) el.setAttrs(info.attr);
	if (info.title !== undefined) el.title = info.title;
	if (info.value !== undefined) el.value = info.value;
	if (info.type !== undefined) el.type = info.type;
	if (info.placeholder !== undefined) el.placeholder = info.placeholder;
	if (info.href !== undefined) el.setAttribute("href", info.href);
	if (info.parent) info.parent.insertBefore(el, info.prepend ? info.parent.firstChild : null);
	callback?.(el);
	return el;
}

export function createFakeFragment(callback?: (el: FakeFragment) => void): FakeFragment {
	const f = new FakeFragment();
	callback?.(f);
	return f;
}

/** Plain text of a string or a fake node (what a user would read). */
export function textOf(v: unknown): string {
	if (typeof v === "string") return v;
	if (v instanceof FakeContainer || v instanceof FakeText) return v.textContent;
	return String(v);
}

type Pred = (el: FakeElement) => boolean;

/** `tag`, `.cls`, `#id`, `[attr]`, `[attr=value]` compounds, joined by the descendant combinator; `,` lists. */
export function compileSelector(selector: string): Pred {
	const compound = (src: string): Pred => {
		const preds: Pred[] = [];
		const re = /([a-zA-Z][\w-]*|\*)|\.([\w-]+)|#([\w-]+)|\[\s*([\w-]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]*))\s*)?\]/y;
		for (let i = 0; i < src.length; i = re.lastIndex) {
			re.lastIndex = i;
			const m = re.exec(src);
			if (!m) throw new Error(`fake DOM: unsupported selector "${src}"`);
			const [, tag, cls, id, attr, v1, v2, v3] = m;
			if (tag !== undefined) preds.push((el) => tag === "*" || el.tagName === tag.toUpperCase());
			else if (cls !== undefined) preds.push((el) => el.hasClass(cls));
			else if (id !== undefined) preds.push((el) => el.id === id);
			else if (attr !== undefined) {
				const want = v1 ?? v2 ?? v3;
				preds.push((el) => (want === undefined ? el.hasAttribute(attr) : el.getAttribute(attr) === want));
			}
		}
		return (el) => preds.every((p) => p(el));
	};
	const complex = (src: string): Pred => {
		const parts = src.trim().split(/\s+/).map(compound);
		const matchAt = (el: FakeElement, idx: number): boolean => {
			if (!parts[idx]?.(el)) return false;
			if (idx === 0) return true;
			for (let p = el.parentElement; p; p = p.parentElement) if (matchAt(p, idx - 1)) return true;
			return false;
		};
		return (el) => matchAt(el, parts.length - 1);
	};
	const alternatives = selector.split(",").map(complex);
	return (el) => alternatives.some((p) => p(el));
}
