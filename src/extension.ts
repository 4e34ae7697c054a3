// The composition root, wiring only: build the services activation needs, register every feature
// (commands, generator panel, gallery, image drop, agent tool) and look for interrupted jobs. What
// runs behind the registrations loads on first use: dist/features.js (src/featuresBundle.ts), and
// from there the HTTP stack (dist/http.js) on the first request.
import * as vscode from 'vscode';
import { registerAgentTool } from './agentTool/register';
import { AccountCredits } from './credits/accountCredits';
import { registerCommands } from './commands/register';
import { registerGallery } from './gallery/register';
import { History } from './history/history';
import { registerImageDrop } from './imageDrop/register';
import { SaveClaims } from './jobs/claims';
import { resumeIfInterrupted } from './jobs/interrupted';
import type { JobRecord } from './jobs/job';
import { JobStore } from './jobs/jobStore';
import { LazyFeatures } from './loadFeatures';
import { SegmindLog } from './logging/log';
import { EditorTracker } from './panel/editorTracker';
import { registerPanel } from './panel/register';
import { ApiKeyService } from './secrets/apiKey';
import { registerMissingImages } from './missingImages/register';
import { registerQueue } from './queue/register';
import { queueHasWork } from './queue/contributions';
import type { QueueItem } from './queue/promptQueue';
import { SettingsService } from './settings/service';

/** What other extensions (and tests) can read: the persisted jobs of this workspace (never the key), and credits. */
export interface SegmindApi {
  readonly jobs: () => readonly JobRecord[];
  readonly credits: Pick<AccountCredits, 'balance' | 'estimate' | 'flushed'>;
  /** The prompt queue's items, in queue order. */
  readonly queue: () => readonly QueueItem[];
}

export function activate(context: vscode.ExtensionContext): SegmindApi {
  const version = String(context.extension.packageJSON.version);
  const log = new SegmindLog();
  const logger = log.logger('jobs');
  const settings = new SettingsService();
  const apiKeys = new ApiKeyService(context.secrets, log.redactor);
  const store = new JobStore(context.workspaceState);
  const history = new History(context.workspaceState);
  const claims = new SaveClaims(context.globalStorageUri);
  // Per account, so in global state: what runs cost and the last balance.
  const credits = new AccountCredits(context.globalState);
  // From activation on: "Insert" and the prompt prefill mean the editor the user last worked in.
  const editors = new EditorTracker();
  const features = new LazyFeatures({
    log, settings, apiKeys, store, history, claims, editors, credits,
    extensionUri: context.extensionUri, globalStorageUri: context.globalStorageUri, globalState: context.globalState, workspaceState: context.workspaceState,
    userAgent: `segmind-image-studio/${version} vscode/${vscode.version}`,
  });
  context.subscriptions.push(
    log, settings, apiKeys, store, editors, credits, features,
    apiKeys.onDidChange(() => credits.forgetBalance()),
    ...registerCommands(() => features.get().commands),
    ...registerPanel(() => features.get().panels),
    ...registerGallery(() => features.get().openGallery()),
    registerImageDrop(() => features.get().imageDrop),
    ...registerMissingImages(() => features.get().missingImages),
    ...registerQueue(() => features.get().queue),
    registerAgentTool(() => features.get().agentTool),
  );
  for (const problem of settings.snapshot().problems) logger.warn(`settings: ${problem}`);
  // Markers of requests past Segmind's retention can never be claimed again: without this they pile up.
  void claims.prune().catch((e: unknown) => logger.warn(`claims: ${(e as Error).message}`));
  // Jobs a reload cut short, and a prompt queue with work left, are picked up at once; anything else waits for first use.
  void resumeIfInterrupted(store, () => features.get().resumeJobs(), Date.now(), queueHasWork(context.workspaceState))
    .catch((e: unknown) => logger.error(`resume: ${(e as Error).message}`));
  // `npm start -- --check` reads this line to know activation finished, not just began.
  logger.info(`activated: Segmind Image Studio ${version}`);
  return {
    jobs: () => store.all(),
    credits: { balance: () => credits.balance(), estimate: (model, params) => credits.estimate(model, params), flushed: () => credits.flushed() },
    queue: () => features.get().queue.items(),
  };
}

export function deactivate(): void {}
