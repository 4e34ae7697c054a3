// The generator form, derived from the model catalog: one description per parameter, rendered to an
// HTML string. Pure (no DOM) so every parameter of every model is checked in plain Node.
import type { ModelSpec, ParameterGroup, ParameterSpec } from '../src/shared/catalog';
import { imageCount, outputFormat, outputSize } from '../src/shared/catalog';

export type FormValue = string | number | boolean;
export type FormValues = Record<string, FormValue>;
export interface FieldIssue { readonly field: string; readonly message: string }

export type FieldKind = 'textarea' | 'text' | 'combo' | 'select' | 'checkbox' | 'slider' | 'number' | 'seed';

export interface FieldView {
  readonly name: string;
  readonly kind: FieldKind;
  readonly label: string;
  readonly help: string;
  readonly group: ParameterGroup;
  readonly required: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly options?: readonly { readonly value: string; readonly inferred: boolean }[];
  readonly defaultValue?: FormValue;
  readonly value: FormValue | undefined;
  readonly visible: boolean;
}

const GROUP_TITLES: Record<ParameterGroup, string> = {
  prompt: 'Prompt',
  size: 'Size',
  sampling: 'Sampling',
  output: 'Output',
  advanced: 'Advanced',
};
const GROUP_ORDER: readonly ParameterGroup[] = ['prompt', 'size', 'sampling', 'output', 'advanced'];

/** The catalog's defaults with the user's per-model defaults over them (unknown names dropped). */
export function defaultValues(model: ModelSpec, userDefaults: Readonly<Record<string, unknown>> = {}): FormValues {
  const values: FormValues = {};
  for (const p of model.parameters) {
    const user = userDefaults[p.name];
    if (isFormValue(user)) values[p.name] = user;
    else if (p.default !== undefined) values[p.name] = p.default;
  }
  return values;
}

export function isVisible(spec: ParameterSpec, values: FormValues): boolean {
  const rule = spec.visibleWhen;
  return rule === undefined || values[rule.param] === rule.equals;
}

export function fieldKind(p: ParameterSpec): FieldKind {
  if (p.isSeed) return 'seed';
  switch (p.type) {
    case 'text':
      return p.multiline ? 'textarea' : 'text';
    case 'enum':
      return p.openEnum ? 'combo' : 'select';
    case 'boolean':
      return 'checkbox';
    default:
      return p.min !== undefined && p.max !== undefined ? 'slider' : 'number';
  }
}

/** One description per catalog parameter, in catalog order. */
export function describeForm(model: ModelSpec, values: FormValues): FieldView[] {
  return model.parameters.map((p) => ({
    name: p.name,
    kind: fieldKind(p),
    label: p.label,
    help: p.help,
    group: p.group,
    required: p.required === true,
    ...(p.min !== undefined ? { min: p.min } : {}),
    ...(p.max !== undefined ? { max: p.max } : {}),
    ...(uiStep(p) !== undefined ? { step: uiStep(p) } : {}),
    ...(p.values ? { options: p.values.map((v) => ({ value: v, inferred: p.inferredValues?.includes(v) ?? false })) } : {}),
    ...(p.default !== undefined ? { defaultValue: p.default } : {}),
    value: values[p.name],
    visible: isVisible(p, values),
  }));
}

function uiStep(p: ParameterSpec): number | undefined {
  if (p.step !== undefined) return p.step;
  if (p.type === 'integer') return 1;
  if (p.type === 'number' && p.min !== undefined && p.max !== undefined) return (p.max - p.min) / 100 <= 0.05 ? 0.01 : 0.1;
  return undefined;
}

/** Parameters to send: visible ones with a value; an empty seed (or the random toggle) means "random". */
export function requestParams(model: ModelSpec, values: FormValues, randomSeed: boolean): FormValues {
  const out: FormValues = {};
  for (const p of model.parameters) {
    const v = values[p.name];
    if (v === undefined || !isVisible(p, values)) continue;
    if (p.isSeed && (randomSeed || v === '' || v === -1)) continue;
    if (p.type !== 'text' && p.type !== 'enum' && v === '') continue;
    out[p.name] = v;
  }
  return out;
}

/** Converts an input's text to the parameter's type; text the user typed that is not a number stays text so validation can name it. */
export function coerceInput(p: ParameterSpec, raw: string, checked: boolean): FormValue {
  if (p.type === 'boolean') return checked;
  if (p.type === 'integer' || p.type === 'number') {
    const trimmed = raw.trim();
    if (trimmed === '') return '';
    const n = Number(trimmed);
    return Number.isFinite(n) ? n : raw;
  }
  return raw;
}

/** "1024 × 1024 · JPEG · 1 image · about 18 s" — what the user will get for these values. */
export function summarize(model: ModelSpec, values: FormValues): string {
  const size = outputSize(model, values);
  const format = outputFormat(model, values).toUpperCase();
  const count = imageCount(model, values);
  const stepsSpec = model.parameters.find((p) => p.name === model.stepsParam);
  const refSteps = typeof stepsSpec?.default === 'number' ? stepsSpec.default : 30;
  const steps = typeof values[model.stepsParam] === 'number' ? (values[model.stepsParam] as number) : refSteps;
  const seconds = model.referenceSeconds * (steps / refSteps) * ((size.width * size.height) / (1024 * 1024)) * count;
  const images = count === 1 ? '1 image' : `${count} images`;
  return `${size.width} × ${size.height} · ${format} · ${images} · about ${Math.max(1, Math.round(seconds))} s`;
}

const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const attr = (name: string, value: string | number | undefined): string => (value === undefined ? '' : ` ${name}="${esc(String(value))}"`);

function rangeText(f: FieldView): string {
  if (f.kind === 'seed') return f.max !== undefined ? `0–${f.max}` : '';
  const parts: string[] = [];
  if (f.min !== undefined && f.max !== undefined) parts.push(`${f.min}–${f.max}`);
  if (f.step !== undefined && f.step > 1) parts.push(`multiple of ${f.step}`);
  if (f.defaultValue !== undefined && f.kind !== 'textarea') parts.push(`default ${String(f.defaultValue)}`);
  return parts.join(', ');
}

function controlHtml(f: FieldView, describedBy: string, randomSeed: boolean): string {
  const id = `f-${f.name}`;
  const common = `id="${id}" name="${esc(f.name)}" data-param="${esc(f.name)}" aria-describedby="${describedBy}"${f.required ? ' required aria-required="true"' : ''}`;
  const text = f.value === undefined ? '' : String(f.value);
  switch (f.kind) {
    case 'textarea':
      return `<textarea ${common} rows="${f.group === 'prompt' && f.required ? 4 : 2}" spellcheck="true">${esc(text)}</textarea>`;
    case 'text':
      return `<input type="text" ${common}${attr('value', text)}>`;
    case 'combo': {
      const list = `l-${f.name}`;
      const options = (f.options ?? []).map((o) => `<option${attr('value', o.value)}${o.inferred ? attr('label', "(not on Segmind's page)") : ''}></option>`).join('');
      return `<input type="text" ${common} list="${list}"${attr('value', text)}><datalist id="${list}">${options}</datalist>`;
    }
    case 'select': {
      const options = (f.options ?? [])
        .map((o) => `<option${attr('value', o.value)}${o.value === text ? ' selected' : ''}>${esc(o.value)}${o.inferred ? ' (inferred)' : ''}</option>`)
        .join('');
      return `<select ${common}>${options}</select>`;
    }
    case 'checkbox':
      return `<input type="checkbox" ${common}${f.value === true ? ' checked' : ''}>`;
    case 'slider':
      return (
        `<input type="range" id="r-${f.name}" data-slider-for="${esc(f.name)}" tabindex="-1" aria-hidden="true"${attr('min', f.min)}${attr('max', f.max)}${attr('step', f.step)}${attr('value', typeof f.value === 'number' ? f.value : f.defaultValue as number | undefined)}>` +
        `<input type="number" class="number" ${common}${attr('min', f.min)}${attr('max', f.max)}${attr('step', f.step)}${attr('value', text)}>`
      );
    case 'number':
      return `<input type="number" class="number" ${common}${attr('min', f.min)}${attr('max', f.max)}${attr('step', f.step)}${attr('value', text)}>`;
    case 'seed':
      return (
        `<input type="number" class="number seed" ${common}${attr('min', f.min)}${attr('max', f.max)} step="1"${attr('value', randomSeed ? '' : text)}${randomSeed ? ' disabled' : ''} placeholder="random">` +
        `<label class="inline"><input type="checkbox" id="seed-random" data-seed-random${randomSeed ? ' checked' : ''}> Random</label>` +
        `<button type="button" class="secondary" data-action="reuse-seed" id="reuse-seed" disabled>Reuse last seed</button>`
      );
  }
}

function fieldHtml(f: FieldView, issue: string | undefined, randomSeed: boolean): string {
  const help = `h-${f.name}`;
  const err = `e-${f.name}`;
  const range = rangeText(f);
  const label = `<label for="f-${f.name}">${esc(f.label)}${f.required ? ' <span class="required" aria-hidden="true">*</span>' : ''}</label>`;
  const helpText = `<div class="help" id="${help}">${esc(f.help)}${range ? ` <span class="range">(${esc(range)})</span>` : ''}</div>`;
  const error = `<div class="error" id="${err}" role="alert"${issue ? '' : ' hidden'}>${issue ? esc(issue) : ''}</div>`;
  const control = controlHtml(f, `${help} ${err}`, randomSeed);
  return `<div class="field field-${f.kind}" data-field="${esc(f.name)}"${f.visible ? '' : ' hidden'}${issue ? ' data-invalid' : ''}>${label}<div class="control">${control}</div>${helpText}${error}</div>`;
}

/** The form's fields for a model, grouped, with the given values and validation issues. */
export function renderForm(model: ModelSpec, values: FormValues, issues: readonly FieldIssue[], randomSeed: boolean): string {
  const fields = describeForm(model, values);
  const issueFor = (name: string): string | undefined => issues.find((i) => i.field === name)?.message;
  return GROUP_ORDER.map((group) => {
    const inGroup = fields.filter((f) => f.group === group);
    if (inGroup.length === 0) return '';
    const body = inGroup.map((f) => fieldHtml(f, issueFor(f.name), randomSeed)).join('');
    if (group === 'prompt') return `<section class="group group-prompt">${body}</section>`;
    const open = group === 'advanced' ? '' : ' open';
    // Chromium cannot lay out <details> itself as a grid: the fields get their own container.
    return `<details class="group group-${group}"${open}><summary>${GROUP_TITLES[group]}</summary><div class="group-fields">${body}</div></details>`;
  }).join('');
}

function isFormValue(v: unknown): v is FormValue {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}
