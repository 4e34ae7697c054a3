// The questions presets ask the user: a name and a style when saving, a new name, a confirmation
// before deleting, and which preset to generate with. Each resolves to undefined when dismissed.
import * as vscode from 'vscode';
import { MODELS, isModelSlug } from '../shared/catalog';
import type { Params } from '../shared/params';
import type { Preset, SourcedPreset } from '../shared/presets';
import { parseStyleTemplate, styleTemplate } from '../shared/presetStyle';
import type { PresetLibrary } from './presetLibrary';
import { WORKSPACE_PRESETS_FILE } from './workspacePresets';

/** Saves `model` + `params` as a user preset named by the user; resolves to the name, or undefined. */
export async function askToSavePreset(library: PresetLibrary, settings: { model: string; params: Params; basedOn?: string }): Promise<string | undefined> {
  const base = settings.basedOn !== undefined ? library.find(settings.basedOn) : undefined;
  const suggested = base?.source === 'user' ? base.name : '';
  const name = (await vscode.window.showInputBox({
    title: vscode.l10n.t('Save Preset'),
    prompt: vscode.l10n.t('A name for these settings (an existing preset of that name is replaced)'),
    value: suggested,
    ignoreFocusOut: true,
    validateInput: (value) => library.nameProblem(value, suggested || undefined),
  }))?.trim();
  if (!name) return undefined;
  const template = await vscode.window.showInputBox({
    title: vscode.l10n.t('Preset Style (optional)'),
    prompt: vscode.l10n.t('Text around every prompt, with {prompt} where the prompt goes, e.g. "cinematic photo of {prompt}, 35mm". Leave empty for none.'),
    value: base ? styleTemplate(base) : '',
    ignoreFocusOut: true,
  });
  if (template === undefined) return undefined;
  // The prompt is the user's text of the moment, not a setting.
  const params = Object.fromEntries(Object.entries(settings.params).filter(([name]) => name !== 'prompt'));
  await library.save({ name, model: settings.model, params, ...parseStyleTemplate(template) });
  return name;
}

export async function askToRenamePreset(library: PresetLibrary, name: string): Promise<string | undefined> {
  assertUserPreset(library, name);
  const next = (await vscode.window.showInputBox({
    title: vscode.l10n.t('Rename Preset "{0}"', name),
    value: name,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() !== name && library.find(value.trim()) ? vscode.l10n.t('A preset "{0}" already exists', value.trim()) : library.nameProblem(value, name)),
  }))?.trim();
  if (!next || next === name) return undefined;
  await library.rename(name, next);
  return next;
}

export async function askToDeletePreset(library: PresetLibrary, name: string): Promise<boolean> {
  assertUserPreset(library, name);
  const remove = vscode.l10n.t('Delete');
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Delete the preset "{0}"?', name), { modal: true }, remove);
  if (choice !== remove) return false;
  await library.remove(name);
  return true;
}

/** Which preset to generate with: a preset, `null` for the default settings, undefined when dismissed. */
export async function pickPreset(presets: readonly SourcedPreset[], title: string): Promise<Preset | null | undefined> {
  type Item = vscode.QuickPickItem & { preset: Preset | null };
  const items: Item[] = [
    { label: vscode.l10n.t('Default settings'), description: vscode.l10n.t('segmind.defaultModel and segmind.defaultParameters'), preset: null },
    ...presets.map((preset) => ({
      label: preset.name,
      description: [isModelSlug(preset.model) ? MODELS[preset.model].name : preset.model, preset.source === 'workspace' ? vscode.l10n.t('workspace') : ''].filter(Boolean).join(' · '),
      detail: styleTemplate(preset) || undefined,
      preset,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Generate with a preset, or with your default settings'), ignoreFocusOut: true });
  return picked === undefined ? undefined : picked.preset;
}

function assertUserPreset(library: PresetLibrary, name: string): void {
  const preset = library.find(name);
  if (!preset) throw new Error(vscode.l10n.t('There is no preset "{0}".', name));
  if (preset.source === 'workspace') throw new Error(vscode.l10n.t('"{0}" is a workspace preset: edit it in {1}.', name, WORKSPACE_PRESETS_FILE));
}
