/**
 * The UI half of the `obsidian` fake: Component, Notice, Modal, Scope, Setting and its components, setting tabs,
 * Menu and setIcon, plus helpers that act as the user (type, pick, toggle, slide, click) and wait for the glue's
 * callbacks. See README.md.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- mirrors obsidian.d.ts, which uses `any` in these places */

import { createFakeEl, FakeElement, FakeEvent, type FakeEventTarget, FakeFragment, textOf } from "./obsidian-fake-dom";
import type { EventRef } from "./obsidian-fake-vault";

type Content = string | FakeFragment;

// ---------------------------------------------------------------------------------------------------------------
// Waiting for the glue's callbacks

const pending = new Set<Promise<unknown>>();

/** Keeps a callback's promise so `settle()` can wait for it (Obsidian itself never awaits these callbacks). */
export function track(result: unknown): void {
	if (result instanceof Promise) {
		const p = result.catch(() => undefined).finally(() => pending.delete(p));
		pending.add(p);
	}
}

// Captured at import, so vi.useFakeTimers() does not stop settle() from yielding.
const realSetImmediate = globalThis.setImmediate;
const nextMacrotask = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

/**
 * Waits until every tracked callback promise (onChange, onClick, commands, onOpen, …) has settled. A callback that
 * waits on a faked timer never settles: advance the timers instead.
 */
export async function settle(): Promise<void> {
	await nextMacrotask();
	while (pending.size > 0) {
		await Promise.all([...pending]);
		await nextMacrotask();
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Component

export class Component {
	private loaded = false;
	private readonly children: Component[] = [];
	private readonly cleanups: (() => any)[] = [];
	/** What onload() returned (a Promise for async onload), so loadPlugin() can await it. */
	onloadResult: unknown = undefined;

	load(): void {
		if (this.loaded) return;
		this.loaded = true;
		this.onloadResult = this.onload();
		for (const child of [...this.children]) child.load();
	}
	onload(): void {}
	/** Unloads children (last first), runs registered cleanups (last first), then onunload(). */
	unload(): void {
		if (!this.loaded) return;
		this.loaded = false;
		while (this.children.length > 0) this.children.pop()?.unload();
		while (this.cleanups.length > 0) this.cleanups.pop()?.();
		this.onunload();
	}
	onunload(): void {}
	/** Test helper: whether load() ran and unload() has not. */
	get isLoaded(): boolean {
		return this.loaded;
	}
	addChild<T extends Component>(component: T): T {
		this.children.push(component);
		if (this.loaded) component.load();
		return component;
	}
	removeChild<T extends Component>(component: T): T {
		const i = this.children.indexOf(component);
		if (i >= 0) {
			this.children.splice(i, 1);
			component.unload();
		}
		return component;
	}
	register(cb: () => any): void {
		this.cleanups.push(cb);
	}
	registerEvent(eventRef: EventRef): void {
		this.register(() => eventRef.e.offref(eventRef));
	}
	registerDomEvent(el: FakeEventTarget, type: string, callback: (ev: any) => any, options?: boolean | { once?: boolean }): void {
		el.addEventListener(type, callback, options);
		this.register(() => el.removeEventListener(type, callback));
	}
	registerInterval(id: number): number {
		this.register(() => clearInterval(id));
		return id;
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Notice

/** Every Notice created, in order (cleared by resetNotices). */
export const notices: Notice[] = [];

/** Never hides by itself: `duration` is only recorded (0 = stays until dismissed, in real Obsidian). */
export class Notice {
	noticeEl: FakeElement;
	containerEl: FakeElement;
	messageEl: FakeElement;
	/** Test view: the duration as passed (undefined when omitted). */
	readonly duration: number | undefined;
	/** Test view: every message this notice showed, first to last. */
	readonly messages: string[] = [];
	/** Test view: whether hide() was called. */
	hidden = false;

	constructor(message: Content, duration?: number) {
		this.containerEl = createFakeEl("div", "notice");
		this.messageEl = this.noticeEl = this.containerEl.createDiv("notice-message");
		this.duration = duration;
		this.setMessage(message);
		notices.push(this);
	}
	/** Test view: the text shown now. */
	get message(): string {
		return this.messageEl.textContent;
	}
	setMessage(message: Content): this {
		this.messageEl.setText(message);
		this.messages.push(textOf(message));
		return this;
	}
	hide(): void {
		this.hidden = true;
	}
}

export function resetNotices(): void {
	notices.length = 0;
}

/** Texts of the notices not hidden, oldest first. */
export function visibleNotices(): string[] {
	return notices.filter((n) => !n.hidden).map((n) => n.message);
}

// ---------------------------------------------------------------------------------------------------------------
// Scope and Modal

export interface KeymapEventHandler {
	scope: Scope;
	modifiers: string | null;
	key: string | null;
	func: (evt: any, ctx: any) => any;
}

export class Scope {
	readonly handlers: KeymapEventHandler[] = [];
	constructor(public parent?: Scope) {}
	register(modifiers: string[] | null, key: string | null, func: (evt: any, ctx: any) => any): KeymapEventHandler {
		const handler = { scope: this, modifiers: modifiers ? modifiers.join(",") : null, key, func };
		this.handlers.push(handler);
		return handler;
	}
	unregister(handler: KeymapEventHandler): void {
		const i = this.handlers.indexOf(handler);
		if (i >= 0) this.handlers.splice(i, 1);
	}
}

/** Every Modal opened, in order (cleared by resetModals); `isOpen` says which are still open. */
export const modals: Modal[] = [];

export class Modal {
	app: any;
	scope = new Scope();
	containerEl = createFakeEl("div", "modal-container");
	modalEl = this.containerEl.createDiv("modal");
	titleEl = this.modalEl.createDiv("modal-title");
	contentEl = this.modalEl.createDiv("modal-content");
	shouldRestoreSelection = false;
	/** Test view. */
	isOpen = false;
	private closeCallback: (() => any) | null = null;

	constructor(app: any) {
		this.app = app;
	}
	open(): void {
		if (this.isOpen) return;
		this.isOpen = true;
		modals.push(this);
		track(this.onOpen());
	}
	close(): void {
		if (!this.isOpen) return;
		this.isOpen = false;
		this.onClose();
		this.closeCallback?.();
	}
	onOpen(): Promise<void> | void {}
	onClose(): void {}
	setTitle(title: string): this {
		this.titleEl.setText(title);
		return this;
	}
	setContent(content: Content): this {
		this.contentEl.setText(content);
		return this;
	}
	setCloseCallback(callback: () => any): this {
		this.closeCallback = callback;
		return this;
	}
}

export function openModals(): Modal[] {
	return modals.filter((m) => m.isOpen);
}

export function resetModals(): void {
	modals.length = 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Icons

/** Replaces the element's content with an `svg.svg-icon` whose `data-icon` attribute names the icon (fake-only). */
export function setIcon(parent: FakeElement, iconId: string): void {
	parent.empty();
	parent.createEl("svg", { cls: "svg-icon", attr: { "data-icon": iconId } });
}

// ---------------------------------------------------------------------------------------------------------------
// Menu

export class MenuItem {
	/** Test view of what the glue set. */
	title = "";
	icon: string | null = null;
	section = "";
	checked: boolean | null = null;
	disabled = false;
	warning = false;
	isLabel = false;
	callback: ((evt: any) => any) | null = null;

	constructor(readonly menu: Menu) {}
	setTitle(title: Content): this {
		this.title = textOf(title);
		return this;
	}
	setIcon(icon: string | null): this {
		this.icon = icon;
		return this;
	}
	setChecked(checked: boolean | null): this {
		this.checked = checked;
		return this;
	}
	setDisabled(disabled: boolean): this {
		this.disabled = disabled;
		return this;
	}
	setWarning(isWarning: boolean): this {
		this.warning = isWarning;
		return this;
	}
	setIsLabel(isLabel: boolean): this {
		this.isLabel = isLabel;
		return this;
	}
	setSection(section: string): this {
		this.section = section;
		return this;
	}
	onClick(callback: (evt: any) => any): this {
		this.callback = callback;
		return this;
	}
}

export class Menu extends Component {
	/** Test view: items and separators in the order added. */
	readonly items: (MenuItem | "separator")[] = [];
	shown = false;
	private readonly hideCallbacks: (() => any)[] = [];

	addItem(cb: (item: MenuItem) => any): this {
		const item = new MenuItem(this);
		this.items.push(item);
		cb(item);
		return this;
	}
	addSeparator(): this {
		this.items.push("separator");
		return this;
	}
	setNoIcon(): this {
		return this;
	}
	setUseNativeMenu(_useNativeMenu: boolean): this {
		return this;
	}
	showAtMouseEvent(_evt: unknown): this {
		this.shown = true;
		return this;
	}
	showAtPosition(_position: { x: number; y: number }, _doc?: unknown): this {
		this.shown = true;
		return this;
	}
	hide(): this {
		if (this.shown) for (const cb of this.hideCallbacks) cb();
		this.shown = false;
		return this;
	}
	close(): void {
		this.hide();
	}
	onHide(callback: () => any): void {
		this.hideCallbacks.push(callback);
	}
	static forEvent(_evt: unknown): Menu {
		return new Menu();
	}
}

/** The menu's item titles (separators left out). */
export function menuTitles(menu: Menu): string[] {
	return menu.items.filter((i): i is MenuItem => i !== "separator").map((i) => i.title);
}

/** Clicks the item with this title like a user (closing the menu), then waits for its callback to settle. */
export async function clickMenuItem(menu: Menu, title: string): Promise<void> {
	const item = menu.items.find((i): i is MenuItem => i !== "separator" && i.title === title);
	if (!item) throw new Error(`No menu item "${title}"; items: ${JSON.stringify(menuTitles(menu))}`);
	if (item.disabled) throw new Error(`Menu item "${title}" is disabled`);
	menu.hide();
	track(item.callback?.(new FakeEvent("click", { bubbles: true })));
	await settle();
}
