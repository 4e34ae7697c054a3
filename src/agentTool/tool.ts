// `segmind_generate_image`, the language model tool: agents (and any extension, through
// vscode.lm.invokeTool) generate images with the normal job — persisted, resumable, progress shown,
// submits never re-sent — and get text back: saved paths, model, seed, size, and the reference to
// paste into the document that shows the image.
// Input the model should correct (invalid fields, a path outside the workspace, an existing file)
// comes back as a text result that says what to fix; a job that fails once sent throws.
import * as vscode from 'vscode';
import { referencePath } from '../assets/insert';
import { referenceText } from '../assets/reference';
import { workspaceFolderFor } from '../assets/target';
import { showJobProgress } from '../jobs/progress';
import { isCancellation } from '../segmind/errors';
import type { CostEstimates } from '../credits/accountCredits';
import type { GenerationRequest, JobRunner, RunningJob } from '../jobs/runner';
import type { Logger } from '../logging/log';
import type { Redactor } from '../logging/redact';
import type { SettingsService } from '../settings/service';
import { documentLanguage } from './documentLanguage';
import { parseToolInput, type ParsedToolInput, type ToolRequest } from './input';
import { confirmation, invalidInputText, refusedText, resultText } from './messages';

export interface ImageToolDeps {
  readonly runner: JobRunner;
  readonly settings: SettingsService;
  /** For the confirmation's expected cost. The tool never runs over the balance (see invoke). */
  readonly credits: CostEstimates;
  readonly logger: Logger;
  /** Applied to every text the tool returns: the key must never reach a model. */
  readonly redactor: Redactor;
}

const textResult = (text: string): vscode.LanguageModelToolResult => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);

export class GenerateImageTool implements vscode.LanguageModelTool<unknown> {
  constructor(private readonly deps: ImageToolDeps) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<unknown>): vscode.PreparedToolInvocation {
    const parsed = this.parse(options.input);
    // Invalid input is answered without a request: nothing to confirm.
    if (!parsed.ok) return { invocationMessage: 'Checking the image request' };
    const { model, params } = parsed.request;
    const cost = { estimate: this.deps.credits.estimate(model.slug, params), over: this.deps.credits.overBalance(model.slug, params) };
    const shown = confirmation(parsed.request, this.deps.settings.snapshot().outputFolder, cost);
    return { invocationMessage: shown.progress, confirmationMessages: { title: shown.title, message: shown.message } };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<unknown>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const parsed = this.parse(options.input);
    if (!parsed.ok) {
      this.deps.logger.info(`invalid input (${parsed.issues.map((i) => i.field).join(', ')}); nothing sent`);
      return textResult(this.deps.redactor.redact(invalidInputText(parsed.issues)));
    }
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    const request = parsed.request;
    const documentUri = this.documentUri(request);
    // Never `overBalanceConfirmed`: a tool the user set to run without asking never showed its
    // confirmation, so a run estimated above the balance is refused (the model reads why).
    const generation: GenerationRequest = {
      model: request.model.slug, params: request.params,
      ...(request.path ? { file: request.path.path } : {}), ...(documentUri ? { documentUri } : {}),
    };
    let job: RunningJob;
    try {
      job = await this.deps.runner.start(generation);
    } catch (e) {
      this.deps.logger.info(`refused before any request: ${(e as Error).message}`);
      return textResult(this.deps.redactor.redact(refusedText(e instanceof Error ? e.message : String(e))));
    }
    const cancelling = token.onCancellationRequested(() => job.cancel());
    if (token.isCancellationRequested) job.cancel();
    showJobProgress(job, vscode.l10n.t('Generating with {0}', request.model.name));
    try {
      const outcome = await job.done;
      const files = outcome.files.map((f) => vscode.workspace.asRelativePath(f, false));
      const references = documentUri ? await this.references(documentUri, outcome.files, request) : undefined;
      return textResult(this.deps.redactor.redact(resultText({ request, seed: outcome.job.seed, files, ...(references ? { references } : {}) })));
    } catch (e) {
      if (e instanceof vscode.CancellationError || isCancellation(e)) throw new vscode.CancellationError();
      throw new Error(this.deps.redactor.redact(e instanceof Error ? e.message : String(e)));
    } finally {
      cancelling.dispose();
    }
  }

  private parse(input: unknown): ParsedToolInput {
    const settings = this.deps.settings.snapshot();
    return parseToolInput(input, { defaultModel: settings.defaultModel, defaultParameters: settings.defaultParameters });
  }

  /** The `referencedFrom` document, in the workspace folder exact paths are resolved in. */
  private documentUri(request: ToolRequest): vscode.Uri | undefined {
    const folder = workspaceFolderFor(undefined);
    return request.referencedFrom !== undefined && folder ? vscode.Uri.joinPath(folder.uri, ...request.referencedFrom.split('/')) : undefined;
  }

  private async references(documentUri: vscode.Uri, files: readonly vscode.Uri[], request: ToolRequest): Promise<string[]> {
    const languageId = await documentLanguage(documentUri);
    const prompt = typeof request.params.prompt === 'string' ? request.params.prompt : '';
    return files.map((file) => referenceText(languageId, referencePath(documentUri, file), prompt));
  }
}
