// Reads the settings into a validated snapshot, rebuilt when they change. `segmind.apiBaseUrl`
// comes from user (application) settings only, so a cloned workspace cannot redirect the API key.
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle';
import type { Preset } from '../shared/presets';
import { buildSnapshot, SETTING_KEYS, type RawSettings, type SettingsSnapshot } from './snapshot';

const KEYS = [
  'defaultModel', 'defaultParameters', 'outputFolder', 'fileNameTemplate', 'insertAfterSave', 'embedMetadata',
  'requestMode', 'requestTimeoutSeconds', 'confirmImageCount', 'thumbnailCacheMB', 'presets', 'queueConcurrency',
] as const;

export class SettingsService extends Disposable {
  private current: SettingsSnapshot;
  private readonly changed = this._register(new vscode.EventEmitter<SettingsSnapshot>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.current = readSettings();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('segmind') || e.affectsConfiguration('http.proxy') || e.affectsConfiguration('http.proxyStrictSSL')) {
          this.current = readSettings();
          this.changed.fire(this.current);
        }
      }),
    );
  }

  /** The snapshot for the workspace (or for a document's folder in a multi-root workspace). */
  snapshot(scope?: vscode.Uri): SettingsSnapshot {
    return scope ? readSettings(scope) : this.current;
  }

  /**
   * Writes `segmind.presets` where it already lives (workspace, or user settings, which Settings
   * Sync carries); user settings when it is set nowhere yet.
   */
  async updatePresets(presets: readonly Preset[]): Promise<void> {
    const config = vscode.workspace.getConfiguration('segmind');
    const where = config.inspect('presets');
    const target = where?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('presets', presets, target);
  }
}

export function readSettings(scope?: vscode.Uri): SettingsSnapshot {
  const config = vscode.workspace.getConfiguration('segmind', scope);
  const raw: RawSettings = {};
  for (const key of KEYS) raw[key] = config.get(SETTING_KEYS[key] ?? key);
  const base = config.inspect<string>('apiBaseUrl');
  raw.apiBaseUrl = base?.globalValue ?? base?.defaultValue;
  const http = vscode.workspace.getConfiguration('http');
  raw.proxyUrl = http.get<string>('proxy');
  raw.strictSSL = http.get<boolean>('proxyStrictSSL');
  return buildSnapshot(raw);
}
