// Every preset on offer: the user's (`segmind.presets`, carried by Settings Sync) and the workspace's
// (`.vscode/segmind-presets.json`). Saving, renaming and deleting change the user's presets only; a
// bad preset is left out and reported once, naming where it is, the preset and the field.
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle';
import type { Logger } from '../logging/log';
import type { SettingsService } from '../settings/service';
import { mergePresets, parsePresetList, type Preset, type SourcedPreset } from '../shared/presets';
import { WORKSPACE_PRESETS_FILE, presetsFileLabel, type WorkspacePresets } from './workspacePresets';

export class PresetLibrary extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private reported = new Set<string>();

  constructor(private readonly settings: SettingsService, private readonly workspace: WorkspacePresets, private readonly logger: Logger) {
    super();
    const update = (): void => {
      this.reportProblems();
      this.changed.fire();
    };
    this._register(settings.onDidChange(update));
    this._register(workspace.onDidChange(update));
    this.reportProblems();
  }

  /** The user's presets (`segmind.presets`), validated: the valid ones and a sentence per rejected one. */
  private user(): { presets: Preset[]; problems: string[] } {
    const parsed = parsePresetList(this.settings.snapshot().presets, 'segmind.presets');
    return { presets: [...parsed.presets], problems: [...parsed.problems] };
  }

  all(): SourcedPreset[] {
    return mergePresets(this.user().presets, this.workspace.current().presets);
  }

  find(name: string): SourcedPreset | undefined {
    return this.all().find((p) => p.name === name);
  }

  problems(): string[] {
    return [...this.user().problems, ...this.workspace.current().problems];
  }

  /** Stores `preset` in the user's presets, replacing one of the same name. */
  async save(preset: Preset): Promise<void> {
    const user = this.user().presets;
    const at = user.findIndex((p) => p.name === preset.name);
    await this.settings.updatePresets(at < 0 ? [...user, preset] : user.map((p, i) => (i === at ? preset : p)));
  }

  async rename(from: string, to: string): Promise<void> {
    await this.settings.updatePresets(this.user().presets.map((p) => (p.name === from ? { ...p, name: to } : p)));
  }

  async remove(name: string): Promise<void> {
    await this.settings.updatePresets(this.user().presets.filter((p) => p.name !== name));
  }

  /** Why there is no preset `name`: a bad definition (with its problem), or the names there are. */
  missingPresetMessage(name: string): string {
    const problem = this.problems().find((p) => p.includes(`preset "${name}"`));
    if (problem) return `The preset "${name}" cannot be used: ${problem}.`;
    const names = this.all().map((p) => `"${p.name}"`);
    return `There is no preset "${name}"${names.length ? `: use one of ${names.join(', ')}` : ' (none is defined)'}.`;
  }

  /** Why `name` cannot name a new or renamed user preset, or undefined. */
  nameProblem(name: string, allowed?: string): string | undefined {
    const trimmed = name.trim();
    if (!trimmed) return vscode.l10n.t('Enter a name');
    if (trimmed === allowed) return undefined;
    const existing = this.find(trimmed);
    if (existing?.source === 'workspace') return vscode.l10n.t('The workspace already has a preset "{0}" (in {1})', trimmed, WORKSPACE_PRESETS_FILE);
    return undefined;
  }

  /** A bad preset is shown once per distinct problem, with a button to where it can be fixed. */
  private reportProblems(): void {
    const current = this.problems();
    const fresh = current.filter((p) => !this.reported.has(p));
    this.reported = new Set(current);
    for (const problem of fresh) {
      this.logger.warn(`presets: ${problem}`);
      const fix = problem.startsWith('segmind.presets') ? vscode.l10n.t('Open Settings') : vscode.l10n.t('Open File');
      void vscode.window.showWarningMessage(vscode.l10n.t('A Segmind preset was left out: {0}', problem), fix).then((choice) => {
        if (choice !== fix) return;
        if (problem.startsWith('segmind.presets')) void vscode.commands.executeCommand('workbench.action.openSettings', 'segmind.presets');
        else void openWorkspaceFile(problem);
      });
    }
  }
}

async function openWorkspaceFile(problem: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.find((f) => problem.startsWith(presetsFileLabel(vscode.Uri.joinPath(f.uri, WORKSPACE_PRESETS_FILE))));
  const root = folder ?? vscode.workspace.workspaceFolders?.[0];
  if (root) await vscode.commands.executeCommand('vscode.open', vscode.Uri.joinPath(root.uri, ...WORKSPACE_PRESETS_FILE.split('/')));
}
