// Registers presets: the user's and the workspace's, watched, offered to the panel and the commands.
import type * as vscode from 'vscode';
import type { Logger } from '../logging/log';
import type { SettingsService } from '../settings/service';
import { PresetLibrary } from './presetLibrary';
import { WorkspacePresets } from './workspacePresets';

export function registerPresets(settings: SettingsService, logger: Logger): { library: PresetLibrary; registrations: vscode.Disposable[] } {
  const workspace = new WorkspacePresets();
  const library = new PresetLibrary(settings, workspace, logger);
  return { library, registrations: [library, workspace] };
}
