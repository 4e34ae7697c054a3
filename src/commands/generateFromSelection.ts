// `segmind.generateFromSelection`: from a menu or keybinding it is interactive (input box when there
// is no selection, confirmation for costly runs, folder dialog without a workspace); with an options
// object it never opens modal UI, resolves to {files, requestId} and rejects with the message shown.
import * as vscode from 'vscode';
import { InsertionAnchors } from '../assets/insert';
import { UserFacingError } from '../common/userFacingError';
import { showJobProgress } from '../jobs/progress';
import { retryWaitsOnRequest } from '../jobs/job';
import type { GenerationRequest, RunningJob } from '../jobs/runner';
import { MODELS, imageCount, isModelSlug } from '../shared/catalog';
import { confirmOverBalance, costEstimateText } from './costConfirmation';
import { ACTIONS, showError } from './errorMessage';
import { parseArgument, type GenerateOptions } from './options';
import type { CommandServices } from './services';
import { pickPreset } from '../presets/presetQuestions';
import { generationSettings } from '../shared/presets';

export interface GenerateResult {
  readonly files: string[];
  readonly requestId?: string;
}

const DONT_ASK_KEY = 'segmind.confirmImageCount.dontAsk';

/** The handler of `segmind.generateFromSelection`. */
export function generateFromSelection(services: CommandServices): (arg?: unknown) => Promise<GenerateResult | undefined> {
  return async (arg) => {
    const parsed = parseArgument(arg);
    if (!parsed.programmatic) return generateInteractively(services);
    if ('error' in parsed) throw new Error(showError(new UserFacingError(parsed.error), handlers(services)) ?? parsed.error);
    return generateProgrammatically(services, parsed.options);
  };
}

function handlers(services: CommandServices, retry?: () => void) {
  return {
    openLog: () => services.log.show(),
    setApiKey: () => void vscode.commands.executeCommand('segmind.setApiKey'),
    ...(retry ? { retry } : {}),
  };
}

async function generateProgrammatically(services: CommandServices, options: GenerateOptions): Promise<GenerateResult> {
  const editor = vscode.window.activeTextEditor;
  const settings = services.settings.snapshot(editor?.document.uri);
  const prompt = options.prompt ?? (editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined);
  const fail = (e: unknown): never => {
    const shown = showError(e, handlers(services));
    throw shown === undefined ? new vscode.CancellationError() : new Error(shown);
  };
  if (prompt === undefined) return fail(new UserFacingError('No prompt: select the text to use as the prompt, or pass a "prompt" option.'));
  const preset = options.preset !== undefined ? services.presets.find(options.preset) : null;
  if (preset === undefined) return fail(new UserFacingError(services.presets.missingPresetMessage(options.preset ?? '')));
  const insert = options.insert ?? settings.insertAfterSave;
  const request: GenerationRequest = {
    ...generationSettings(prompt, preset, settings, options),
    ...(options.folder !== undefined ? { folder: options.folder } : {}),
    ...(editor ? { documentUri: editor.document.uri } : {}),
    ...(insert && editor ? { insertion: InsertionAnchors.capture(editor) } : {}),
  };
  try {
    return await run(services, () => services.runner.start(request));
  } catch (e) {
    return fail(e);
  }
}

async function generateInteractively(services: CommandServices): Promise<GenerateResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  const settings = services.settings.snapshot(editor?.document.uri);
  let prompt = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  if (!prompt) {
    prompt = (await vscode.window.showInputBox({
      title: vscode.l10n.t('Generate Image'),
      prompt: vscode.l10n.t('Describe the image to generate'),
      placeHolder: vscode.l10n.t('a watercolor lighthouse at dusk'),
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a prompt')),
    }))?.trim() ?? '';
    if (!prompt) return undefined;
  }
  const presets = services.presets.all();
  const preset = presets.length ? await pickPreset(presets, vscode.l10n.t('Generate Image from Selection')) : null;
  if (preset === undefined) return undefined;
  const { model, params } = generationSettings(prompt, preset, settings);
  // Over the balance, that one question (it names the cost) replaces the count confirmation.
  const over = services.credits.overBalance(model, params);
  if (over ? !(await confirmOverBalance(over)) : !(await confirmCount(services, model, params, settings.confirmImageCount))) return undefined;
  let pickedFolder: vscode.Uri | undefined;
  if (!vscode.workspace.workspaceFolders?.length) {
    pickedFolder = (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: vscode.l10n.t('Save Images Here') }))?.[0];
    if (!pickedFolder) return undefined;
  }
  const request: GenerationRequest = {
    model, params, ...(pickedFolder ? { pickedFolder } : {}), ...(over ? { overBalanceConfirmed: true } : {}),
    ...(editor ? { documentUri: editor.document.uri } : {}),
    ...(settings.insertAfterSave && editor && !editor.document.isClosed ? { insertion: InsertionAnchors.capture(editor) } : {}),
  };
  const attempt = async (start: () => Promise<RunningJob>): Promise<GenerateResult | undefined> => {
    let job: RunningJob | undefined;
    try {
      return await run(services, async () => (job = await start()));
    } catch (e) {
      // A request Segmind accepted is waited on again, not submitted (and billed) a second time.
      const failed = job?.record();
      const retry = retryWaitsOnRequest(failed, e) ? () => services.runner.continueFailed(failed.id) : () => services.runner.start(request);
      showError(e, handlers(services, () => void attempt(retry)));
      return undefined;
    }
  };
  return attempt(() => services.runner.start(request));
}

/** Asks before a request that makes more than `segmind.confirmImageCount` images. */
async function confirmCount(services: CommandServices, model: string, params: Record<string, unknown>, limit: number): Promise<boolean> {
  if (!isModelSlug(model) || services.globalState.get<boolean>(DONT_ASK_KEY)) return true;
  const count = imageCount(MODELS[model], params);
  if (count <= limit) return true;
  const go = vscode.l10n.t('Generate {0} Images', count);
  const dontAsk = vscode.l10n.t("Generate and Don't Ask Again");
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('This request generates {0} images with {1}; each one is billed. Continue?', count, MODELS[model].name),
    { modal: true, detail: vscode.l10n.t('Expected cost: {0}', costEstimateText(services.credits, model, params)) },
    go,
    dontAsk,
  );
  if (choice === dontAsk) await services.globalState.update(DONT_ASK_KEY, true);
  return choice === go || choice === dontAsk;
}

async function run(services: CommandServices, start: () => Promise<RunningJob>): Promise<GenerateResult> {
  const job = await start();
  const modelName = isModelSlug(job.record().model) ? MODELS[job.record().model].name : job.record().model;
  showJobProgress(job, vscode.l10n.t('Generating with {0}', modelName));
  const outcome = await job.done;
  const files = outcome.files.map((f) => vscode.workspace.asRelativePath(f, false));
  announce(outcome.files, outcome.inserted);
  const requestId = outcome.job.requestId;
  return { files, ...(requestId ? { requestId } : {}) };
}

/** Success: a status bar message when the references were inserted, else Open / Reveal in Explorer. */
function announce(files: readonly vscode.Uri[], inserted: boolean): void {
  const first = files[0];
  if (!first) return;
  const where = vscode.workspace.asRelativePath(first, false);
  if (inserted) {
    vscode.window.setStatusBarMessage(files.length === 1 ? vscode.l10n.t('$(check) Saved and inserted {0}', where) : vscode.l10n.t('$(check) Saved and inserted {0} images', files.length), 5000);
    return;
  }
  const open = vscode.l10n.t('Open');
  const reveal = vscode.l10n.t('Reveal in Explorer');
  const message = files.length === 1 ? vscode.l10n.t('Saved {0}', where) : vscode.l10n.t('Saved {0} images in {1}', files.length, where.split('/').slice(0, -1).join('/') || '.');
  void vscode.window.showInformationMessage(message, open, reveal).then(async (choice) => {
    if (choice === open) for (const f of files) await vscode.commands.executeCommand('vscode.open', f);
    if (choice === reveal) await vscode.commands.executeCommand('revealInExplorer', first);
  });
}

export { ACTIONS };
