// What the commands need, built once in src/featuresBundle.ts.
import type * as vscode from 'vscode';
import type { AccountCredits } from '../credits/accountCredits';
import type { JobRunner } from '../jobs/runner';
import type { Logger, SegmindLog } from '../logging/log';
import type { PresetLibrary } from '../presets/presetLibrary';
import type { ApiKeyService } from '../secrets/apiKey';
import type { SettingsService } from '../settings/service';

export interface CommandServices {
  readonly runner: JobRunner;
  readonly settings: SettingsService;
  readonly apiKeys: ApiKeyService;
  readonly log: SegmindLog;
  readonly logger: Logger;
  readonly globalState: vscode.Memento;
  readonly credits: AccountCredits;
  readonly presets: PresetLibrary;
}
