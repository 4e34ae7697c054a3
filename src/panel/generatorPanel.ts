// One generator panel: its page, the validated message loop with its webview, and the jobs it started.
import * as vscode from 'vscode';
import { MODELS, isModelSlug, seedParameter, type ModelSlug } from '../shared/catalog';
import { validateParams } from '../shared/validation';
import {
  parseWebviewMessage,
  type ExtensionMessage,
  type FileActionMessage,
  type GenerateMessage,
  type InitialData,
  type JobMessage,
  type Params,
  type PrefillMessage,
  type ReplyPayload,
  type RequestMessage,
  type RequestReplies,
  type RequestType,
  type ResultFile,
  type TrackedJob,
} from '../shared/protocol';
import type { PresetLibrary } from '../presets/presetLibrary';
import { answerDropRequest } from './dropRequest';
import { renderPage } from './html';
import { answerPresetRequest, presetsMessage, type PresetRequest } from './presetRequests';
import { runFileAction } from './fileActions';
import { isInside, localResourceRoots } from './resourceRoots';
import { userDefaults } from './userDefaults';
import type { EditorServices, GenerationProgress } from './editorServices';
import type { EditorTracker } from './editorTracker';

export interface GeneratorServices {
  readonly deps: EditorServices;
  readonly extensionUri: vscode.Uri;
  readonly editors: EditorTracker;
  readonly presets: PresetLibrary;
}

/** A run the extension starts itself (regenerate from the gallery, variations). */
export interface PlannedJob {
  readonly model: ModelSlug;
  readonly params: Params;
  readonly label?: string;
}

export class GeneratorPanel implements vscode.Disposable {
  private ready = false;
  private disposed = false;
  /** Latest state of every job of this session, re-sent when the webview (re)loads. */
  private readonly jobs = new Map<string, JobMessage>();
  /** Files this panel showed: the only ones a file action from the webview may name. */
  private readonly knownFiles = new Set<string>();
  private pending: ExtensionMessage[] = [];
  /** Jobs a restored webview still waits for; answered from the history as their images arrive. */
  private tracked: TrackedJob[] = [];
  private readonly roots: vscode.Uri[];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onDisposeListeners: (() => void)[] = [];

  constructor(readonly panel: vscode.WebviewPanel, private readonly services: GeneratorServices, prompt?: string) {
    this.roots = localResourceRoots(services.extensionUri, services.deps.settings.snapshot().outputFolder);
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: this.roots };
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'segmind.svg');
    panel.webview.html = this.page(prompt);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      // The page is destroyed while hidden (its context is not retained); it says `ready` when back.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
      services.deps.history.onDidChange(() => this.answerTracked()),
      services.presets.onDidChange(() => this.post(presetsMessage(services.presets))),
    );
  }

  onDidDispose(listener: () => void): void {
    this.onDisposeListeners.push(listener);
  }

  /** Replaces the form's contents (reproduce, regenerate, variations). */
  prefill(message: Omit<PrefillMessage, 'type'>): void {
    this.post({ type: 'prefill', ...message });
  }

  setPrompt(prompt: string): void {
    this.post({ type: 'setPrompt', prompt });
  }

  /** Starts jobs on the extension's initiative; their cards appear in the panel. */
  run(jobs: readonly PlannedJob[]): void {
    for (const job of jobs) {
      const issues = validateParams(job.model, job.params);
      if (issues.length > 0) {
        void vscode.window.showErrorMessage(issues.map((i) => i.message).join('; '));
        continue;
      }
      void this.runJob(crypto.randomUUID(), job.model, job.params, job.label);
    }
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    for (const listener of this.onDisposeListeners) listener();
  }

  private page(prompt: string | undefined): string {
    const webview = this.panel.webview;
    const dist = vscode.Uri.joinPath(this.services.extensionUri, 'dist');
    const settings = this.services.deps.settings.snapshot();
    const initialData: InitialData = {
      model: settings.defaultModel,
      userDefaults: userDefaults(settings.defaultParameters),
      ...(prompt ? { prompt } : {}),
      platform: process.platform === 'darwin' ? 'mac' : 'other',
    };
    return renderPage({
      cspSource: webview.cspSource,
      nonce: crypto.randomUUID(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
      title: vscode.l10n.t('Segmind Image Generator'),
      initialData,
    });
  }

  private post(message: ExtensionMessage): void {
    if (this.disposed) return;
    if (message.type === 'job') this.jobs.set(message.jobId, message);
    if (!this.ready) {
      // Job states are re-sent from `jobs` on ready; other messages wait in order.
      if (message.type !== 'job') this.pending.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.services.deps.logger.warn(`ignored a malformed message from the webview (${parsed.reason})`);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'ready':
        this.onReady();
        break;
      case 'generate':
        this.onGenerate(message);
        break;
      case 'fileAction':
        void this.onFileAction(message);
        break;
      case 'cancel':
        void this.onCancel(message);
        break;
      case 'track':
        this.tracked = message.jobs.filter((j) => !this.jobs.has(j.jobId));
        this.answerTracked();
        break;
      case 'estimate':
        if (isModelSlug(message.model)) this.reply(message, this.services.deps.estimate(message.model, message.params));
        else this.refuse(message, 'Unknown model.');
        break;
      case 'savePreset':
      case 'renamePreset':
      case 'deletePreset':
        void this.onPresetRequest(message);
        break;
      case 'dropImage':
        void this.onDropImage(message);
        break;
    }
  }

  private onReady(): void {
    this.ready = true;
    // A new page starts with no presets: an empty list need not be sent.
    if (this.services.presets.all().length) void this.panel.webview.postMessage(presetsMessage(this.services.presets));
    for (const job of this.jobs.values()) void this.panel.webview.postMessage(job);
    const pending = this.pending;
    this.pending = [];
    for (const message of pending) void this.panel.webview.postMessage(message);
  }

  /** Finds tracked jobs' images in the history: by request id, else by model, seed and prompt. */
  private answerTracked(): void {
    if (this.tracked.length === 0) return;
    const entries = this.services.deps.history.entries();
    this.tracked = this.tracked.filter((job) => {
      const found = entries
        .filter((e) => (job.requestId ? e.requestId === job.requestId : e.model === job.model && e.seed === job.seed && e.prompt === job.prompt))
        .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
      const first = found[0];
      if (!first || !isModelSlug(first.model)) return true;
      this.post({
        type: 'job',
        jobId: job.jobId,
        state: 'done',
        model: first.model,
        params: { ...first.params, prompt: first.prompt },
        seed: first.seed,
        ...(first.requestId ? { requestId: first.requestId } : {}),
        files: found.map((e) => this.resultFile(vscode.Uri.parse(e.uri, true))),
      });
      return false;
    });
  }

  private onGenerate(message: GenerateMessage): void {
    if (this.jobs.has(message.id)) {
      this.services.deps.logger.warn(`ignored a generate message with a reused id`);
      return;
    }
    // The webview is not trusted: the same validation as the command path, before anything else.
    const issues = validateParams(message.model, message.params);
    if (issues.length > 0 || !isModelSlug(message.model)) {
      const text = issues.map((i) => i.message).join('; ') || 'Unknown model.';
      this.services.deps.logger.warn(`refused a generate request: ${text}`);
      this.refuse(message, text);
      return;
    }
    void this.runJob(message.id, message.model, message.params, message.label, message);
  }

  /** Runs one job; `request` is the webview's generate message, when it asked for the job (and gets the reply). */
  private async runJob(jobId: string, model: ModelSlug, formParams: Params, label: string | undefined, request?: RequestMessage<'generate'>): Promise<void> {
    const { prompt, ...params } = formParams;
    const base = { type: 'job' as const, jobId, model, ...(label ? { label } : {}) };
    const started = Date.now();
    let requestId: string | undefined;
    // The request builder picks the seed (a random one unless the form gave one); the card shows it once known.
    let seed: number | undefined;
    let state: JobMessage['state'] = 'starting';
    const update = (next: JobMessage['state'], extra: Partial<JobMessage> = {}): void => {
      state = next;
      const sent = seed === undefined ? params : { ...params, ...seedValue(model, seed) };
      this.post({ ...base, params: { ...sent, prompt: String(prompt ?? '') }, state, elapsedMs: Date.now() - started, ...(seed !== undefined ? { seed } : {}), ...(requestId ? { requestId } : {}), ...extra });
    };
    update('starting');
    const progress: GenerationProgress = {
      started: (chosen) => {
        seed = chosen;
        if (request) this.reply(request, { seed: chosen });
        update(state);
      },
      event: (event) => {
        if (event.type === 'submitted') {
          requestId = event.requestId;
          update('queued');
        } else if (event.type === 'status') {
          update(event.status === 'QUEUED' ? 'queued' : event.status === 'PROCESSING' ? 'processing' : 'downloading');
        } else if (event.type === 'downloading') {
          update('downloading');
        }
      },
    };
    try {
      const result = await this.services.deps.generate({ model, prompt: String(prompt ?? ''), params }, progress);
      requestId = result.requestId ?? requestId;
      update('done', { files: result.uris.map((uri) => this.resultFile(uri)) });
    } catch (err) {
      if (err instanceof vscode.CancellationError) {
        update('cancelled', { error: vscode.l10n.t('Stopped waiting. The job may still finish and be billed.') });
      } else {
        update('failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  private resultFile(uri: vscode.Uri): ResultFile {
    this.knownFiles.add(uri.toString());
    const inRoots = this.roots.some((root) => isInside(uri, root));
    return {
      uri: uri.toString(),
      path: vscode.workspace.asRelativePath(uri, false),
      ...(inRoots ? { src: this.panel.webview.asWebviewUri(uri).toString() } : {}),
    };
  }

  private async onFileAction(message: FileActionMessage): Promise<void> {
    const uri = this.allowedFile(message.uri);
    if (!uri) {
      this.services.deps.logger.warn(`refused a file action on a file the panel did not produce`);
      this.refuse(message, vscode.l10n.t('That file is not one of the generated images.'));
      return;
    }
    try {
      await runFileAction(message.action, uri, this.services);
      this.reply(message, {});
    } catch (err) {
      this.refuse(message, err instanceof Error ? err.message : String(err));
    }
  }

  /**
   * A forged message cannot name arbitrary files: only those this panel produced, those in the
   * history, or images in the output folder (cards restored after a reload name those).
   */
  private allowedFile(text: string): vscode.Uri | undefined {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(text, true);
    } catch {
      return undefined;
    }
    if (this.knownFiles.has(text) || this.services.deps.history.findByUri(text)) return uri;
    const outputRoots = this.roots.slice(1);
    if (uri.path.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
    return /\.(png|jpe?g|webp)$/i.test(uri.path) && outputRoots.some((root) => isInside(uri, root)) ? uri : undefined;
  }

  private async onPresetRequest<K extends PresetRequest['type']>(message: Extract<PresetRequest, { type: K }>): Promise<void> {
    try {
      this.reply(message, await answerPresetRequest(this.services.presets, message));
    } catch (err) {
      this.refuse(message, err instanceof Error ? err.message : String(err));
    }
  }

  private async onDropImage(message: RequestMessage<'dropImage'>): Promise<void> {
    const answer = await answerDropRequest(message.source, this.services.deps);
    if (answer.ok) this.reply(message, answer.payload);
    else this.refuse(message, answer.message);
  }

  private async onCancel(message: RequestMessage<'cancel'>): Promise<void> {
    const requestId = this.jobs.get(message.jobId)?.requestId;
    if (!requestId) {
      this.refuse(message, vscode.l10n.t('This job has not been submitted yet.'));
      return;
    }
    await vscode.commands.executeCommand('segmind.cancel', requestId);
    this.reply(message, {});
  }

  /** Answers `request` with the reply type its request type maps to, under the request's id. */
  private reply<K extends RequestType>(request: { readonly type: K; readonly id: string }, payload: ReplyPayload<K>): void {
    this.post({ ...payload, type: 'reply', request: request.type, id: request.id } as RequestReplies[K]);
  }

  /** Answers `request` with the error the webview shows. */
  private refuse(request: RequestMessage, message: string): void {
    this.post({ type: 'error', request: request.type, id: request.id, message });
  }
}

/** `{ seed: n }` under the model's own seed parameter, so the card's parameters reproduce the image. */
function seedValue(model: ModelSlug, seed: number): Params {
  const name = seedParameter(MODELS[model])?.name;
  return name === undefined ? {} : { [name]: seed };
}
