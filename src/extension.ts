// The composition root, wiring only: build the services, register every feature (commands, generator
// panel, gallery), resume interrupted jobs. The HTTP stack (dist/http.js) loads on the first request.
import * as vscode from 'vscode';
import { registerAgentTool } from './agentTool/register';
import { InsertionAnchors } from './assets/insert';
import { showError } from './commands/errorMessage';
import { panelEditorServices } from './commands/panelGeneration';
import { registerCommands } from './commands/register';
import type { CommandServices } from './commands/services';
import { registerGallery } from './gallery/register';
import { History } from './history/history';
import { SaveClaims } from './jobs/claims';
import { ClientCache } from './jobs/clientCache';
import { editorRunnerDeps } from './jobs/editorRunnerDeps';
import type { JobRecord } from './jobs/job';
import { JobStore } from './jobs/jobStore';
import { resumeJobs } from './jobs/resume';
import { JobRunner } from './jobs/runner';
import { JobsStatusBar } from './jobs/statusBar';
import { SegmindLog } from './logging/log';
import { EditorTracker } from './panel/editorTracker';
import { registerPanel } from './panel/register';
import { ApiKeyService } from './secrets/apiKey';
import { registerImageDrop } from './imageDrop/register';
import { registerPresets } from './presets/register';
import { registerQueue } from './queue/register';
import type { QueueItem } from './queue/promptQueue';
import { SettingsService } from './settings/service';

/** What other extensions (and tests) can read: the persisted jobs of this workspace (never the key). */
export interface SegmindApi {
  readonly jobs: () => readonly JobRecord[];
  /** The prompt queue's items, in queue order. */
  readonly queue: () => readonly QueueItem[];
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
  const insertions = new InsertionAnchors();
  const runner = new JobRunner(editorRunnerDeps({ store, settings, apiKeys, clients, claims, history, insertions, globalStorage: context.globalStorageUri, logger }));
  const presets = registerPresets(settings, log.logger('presets'));
  const services: CommandServices = { runner, settings, apiKeys, log, logger, globalState: context.globalState, presets: presets.library };
  context.subscriptions.push(
    log, settings, apiKeys, store, insertions, runner, clients, new JobsStatusBar(runner), ...presets.registrations,
    ...registerCommands(services),
    registerImageDrop(settings),
    registerAgentTool({ runner, settings, logger: log.logger('agent-tool'), redactor: log.redactor }),
  );
  const errorHandlers = { openLog: () => log.show(), setApiKey: () => void vscode.commands.executeCommand('segmind.setApiKey') };
  const queue = registerQueue({ runner, store, settings, presets: presets.library, workspaceState: context.workspaceState, errorHandlers });
  context.subscriptions.push(...queue.registrations);
  const editors = new EditorTracker();
  const panel = { deps: panelEditorServices(services, history), extensionUri: context.extensionUri, editors, presets: presets.library };
  const { panels, registrations } = registerPanel(panel);
  context.subscriptions.push(
    editors, ...registrations,
    ...registerGallery({ history, logger: log.logger('gallery'), settings, files: panel, panels }),
  );
  for (const problem of settings.snapshot().problems) logger.warn(`settings: ${problem}`);
  // Markers of requests past Segmind's retention can never be claimed again: without this they pile up.
  void claims.prune().catch((e: unknown) => logger.warn(`claims: ${(e as Error).message}`));
  void resumeJobs(store, runner, logger, {
    showError: (e, retry) => showError(e, { ...errorHandlers, ...(retry ? { retry } : {}) }),
    hasApiKey: async () => (await apiKeys.get()) !== undefined,
    onDidChangeApiKey: apiKeys.onDidChange,
  }).catch((e: unknown) => logger.error(`resume: ${(e as Error).message}`))
    // The queue's running items are jobs the runner has just resumed: follow them, then go on.
    .finally(() => queue.resume());
  // `npm start -- --check` reads this line to know activation finished, not just began.
  logger.info(`activated: Segmind Image Studio ${String(context.extension.packageJSON.version)}`);
  return { jobs: () => store.all(), queue: queue.items };
}

export function deactivate(): void {}
