// `segmind.generateFromLines`: every line of the selection (or of a prompts file) becomes one job of
// the prompt queue, with a preset or the default settings. From a menu it asks which preset and
// confirms the count (each image is billed); with an options object it never opens UI and resolves
// to one result per prompt once all have finished:
//   executeCommand('segmind.generateFromLines', { prompts: ['a', 'b'], preset: 'Ink', confirm: false })
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { UserFacingError } from '../common/userFacingError';
import type { PresetLibrary } from '../presets/presetLibrary';
import { pickPreset } from '../presets/presetQuestions';
import type { SettingsService } from '../settings/service';
import { MODELS, imageCount, isModelSlug } from '../shared/catalog';
import { generationSettings, type Preset } from '../shared/presets';
import { validateParams } from '../shared/validation';
import { parsePrompts } from './promptsFile';
import type { NewQueueItem, PromptQueue, QueueItem } from './promptQueue';
import type { QueueScheduler } from './queueScheduler';
import { QUEUE_VIEW } from './contributions';

export interface QueueServices {
  readonly queue: PromptQueue;
  readonly scheduler: QueueScheduler;
  readonly settings: SettingsService;
  readonly presets: PresetLibrary;
  /** Shows a failure the way every command does (src/commands/errorMessage.ts). */
  readonly showError: (e: unknown) => void;
}

export interface PromptResult {
  readonly prompt: string;
  readonly state: QueueItem['state'];
  readonly files?: readonly string[];
  readonly requestId?: string;
  readonly error?: string;
}

const MAX_PROMPTS = 500;

const optionsSchema = z.strictObject({
  prompts: z.optional(z.array(z.string()).check(z.maxLength(MAX_PROMPTS))),
  /** A workspace-relative prompts file, used when `prompts` is not given. */
  file: z.optional(z.string()),
  preset: z.optional(z.string()),
  model: z.optional(z.string()),
  params: z.optional(z.record(z.string(), z.unknown())),
  folder: z.optional(z.string()),
  /** `true` shows the confirmation (the one UI a programmatic call can ask for). */
  confirm: z.optional(z.boolean()),
});
type LinesOptions = z.infer<typeof optionsSchema>;

/** The handler of `segmind.generateFromLines` (registered at activation by ./register.ts). */
export function generateFromLinesHandler(services: QueueServices): (arg?: unknown) => Promise<PromptResult[] | undefined> {
  return async (arg?: unknown): Promise<PromptResult[] | undefined> => {
    if (typeof arg !== 'object' || arg === null || arg instanceof vscode.Uri) return generateInteractively(services, arg instanceof vscode.Uri ? arg : undefined);
    const parsed = optionsSchema.safeParse(arg);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`The options of segmind.generateFromLines are invalid: ${issue?.path.join('.') || '(options)'}: ${issue?.message ?? 'invalid'}.`);
    }
    return generateProgrammatically(services, parsed.data);
  };
}

async function generateProgrammatically(services: QueueServices, options: LinesOptions): Promise<PromptResult[] | undefined> {
  const prompts = options.prompts?.map((p) => p.trim()).filter(Boolean) ?? (options.file !== undefined ? parsePrompts(await readWorkspaceFile(options.file)) : []);
  if (prompts.length === 0) throw new UserFacingError('No prompts: pass "prompts" (a list) or "file" (a workspace-relative prompts file, one prompt per line).');
  const preset = options.preset !== undefined ? services.presets.find(options.preset) : null;
  if (preset === undefined) throw new UserFacingError(services.presets.missingPresetMessage(options.preset ?? ''));
  if (preset && options.model !== undefined) throw new UserFacingError('Give either "model" or "preset" to segmind.generateFromLines: the preset names its model.');
  const items = queueItems(services, prompts, preset, options);
  if (options.confirm === true && !(await confirmQueue(items))) return undefined;
  const runId = services.queue.add(items);
  services.scheduler.pump();
  return (await services.scheduler.whenSettled(runId)).map(promptResult);
}

async function generateInteractively(services: QueueServices, file: vscode.Uri | undefined): Promise<undefined> {
  try {
    const prompts = await promptsFromEditorOrFile(file);
    if (prompts === undefined) return undefined;
    if (prompts.length === 0) throw new UserFacingError(vscode.l10n.t('No prompts found: write one prompt per line (lines starting with # are comments).'));
    const presets = services.presets.all();
    const preset = presets.length ? await pickPreset(presets, vscode.l10n.t('Generate from Each Line ({0} prompts)', prompts.length)) : null;
    if (preset === undefined) return undefined;
    const items = queueItems(services, prompts, preset, {});
    if (!(await confirmQueue(items))) return undefined;
    services.queue.add(items);
    services.scheduler.pump();
    void vscode.commands.executeCommand(`${QUEUE_VIEW}.focus`);
  } catch (e) {
    services.showError(e);
  }
  return undefined;
}

/** One item per prompt; the settings are checked once, before anything is queued or billed. */
function queueItems(services: QueueServices, prompts: readonly string[], preset: Preset | null, options: Pick<LinesOptions, 'model' | 'params' | 'folder'>): NewQueueItem[] {
  const settings = services.settings.snapshot();
  const items = prompts.map((prompt) => ({
    prompt,
    ...generationSettings(prompt, preset, settings, options),
    ...(preset ? { preset: preset.name } : {}),
    ...(options.folder !== undefined ? { folder: options.folder } : {}),
  }));
  const first = items[0];
  const issues = first ? validateParams(first.model, first.params) : [];
  if (issues.length) throw new UserFacingError(issues.map((i) => i.message).join('; '));
  return items;
}

/**
 * Asks before queueing: how many prompts and images, each billed. `estimate` is where a cost
 * estimate goes once there is one (issue 15, credits); until then the line is left out.
 */
async function confirmQueue(items: readonly NewQueueItem[], estimate?: string): Promise<boolean> {
  const images = items.reduce((sum, i) => sum + (isModelSlug(i.model) ? imageCount(MODELS[i.model], i.params) : 1), 0);
  const go = vscode.l10n.t('Generate {0} Images', images);
  const detail = [vscode.l10n.t('Each image is billed to your Segmind account.'), estimate].filter(Boolean).join('\n');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Queue {0} prompts ({1} images)?', items.length, images),
    { modal: true, detail },
    go,
  );
  return choice === go;
}

/** The selection's lines, else the active document's, else a prompts file the user picks; undefined when dismissed. */
async function promptsFromEditorOrFile(file: vscode.Uri | undefined): Promise<string[] | undefined> {
  if (file) return parsePrompts(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
  const editor = vscode.window.activeTextEditor;
  if (editor) return parsePrompts(editor.document.getText(editor.selection.isEmpty ? undefined : editor.selection));
  const picked = (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: vscode.l10n.t('Use Prompts File'), filters: { [vscode.l10n.t('Prompts')]: ['txt', 'prompts', 'md'] } }))?.[0];
  return picked && parsePrompts(new TextDecoder().decode(await vscode.workspace.fs.readFile(picked)));
}

async function readWorkspaceFile(relative: string): Promise<string> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || relative.split(/[\\/]/).includes('..')) throw new UserFacingError(`The prompts file "${relative}" must be inside the workspace.`);
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, ...relative.split('/'))));
  } catch {
    throw new UserFacingError(`The prompts file "${relative}" cannot be read.`);
  }
}

function promptResult(item: QueueItem): PromptResult {
  return {
    prompt: item.prompt,
    state: item.state,
    ...(item.files ? { files: item.files } : {}),
    ...(item.requestId ? { requestId: item.requestId } : {}),
    ...(item.error ? { error: item.error } : {}),
  };
}
