// The panel's preset bar: pick a preset (its model and values load into the form, its style wraps
// the prompt when generating), save the form as a preset, rename or delete one. Names and styles are
// the user's text: always escaped. The questions themselves are asked by the extension.
import { MODELS, isModelSlug, type ModelSlug } from '../src/shared/catalog';
import { applyStyle, styleTemplate } from '../src/shared/presetStyle';
import type { Params, PresetView, RequestMessage, RequestReplies } from '../src/shared/protocol';

export interface PresetBarHost {
  /** The form's model and parameters as a generate would send them. */
  readonly current: () => { model: ModelSlug; params: Params };
  /** Loads a preset's model and values into the form (undefined: the default settings). */
  readonly apply: (preset: PresetView | undefined) => void;
  readonly request: (message: RequestMessage<'savePreset' | 'renamePreset' | 'deletePreset'>) => void;
  /** The selected preset's name, kept in the webview's saved state. */
  readonly selected: () => string | undefined;
  readonly select: (name: string | undefined) => void;
}

const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The options of the preset select: the default settings first, then each preset with its model. */
export function presetOptionsHtml(presets: readonly PresetView[], selected: string | undefined): string {
  const option = (value: string, label: string): string => `<option value="${esc(value)}"${value === (selected ?? '') ? ' selected' : ''}>${esc(label)}</option>`;
  return option('', 'Default settings') + presets
    .map((p) => option(p.name, `${p.name} — ${isModelSlug(p.model) ? MODELS[p.model].name : p.model}${p.source === 'workspace' ? ' (workspace)' : ''}`))
    .join('');
}

export class PresetBar {
  private presets: PresetView[] = [];

  constructor(private readonly root: HTMLElement, private readonly host: PresetBarHost) {
    root.addEventListener('change', () => {
      const preset = this.find((root.querySelector('select') as HTMLSelectElement).value);
      host.select(preset?.name);
      host.apply(preset);
      this.render();
    });
    root.addEventListener('click', (e) => {
      const action = (e.target as HTMLElement).closest<HTMLElement>('[data-preset-action]')?.dataset.presetAction;
      const name = host.selected();
      if (action === 'savePreset') host.request({ type: action, id: crypto.randomUUID(), ...host.current(), ...(name !== undefined ? { basedOn: name } : {}) });
      else if ((action === 'renamePreset' || action === 'deletePreset') && name !== undefined) host.request({ type: action, id: crypto.randomUUID(), name });
    });
    this.render();
  }

  /** The presets on offer changed: a selected preset that is gone is deselected (the form keeps its values). */
  update(presets: PresetView[]): void {
    this.presets = presets;
    if (!this.find(this.host.selected() ?? '')) this.host.select(undefined);
    this.render();
  }

  /** The request parameters with the selected preset's style around the prompt. */
  styled(params: Params): Params {
    const preset = this.find(this.host.selected() ?? '');
    return typeof params.prompt === 'string' && preset ? { ...params, prompt: applyStyle(params.prompt, preset) } : params;
  }

  readonly onReply = {
    savePreset: (reply: RequestReplies['savePreset']): void => this.selectNamed(reply.name),
    renamePreset: (reply: RequestReplies['renamePreset']): void => this.selectNamed(reply.name),
    deletePreset: (reply: RequestReplies['deletePreset']): void => {
      if (reply.deleted) this.update(this.presets);
    },
  };

  private selectNamed(name: string | undefined): void {
    if (name === undefined) return;
    this.host.select(name);
    this.render();
  }

  private find(name: string): PresetView | undefined {
    return this.presets.find((p) => p.name === name);
  }

  private render(): void {
    const preset = this.find(this.host.selected() ?? '');
    (this.root.querySelector('select') as HTMLSelectElement).innerHTML = presetOptionsHtml(this.presets, preset?.name);
    // A workspace preset is edited in its file, not here.
    for (const button of this.root.querySelectorAll<HTMLButtonElement>('[data-user-only]')) button.disabled = preset?.source !== 'user';
    const style = this.root.querySelector('.preset-style') as HTMLElement;
    const template = preset ? styleTemplate(preset) : '';
    style.hidden = !template;
    style.textContent = template && `Style: ${template}`;
  }
}
