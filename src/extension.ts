// Wiring only: build the services, register the commands and the panel, resume interrupted jobs.
// The HTTP stack (dist/http.js) is loaded on the first request, not here.
import * as vscode from 'vscode';
import { registerApiKeyCommands } from './commands/apiKey';
import { showError } from './commands/errorMessage';
import { registerGenerateFromSelection } from './commands/generateFromSelection';
import { registerJobCommands } from './commands/jobs';
import { panelDeps } from './commands/panelDeps';
import type { CommandServices } from './commands/services';
import { registerGalleryView } from './gallery/grid/galleryView';
import { History } from './gallery/history';
import { SaveClaims } from './jobs/claims';
import { ClientCache } from './jobs/http';
import type { JobRecord } from './jobs/job';
import { JobStore } from './jobs/jobStore';
import { resumeJobs } from './jobs/resume';
import { JobRunner } from './jobs/runner';
import { JobsStatusBar } from './jobs/statusBar';
import { SegmindLog } from './logging/log';
import { registerPanel } from './panel/index';
import { ApiKeyService } from './secrets/apiKey';
import { SettingsService } from './settings/service';

/** What other extensions (and tests) can read: the persisted jobs of this workspace (never the key). */
export interface SegmindApi {
  readonly jobs: () => readonly JobRecord[];
}

export function activate(context: vscode.ExtensionContext): SegmindApi {
  const log = new SegmindLog();
  const logger = log.logger('jobs');
  const settings = new SettingsService();
  const apiKeys = new ApiKeyService(context.secrets, log.redactor);
  const clients = new ClientCache(log.logger('http'), `segmind-image-studio/${String(context.extension.packageJSON.version)} vscode/${vscode.version}`);
  const store = new JobStore(context.workspaceState);
  const history = new History(context.workspaceState);
  const claims = new SaveClaims(context.globalStorageUri);
  const runner = new JobRunner({ store, settings, apiKeys, clients, claims, history, globalStorage: context.globalStorageUri, logger });
  const services: CommandServices = { runner, settings, apiKeys, log, logger, globalState: context.globalState };
  context.subscriptions.push(
    log, settings, apiKeys, store, runner, clients, new JobsStatusBar(runner),
    registerGenerateFromSelection(services),
    ...registerApiKeyCommands(services),
    ...registerJobCommands(services),
  );
  const gallery = registerGalleryView(context, { history, settings, logger: log.logger('gallery') });
  registerPanel(context, panelDeps(services, history), gallery);
  for (const problem of settings.snapshot().problems) logger.warn(`settings: ${problem}`);
  const errorHandlers = { openLog: () => log.show(), setApiKey: () => void vscode.commands.executeCommand('segmind.setApiKey') };
  // Markers of requests past Segmind's retention can never be claimed again: without this they pile up.
  void claims.prune().catch((e: unknown) => logger.warn(`claims: ${(e as Error).message}`));
  void resumeJobs(store, runner, logger, {
    showError: (e, retry) => showError(e, { ...errorHandlers, ...(retry ? { retry } : {}) }),
    hasApiKey: async () => (await apiKeys.get()) !== undefined,
    onDidChangeApiKey: apiKeys.onDidChange,
  }).catch((e: unknown) => logger.error(`resume: ${(e as Error).message}`));
  // `npm start -- --check` reads this line to know activation finished, not just began.
  logger.info(`activated: Segmind Image Studio ${String(context.extension.packageJSON.version)}`);
  return { jobs: () => store.all() };
}

export function deactivate(): void {}
