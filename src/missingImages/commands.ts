// `segmind.generateMissingImage` (one reference: the CodeLens and the quick fix) and
// `segmind.generateMissingImages` (every missing image of a file: palette, editor and Explorer
// context menus). Both save at exactly the referenced path, never over an existing file, with no UI
// beyond progress; scripts get `{ generated, failed }` back.
import * as vscode from 'vscode';
import { showJobProgress } from '../jobs/progress';
import { isModelSlug } from '../shared/catalog';
import { presentError, showError } from '../commands/errorMessage';
import type { CommandServices } from '../commands/services';
import type { MissingImagePlan } from './plan';
import type { CommandHandler } from '../common/lazyCommands';
import type { CostEstimate } from '../credits/costEstimator';
import { estimateText, overBalanceText } from '../credits/costText';
import { GENERATE_MISSING_IMAGE, GENERATE_MISSING_IMAGES, type MissingImageCommandId } from './contributions';
import { findMissingImages, uniqueByPath } from './scanner';

export interface MissingImagesResult {
  /** Workspace-relative paths written. */
  readonly generated: string[];
  readonly failed: { readonly path: string; readonly message: string }[];
}

/** Jobs of one batch in flight at once; the client waits out Segmind's rate limit on top of this. */
export const BATCH_CONCURRENCY = 2;
const LISTED_IN_CONFIRMATION = 15;

/** The handlers of the feature's commands (registered at activation by ./register.ts). */
/** `onGenerated` runs after each image made, so the CodeLens on its reference goes at once. */
export function missingImageCommandHandlers(services: CommandServices, onGenerated: () => void = () => undefined): Record<MissingImageCommandId, CommandHandler> {
  return {
    [GENERATE_MISSING_IMAGE]: async (documentUri: unknown, plan: unknown): Promise<MissingImagesResult> => {
      if (typeof documentUri !== 'string' || !isPlan(plan)) throw new Error('segmind.generateMissingImage takes the arguments of its code action: (documentUri, plan).');
      const job = await generateOne(services, vscode.Uri.parse(documentUri), plan, true);
      if ('message' in job) showError(job.error, errorHandlers(services));
      else onGenerated();
      return 'message' in job ? { generated: [], failed: [{ path: plan.path, message: job.message }] } : { generated: [job.path], failed: [] };
    },
    [GENERATE_MISSING_IMAGES]: async (uri?: unknown, options?: { confirm?: boolean }) => {
      const result = await generateMissingImages(services, uri, options?.confirm !== false);
      if (result.generated.length > 0) onGenerated();
      return result;
    },
  };
}

function errorHandlers(services: CommandServices) {
  return { openLog: () => services.log.show(), setApiKey: () => void vscode.commands.executeCommand('segmind.setApiKey') };
}

type OneResult = { readonly path: string } | { readonly message: string; readonly error: unknown };

async function generateOne(services: CommandServices, documentUri: vscode.Uri, plan: MissingImagePlan, ownProgress: boolean, token?: vscode.CancellationToken, overBalanceConfirmed = false): Promise<OneResult> {
  try {
    const job = await services.runner.start({ model: plan.model, params: { ...plan.params, prompt: plan.prompt }, file: plan.path, documentUri, ...(overBalanceConfirmed ? { overBalanceConfirmed } : {}) });
    const cancel = token?.onCancellationRequested(() => job.cancel());
    if (ownProgress) showJobProgress(job, vscode.l10n.t('Generating {0}', plan.path));
    try {
      const outcome = await job.done;
      return { path: vscode.workspace.asRelativePath(outcome.files[0] ?? plan.path, false) };
    } finally {
      cancel?.dispose();
    }
  } catch (error) {
    return { message: presentError(error)?.message ?? vscode.l10n.t('Cancelled.'), error };
  }
}

async function generateMissingImages(services: CommandServices, uri: unknown, confirm: boolean): Promise<MissingImagesResult> {
  const documentUri = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  if (!documentUri) {
    if (confirm) void vscode.window.showInformationMessage(vscode.l10n.t('Open a document, or run this on a file in the Explorer, to generate the images it references.'));
    return { generated: [], failed: [] };
  }
  const document = await vscode.workspace.openTextDocument(documentUri);
  const plans = uniqueByPath(await findMissingImages(document, services.settings.snapshot(documentUri).defaultModel));
  const name = vscode.workspace.asRelativePath(documentUri, false);
  if (plans.length === 0) {
    if (confirm) void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no missing images to generate.', name));
    return { generated: [], failed: [] };
  }
  if (confirm && !(await confirmBatch(services, name, plans))) return { generated: [], failed: [] };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Generating missing images for {0}', name), cancellable: true },
    (progress, token) => runBatch(services, documentUri, plans, token, confirm, (done) => progress.report({ message: vscode.l10n.t('{0} of {1}', done, plans.length), increment: 100 / plans.length })),
  );
  announce(services, result, plans.length);
  return result;
}

async function runBatch(services: CommandServices, documentUri: vscode.Uri, plans: readonly MissingImagePlan[], token: vscode.CancellationToken, userConfirmed: boolean, onDone: (done: number) => void): Promise<MissingImagesResult> {
  const generated: string[] = [];
  const failed: { path: string; message: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < plans.length && !token.isCancellationRequested) {
      const plan = plans[next++]!;
      // The user saw the estimate (and any over-balance warning) in the confirmation and went on.
      const one = await generateOne(services, documentUri, plan, false, token, userConfirmed);
      if ('path' in one) generated.push(one.path);
      else failed.push({ path: plan.path, message: one.message });
      onDone(generated.length + failed.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, plans.length) }, worker));
  return { generated, failed };
}

/** The batch's expected cost: the sum of each image's estimate, or none while one of them has none. */
function batchEstimate(services: CommandServices, plans: readonly MissingImagePlan[]): CostEstimate | undefined {
  const each = plans.map((p) => services.credits.estimate(p.model, { ...p.params, prompt: p.prompt }));
  if (each.some((e) => e === undefined)) return undefined;
  return { credits: each.reduce((sum, e) => sum + (e?.credits ?? 0), 0), basis: each.every((e) => e?.basis === 'learned') ? 'learned' : 'scaled' };
}

/** Asks once for the whole batch; true when the user chose to go on (over the balance too, when the text said so). */
async function confirmBatch(services: CommandServices, name: string, plans: readonly MissingImagePlan[]): Promise<boolean> {
  const listed = plans.slice(0, LISTED_IN_CONFIRMATION).map((p) => `${p.path} — ${p.prompt}`);
  if (plans.length > LISTED_IN_CONFIRMATION) listed.push(vscode.l10n.t('… and {0} more', plans.length - LISTED_IN_CONFIRMATION));
  const estimate = batchEstimate(services, plans);
  listed.push('', estimateText(estimate, vscode.l10n.t));
  const balance = services.credits.balance();
  if (estimate && balance && estimate.credits > balance.credits) listed.push(overBalanceText({ estimate: estimate.credits, remaining: balance.credits }, vscode.l10n.t));
  const go = plans.length === 1 ? vscode.l10n.t('Generate 1 Image') : vscode.l10n.t('Generate {0} Images', plans.length);
  const choice = await vscode.window.showInformationMessage(
    plans.length === 1 ? vscode.l10n.t('{0} references 1 image that does not exist. Generate it? It is billed.', name) : vscode.l10n.t('{0} references {1} images that do not exist. Generate them? Each one is billed.', name, plans.length),
    { modal: true, detail: listed.join('\n') },
    go,
  );
  return choice === go;
}

function announce(services: CommandServices, result: MissingImagesResult, total: number): void {
  if (result.failed.length === 0) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Generated {0} of {1} missing images', result.generated.length, total), 5000);
    return;
  }
  const failures = result.failed.map((f) => `${f.path}: ${f.message}`).join(' ');
  const openLog = vscode.l10n.t('Open Log');
  void vscode.window.showWarningMessage(vscode.l10n.t('Generated {0} of {1} missing images; {2} failed. {3}', result.generated.length, total, result.failed.length, failures), openLog).then((choice) => {
    if (choice === openLog) services.log.show();
  });
}

function isPlan(value: unknown): value is MissingImagePlan {
  const p = value as Partial<MissingImagePlan> | null;
  return (
    typeof p === 'object' && p !== null && typeof p.path === 'string' && typeof p.prompt === 'string' && isModelSlug(p.model) &&
    typeof p.params === 'object' && p.params !== null && Object.values(p.params).every((v) => typeof v === 'string' || typeof v === 'number')
  );
}
