/**
 * Setting, its components and setting tabs for the `obsidian` fake, with helpers that act as the user. Each
 * component fires onChange the way Obsidian's does: text on "input", dropdown on "change", slider on "change"
 * ("input" when instant), toggle on click. setValue() fires nothing, except ToggleComponent's, which calls
 * onChange when the value changes (as Obsidian's does).
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- mirrors obsidian.d.ts */

import { createFakeEl, type FakeContainer, FakeElement, FakeEvent, type FakeFragment } from "./obsidian-fake-dom";
import { setIcon, settle, track } from "./obsidian-fake-ui";

type Content = string | FakeFragment;

export abstract class BaseComponent {
	disabled = false;
	then(cb: (component: this) => any): this {
		cb(this);
		return this;
	}
	setDisabled(disabled: boolean): this {
		this.disabled = disabled;
		return this;
	}
}

export abstract class ValueComponent<T> extends BaseComponent {
	registerOptionListener(listeners: Record<string, (value?: T) => T>, key: string): this {
		listeners[key] = (value?: T) => {
			if (value !== undefined) this.setValue(value);
			return this.getValue();
		};
		return this;
	}
	abstract getValue(): T;
	abstract setValue(value: T): this;
}

export class AbstractTextComponent extends ValueComponent<string> {
	private callback: ((value: string) => any) | null = null;
	constructor(public inputEl: FakeElement) {
		super();
		inputEl.component = this;
		inputEl.addEventListener("input", () => this.onChanged());
	}
	override setDisabled(disabled: boolean): this {
		this.inputEl.disabled = disabled;
		return super.setDisabled(disabled);
	}
	getValue(): string {
		return this.inputEl.value;
	}
	setValue(value: string): this {
		this.inputEl.value = value;
		return this;
	}
	setPlaceholder(placeholder: string): this {
		this.inputEl.placeholder = placeholder;
		return this;
	}
	onChanged(): void {
		track(this.callback?.(this.getValue()));
	}
	onChange(callback: (value: string) => any): this {
		this.callback = callback;
		return this;
	}
}

export class TextComponent extends AbstractTextComponent {
	constructor(containerEl: FakeElement) {
		super(containerEl.createEl("input", { type: "text", attr: { spellcheck: "false" } }));
	}
}

export class TextAreaComponent extends AbstractTextComponent {
	constructor(containerEl: FakeElement) {
		super(containerEl.createEl("textarea"));
	}
}

export class ToggleComponent extends ValueComponent<boolean> {
	toggleEl: FakeElement;
	private on = false;
	private callback: ((value: boolean) => any) | null = null;
	constructor(containerEl: FakeElement) {
		super();
		this.toggleEl = containerEl.createDiv("checkbox-container");
		this.toggleEl.createEl("input", { type: "checkbox" });
		this.toggleEl.component = this;
		this.toggleEl.addEventListener("click", () => {
			if (!this.disabled) this.onClick();
		});
	}
	override setDisabled(disabled: boolean): this {
		this.toggleEl.toggleClass("is-disabled", disabled);
		return super.setDisabled(disabled);
	}
	getValue(): boolean {
		return this.on;
	}
	setValue(on: boolean): this {
		const changed = on !== this.on;
		this.on = on;
		this.toggleEl.toggleClass("is-enabled", on);
		const input = this.toggleEl.find("input");
		if (input) input.checked = on;
		if (changed) this.onChanged();
		return this;
	}
	setTooltip(tooltip: string): this {
		this.toggleEl.setAttr("aria-label", tooltip);
		return this;
	}
	onClick(): void {
		this.setValue(!this.getValue());
	}
	onChanged(): void {
		track(this.callback?.(this.on));
	}
	onChange(callback: (value: boolean) => any): this {
		this.callback = callback;
		return this;
	}
}

export class DropdownComponent extends ValueComponent<string> {
	selectEl: FakeElement;
	private callback: ((value: string) => any) | null = null;
	constructor(containerEl: FakeElement) {
		super();
		this.selectEl = containerEl.createEl("select", "dropdown");
		this.selectEl.component = this;
		this.selectEl.addEventListener("change", () => this.onChanged());
	}
	override setDisabled(disabled: boolean): this {
		this.selectEl.disabled = disabled;
		return super.setDisabled(disabled);
	}
	addOption(value: string, display: string): this {
		this.selectEl.createEl("option", { value, text: display });
		return this;
	}
	addOptions(options: Record<string, string>): this {
		for (const [value, display] of Object.entries(options)) this.addOption(value, display);
		return this;
	}
	getValue(): string {
		return this.selectEl.value;
	}
	setValue(value: string): this {
		this.selectEl.value = value;
		return this;
	}
	onChanged(): void {
		track(this.callback?.(this.getValue()));
	}
	onChange(callback: (value: string) => any): this {
		this.callback = callback;
		return this;
	}
}

export class SliderComponent extends ValueComponent<number> {
	sliderEl: FakeElement;
	/** Test view: whether setDynamicTooltip() was called. */
	dynamicTooltip = false;
	private instant = false;
	private format: ((value: number) => string) | null = null;
	private callback: ((value: number) => any) | null = null;
	constructor(containerEl: FakeElement) {
		super();
		this.sliderEl = containerEl.createEl("input", { type: "range", cls: "slider", attr: { min: 0, max: 100, step: 1 } });
		this.sliderEl.component = this;
		this.sliderEl.addEventListener("input", () => this.instant && this.onChanged());
		this.sliderEl.addEventListener("change", () => !this.instant && this.onChanged());
	}
	override setDisabled(disabled: boolean): this {
		this.sliderEl.disabled = disabled;
		return super.setDisabled(disabled);
	}
	setInstant(instant: boolean): this {
		this.instant = instant;
		return this;
	}
	setLimits(min: number | null, max: number | null, step: number | "any"): this {
		if (min !== null) this.sliderEl.setAttr("min", min);
		if (max !== null) this.sliderEl.setAttr("max", max);
		this.sliderEl.setAttr("step", step);
		return this;
	}
	/** As a browser's range input: the value clamped to [min, max] and snapped to the step. */
	getValue(): number {
		const num = (name: string, fallback: number): number => Number(this.sliderEl.getAttr(name) ?? fallback);
		const min = num("min", 0);
		const max = Math.max(min, num("max", 100));
		const raw = Number(this.sliderEl.value);
		let v = Number.isFinite(raw) ? Math.min(max, Math.max(min, raw)) : min + (max - min) / 2;
		const stepAttr = this.sliderEl.getAttr("step");
		const step = stepAttr === "any" ? 0 : Number(stepAttr ?? 1);
		if (step > 0) {
			v = min + Math.round((v - min) / step) * step;
			if (v > max) v -= step;
		}
		return Number(v.toFixed(10));
	}
	setValue(value: number): this {
		this.sliderEl.value = String(value);
		return this;
	}
	getValuePretty(): string {
		return this.format ? this.format(this.getValue()) : String(this.getValue());
	}
	setDisplayFormat(format: (value: number) => string): this {
		this.format = format;
		return this;
	}
	setDynamicTooltip(): this {
		this.dynamicTooltip = true;
		return this;
	}
	showTooltip(): void {}
	onChanged(): void {
		track(this.callback?.(this.getValue()));
	}
	onChange(callback: (value: number) => any): this {
		this.callback = callback;
		return this;
	}
}

export class ButtonComponent extends BaseComponent {
	buttonEl: FakeElement;
	constructor(containerEl: FakeElement) {
		super();
		this.buttonEl = containerEl.createEl("button");
		this.buttonEl.component = this;
	}
	override setDisabled(disabled: boolean): this {
		this.buttonEl.disabled = disabled;
		return super.setDisabled(disabled);
	}
	setCta(): this {
		this.buttonEl.addClass("mod-cta");
		return this;
	}
	removeCta(): this {
		this.buttonEl.removeClass("mod-cta");
		return this;
	}
	setWarning(): this {
		this.buttonEl.addClass("mod-warning");
		return this;
	}
	setDestructive(): this {
		this.buttonEl.addClass("mod-destructive");
		return this;
	}
	removeDestructive(): this {
		this.buttonEl.removeClass("mod-destructive");
		return this;
	}
	setTooltip(tooltip: string): this {
		this.buttonEl.setAttr("aria-label", tooltip);
		return this;
	}
	setButtonText(name: string): this {
		this.buttonEl.setText(name);
		return this;
	}
	setIcon(icon: string): this {
		setIcon(this.buttonEl, icon);
		return this;
	}
	setClass(cls: string): this {
		this.buttonEl.addClass(cls);
		return this;
	}
	onClick(callback: (evt: any) => unknown | Promise<unknown>): this {
		this.buttonEl.addEventListener("click", (evt: FakeEvent) => track(callback(evt)));
		return this;
	}
}

export class ExtraButtonComponent extends BaseComponent {
	extraSettingsEl: FakeElement;
	constructor(containerEl: FakeElement) {
		super();
		this.extraSettingsEl = containerEl.createDiv("clickable-icon extra-setting-button");
		this.extraSettingsEl.component = this;
	}
	override setDisabled(disabled: boolean): this {
		this.extraSettingsEl.toggleClass("is-disabled", disabled);
		return super.setDisabled(disabled);
	}
	setTooltip(tooltip: string): this {
		this.extraSettingsEl.setAttr("aria-label", tooltip);
		return this;
	}
	setIcon(icon: string): this {
		setIcon(this.extraSettingsEl, icon);
		return this;
	}
	onClick(callback: () => any): this {
		this.extraSettingsEl.addEventListener("click", () => {
			if (!this.disabled) track(callback());
		});
		return this;
	}
}

export class ProgressBarComponent extends ValueComponent<number> {
	private readonly progressBar: FakeElement;
	private value = 0;
	constructor(containerEl: FakeElement) {
		super();
		this.progressBar = containerEl.createDiv("setting-progress-bar");
		this.progressBar.component = this;
	}
	getValue(): number {
		return this.value;
	}
	setValue(value: number): this {
		this.value = value;
		this.progressBar.setAttr("data-value", value);
		return this;
	}
}

interface SecretHost {
	secretStorage: { setSecret(id: string, secret: string): void };
}

/** Shows the linked secret's name; the user picks (or creates) a secret with the helpers below. */
export class SecretComponent extends BaseComponent {
	/** Test view: the secret name shown. */
	value = "";
	readonly app: SecretHost;
	private readonly el: FakeElement;
	private callback: ((value: string) => unknown) | null = null;
	constructor(app: SecretHost, containerEl: FakeElement) {
		super();
		this.app = app;
		this.el = containerEl.createDiv("secret-component");
		this.el.component = this;
	}
	setValue(value: string): this {
		this.value = value;
		this.el.setText(value);
		return this;
	}
	onChange(cb: (value: string) => unknown): this {
		this.callback = cb;
		return this;
	}
	/** Test helper behind userPicksSecret. */
	pick(id: string): void {
		this.setValue(id);
		track(this.callback?.(id));
	}
}

export class Setting {
	settingEl: FakeElement;
	infoEl: FakeElement;
	nameEl: FakeElement;
	descEl: FakeElement;
	controlEl: FakeElement;
	components: BaseComponent[] = [];
	errorEl: FakeElement | null = null;

	constructor(containerEl: FakeContainer) {
		this.settingEl = containerEl.createDiv("setting-item");
		this.settingEl.component = this;
		this.infoEl = this.settingEl.createDiv("setting-item-info");
		this.nameEl = this.infoEl.createDiv("setting-item-name");
		this.descEl = this.infoEl.createDiv("setting-item-description");
		this.controlEl = this.settingEl.createDiv("setting-item-control");
	}
	setName(name: Content): this {
		this.nameEl.setText(name);
		return this;
	}
	setDesc(desc: Content): this {
		this.descEl.setText(desc);
		return this;
	}
	setClass(cls: string): this {
		this.settingEl.addClass(cls);
		return this;
	}
	setTooltip(tooltip: string): this {
		this.nameEl.setAttr("aria-label", tooltip);
		return this;
	}
	setHeading(): this {
		this.settingEl.addClass("setting-item-heading");
		return this;
	}
	setDisabled(disabled: boolean): this {
		this.settingEl.toggleClass("is-disabled", disabled);
		for (const c of this.components) c.setDisabled(disabled);
		return this;
	}
	setErrorMessage(message: string | null): this {
		this.errorEl?.remove();
		this.errorEl = message === null ? null : this.infoEl.createDiv({ cls: "setting-item-error", text: message });
		return this;
	}
	private add<T extends BaseComponent>(component: T, cb: (component: T) => any): this {
		this.components.push(component);
		cb(component);
		return this;
	}
	addButton(cb: (component: ButtonComponent) => any): this {
		return this.add(new ButtonComponent(this.controlEl), cb);
	}
	addExtraButton(cb: (component: ExtraButtonComponent) => any): this {
		return this.add(new ExtraButtonComponent(this.controlEl), cb);
	}
	addToggle(cb: (component: ToggleComponent) => any): this {
		return this.add(new ToggleComponent(this.controlEl), cb);
	}
	addText(cb: (component: TextComponent) => any): this {
		return this.add(new TextComponent(this.controlEl), cb);
	}
	addTextArea(cb: (component: TextAreaComponent) => any): this {
		return this.add(new TextAreaComponent(this.controlEl), cb);
	}
	addDropdown(cb: (component: DropdownComponent) => any): this {
		return this.add(new DropdownComponent(this.controlEl), cb);
	}
	addSlider(cb: (component: SliderComponent) => any): this {
		return this.add(new SliderComponent(this.controlEl), cb);
	}
	addProgressBar(cb: (component: ProgressBarComponent) => any): this {
		return this.add(new ProgressBarComponent(this.controlEl), cb);
	}
	addComponent<T extends BaseComponent>(cb: (el: FakeElement) => T): this {
		this.components.push(cb(this.controlEl));
		return this;
	}
	then(cb: (setting: this) => any): this {
		cb(this);
		return this;
	}
	clear(): this {
		this.controlEl.empty();
		this.components = [];
		return this;
	}
}

export abstract class SettingTab {
	icon = "settings";
	app: any;
	containerEl = createFakeEl("div", "vertical-tab-content");
	settingItems: unknown[] = [];
	getSettingDefinitions(): unknown[] {
		return [];
	}
	update(): void {
		this.settingItems = this.getSettingDefinitions();
	}
	/** Deprecated in 1.13 but still what Obsidian calls when getSettingDefinitions() is empty. */
	display(): void {}
	/** Empties the tab, as Obsidian's does. */
	hide(): void {
		this.containerEl.empty();
	}
}

export abstract class PluginSettingTab extends SettingTab {
	plugin: any;
	constructor(app: any, plugin: any) {
		super();
		this.app = app;
		this.plugin = plugin;
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Finding settings and acting as the user. Every action waits for the callbacks it fired (see settle()).

/** The settings in a container (tab, modal content) in order. */
export function settingsIn(container: FakeContainer): Setting[] {
	return container.findAll(".setting-item").map((el) => el.component as Setting);
}

/** Names of the settings in a container, headings included. */
export function settingNames(container: FakeContainer): string[] {
	return settingsIn(container).map((s) => s.nameEl.textContent);
}

/** The one setting (headings left out) with this name; throws, listing the names, when there is none or several. */
export function settingByName(container: FakeContainer, name: string): Setting {
	const found = settingsIn(container).filter((s) => s.nameEl.textContent === name && !s.settingEl.hasClass("setting-item-heading"));
	if (found.length !== 1) throw new Error(`${found.length} settings named "${name}"; names: ${JSON.stringify(settingNames(container))}`);
	return found[0] as Setting;
}

/** The setting's first component of this class (`componentOf(setting, TextComponent)`); throws if none. */
export function componentOf<T extends BaseComponent>(setting: Setting, type: abstract new (...args: any[]) => T): T {
	const c = setting.components.find((x): x is T => x instanceof type);
	if (!c) throw new Error(`Setting "${setting.nameEl.textContent}" has no ${type.name}`);
	return c;
}

/** The button in the container whose text is exactly `text`; throws if none or several. */
export function buttonByText(container: FakeContainer, text: string): ButtonComponent {
	const found = container.findAll("button").filter((b) => b.textContent === text);
	if (found.length !== 1) throw new Error(`${found.length} buttons "${text}"`);
	return (found[0] as FakeElement).component as ButtonComponent;
}

function checkEnabled(el: FakeElement, what: string): void {
	if (el.disabled) throw new Error(`The ${what} is disabled: a user could not change it`);
}

/** Types into a text field or text area (sets the value, fires "input"), then waits for onChange. */
export async function userTypes(component: AbstractTextComponent, value: string): Promise<void> {
	checkEnabled(component.inputEl, "text field");
	component.inputEl.value = value;
	component.inputEl.dispatchEvent(new FakeEvent("input", { bubbles: true }));
	component.inputEl.dispatchEvent(new FakeEvent("change", { bubbles: true }));
	await settle();
}

/** Picks an option of a dropdown by value (throws if there is no such option), then waits for onChange. */
export async function userSelects(component: DropdownComponent, value: string): Promise<void> {
	checkEnabled(component.selectEl, "dropdown");
	const options = component.selectEl.findAll("option").map((o) => o.value);
	if (!options.includes(value)) throw new Error(`No option "${value}"; options: ${JSON.stringify(options)}`);
	component.selectEl.value = value;
	component.selectEl.dispatchEvent(new FakeEvent("change", { bubbles: true }));
	await settle();
}

/** Clicks a toggle until it shows `value` (one click when omitted), then waits for onChange. */
export async function userToggles(component: ToggleComponent, value = !component.getValue()): Promise<void> {
	if (component.disabled) throw new Error("The toggle is disabled: a user could not change it");
	if (component.getValue() !== value) component.toggleEl.click();
	await settle();
}

/** Drags a slider to `value` (the browser clamps and snaps it), firing "input" then "change"; waits for onChange. */
export async function userSlides(component: SliderComponent, value: number): Promise<void> {
	checkEnabled(component.sliderEl, "slider");
	component.sliderEl.value = String(value);
	component.sliderEl.dispatchEvent(new FakeEvent("input", { bubbles: true }));
	component.sliderEl.dispatchEvent(new FakeEvent("change", { bubbles: true }));
	await settle();
}

/** Clicks a button (a disabled one throws: a user could not click it), then waits for its onClick. */
export async function userClicks(component: ButtonComponent | ExtraButtonComponent): Promise<void> {
	const el = component instanceof ButtonComponent ? component.buttonEl : component.extraSettingsEl;
	if (component.disabled) throw new Error(`The button "${el.textContent}" is disabled: a user could not click it`);
	el.click();
	await settle();
}

/** Links an existing secret (by name) in a SecretComponent, then waits for onChange. */
export async function userPicksSecret(component: SecretComponent, id: string): Promise<void> {
	if (component.disabled) throw new Error("The secret field is disabled: a user could not change it");
	component.pick(id);
	await settle();
}

/** Creates a secret through the SecretComponent (the id is validated as SecretStorage does) and links it. */
export async function userCreatesSecret(component: SecretComponent, id: string, secret: string): Promise<void> {
	component.app.secretStorage.setSecret(id, secret);
	await userPicksSecret(component, id);
}
