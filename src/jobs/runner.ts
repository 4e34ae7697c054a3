// Runs generation jobs end to end: validate → persist → submit (request id persisted before
// polling) → wait → save → history → insert. Several at once, each independent and cancellable.
// Built from interfaces (src/jobs/runnerDeps.ts) and free of `vscode` at run time, so its state
// machine is unit-tested in plain Node.
import type * as vscode from 'vscode';
import type { InsertionTarget } from '../assets/anchor';
import { Emitter } from '../common/emitter';
import { Disposable } from '../common/lifecycle';
import { UserFacingError } from '../common/userFacingError';
import { overBalanceText, untranslated } from '../credits/costText';
import type { JobEvent } from '../segmind/client-types';
import type { ImageOutput } from '../segmind/decode';
import { SegmindError, isCancellation, isSegmindError } from '../segmind/errors';
import { buildRequest } from '../segmind/request';
import { settingsProblemMessage } from '../settings/snapshot';
import { imageCount, type ModelSlug } from '../shared/catalog';
import { promptOf, type JobRecord } from './job';
import type { GenerationClient, RunnerDeps } from './runnerDeps';

export interface GenerationRequest {
  readonly model: ModelSlug | string;
  /** API parameters including `prompt`, before defaults and seed. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Output folder template; default `segmind.outputFolder`. */
  readonly folder?: string;
  /**
   * The user accepted a run whose estimate exceeds the last known balance. Without it such a run is
   * refused before anything is spent: callers that can ask (a modal) ask first, the others refuse.
   */
  readonly overBalanceConfirmed?: boolean;
  /**
   * Save at exactly this workspace-relative file instead of a free name in the output folder: its
   * extension picks the format, a batch adds `-2`, `-3`, … to the name, and no file is ever replaced.
   */
  readonly file?: string;
  /** A folder the user picked in a dialog (no workspace open). */
  readonly pickedFolder?: vscode.Uri;
  /** The document the command came from (multi-root folder, ${documentDir}). */
  readonly documentUri?: vscode.Uri;
  readonly insertion?: InsertionTarget;
  readonly onEvent?: (e: JobEvent) => void;
}

export interface GenerationOutcome {
  readonly job: JobRecord;
  readonly files: readonly vscode.Uri[];
  readonly inserted: boolean;
}

/** A job this window is running now; what the progress UI, status bar and cancel command see. */
export interface RunningJob {
  readonly id: string;
  readonly record: () => JobRecord;
  readonly startedAt: number;
  readonly phase: () => string;
  readonly cancel: () => void;
  /** Rejects with a SegmindError of kind 'cancelled' when the job was cancelled. */
  readonly done: Promise<GenerationOutcome>;
}

const OVER_BALANCE_HINT = 'Nothing was sent. Top up your Segmind account, or start the run from the generator panel or "Generate Image from Selection", which ask before going ahead.';
const MISSING_KEY = 'No Segmind API key is set. Run "Segmind: Set API Key" (or set SEGMIND_API_KEY) and try again.';

export class JobRunner extends Disposable {
  private readonly running = new Map<string, RunningJob>();
  private readonly changed = this._register(new Emitter<void>());
  readonly onDidChange = this.changed.event;

  private readonly anchorWrites = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: RunnerDeps) {
    super();
    // Keep the moved insertion point in the store (debounced while typing) so a reload inserts there too.
    this._register(this.deps.insertions.onDidMove((id) => {
      clearTimeout(this.anchorWrites.get(id));
      this.anchorWrites.set(id, setTimeout(() => {
        this.anchorWrites.delete(id);
        const insertion = this.deps.insertions.current(id);
        if (insertion && this.running.has(id)) void this.deps.store.update(id, { insertion }).catch(() => undefined);
      }, 300));
    }));
  }

  jobs(): RunningJob[] {
    return [...this.running.values()];
  }

  /** Checks everything that can be checked before spending credits; then starts the job. */
  async start(request: GenerationRequest): Promise<RunningJob> {
    const settings = this.deps.settings.snapshot(request.documentUri);
    const problem = settingsProblemMessage(settings.problems);
    if (problem) throw new UserFacingError(problem, ['Open Settings']);
    const exact = request.file !== undefined ? await this.deps.exactTarget(request.file, request.documentUri, request.model, request.params) : undefined;
    const { model, body, seed } = buildRequest(request.model, (exact?.params ?? request.params) as Record<string, unknown>);
    const over = this.deps.credits.overBalance(model.slug, body);
    if (over && !request.overBalanceConfirmed) throw new UserFacingError(`${overBalanceText(over, untranslated)} ${OVER_BALANCE_HINT}`);
    if (exact) await exact.assertAbsent(imageCount(model, body));
    const target = exact?.target ?? await this.deps.saveTarget({ ...request, folder: request.folder ?? settings.outputFolder }, model.slug);
    const key = await this.deps.apiKeys.get();
    if (!key) throw new SegmindError('missing-key', MISSING_KEY);
    this.deps.clients.get(settings, key.value); // fails now (bad URL) rather than after persisting
    const record: JobRecord = {
      id: globalThis.crypto.randomUUID(), model: model.slug, body, seed, mode: settings.requestMode, createdAt: Date.now(),
      state: 'submitting', target, ...(request.insertion ? { insertion: request.insertion } : {}), files: [], imageCount: imageCount(model, body),
    };
    await this.deps.store.put(record);
    return this.execute(record, request.onEvent);
  }

  /** Continues a persisted job after a reload (state submitted/completed, with a request id). */
  resume(record: JobRecord): RunningJob {
    return this.execute(record, undefined);
  }

  /** Retry for a failed job's request: waits on it again (no second submit) and saves the images not saved yet. */
  async continueFailed(id: string, onEvent?: GenerationRequest['onEvent']): Promise<RunningJob> {
    const stored = this.deps.store.get(id);
    if (!stored?.requestId) throw new Error(`job ${id} has no request to wait on`);
    const running = this.running.get(id);
    if (running) return running;
    const record = await this.deps.store.update(id, { state: 'submitted', error: undefined });
    this.deps.logger.info(`retry: waiting again on request ${record.requestId} (job ${id}); not submitting it again`);
    return this.execute(record, onEvent);
  }

  private execute(initial: JobRecord, onEvent: GenerationRequest['onEvent']): RunningJob {
    let record = initial;
    let phase = initial.state === 'submitting' ? 'Submitting' : 'Waiting';
    const controller = new AbortController();
    const log = this.deps.logger;
    const update = async (change: Partial<JobRecord>): Promise<void> => {
      // Seen at once (a cancel by request id right after the submit finds the job), stored next.
      record = { ...record, ...change };
      record = await this.deps.store.update(record.id, change);
      this.changed.fire();
    };
    const handle = (e: JobEvent): void => {
      if (e.type === 'submitted') phase = 'Queued'; // Segmind answers a submit with QUEUED
      if (e.type === 'status') phase = e.status === 'QUEUED' ? 'Queued' : e.status === 'PROCESSING' ? 'Processing' : phase;
      if (e.type === 'downloading') phase = 'Downloading';
      if (e.type === 'credits') this.deps.credits.reading(e.remaining);
      this.changed.fire();
      onEvent?.(e);
    };
    if (record.insertion) this.deps.insertions.track(record.id, record.insertion);
    const run = async (): Promise<GenerationOutcome> => {
      const settings = this.deps.settings.snapshot();
      const key = await this.deps.apiKeys.get();
      if (!key) throw new SegmindError('missing-key', MISSING_KEY);
      const client: GenerationClient = this.deps.clients.get(settings, key.value);
      const signal = controller.signal;
      const saver = this.deps.saver(() => record, settings, (saved) => update({ files: saved }));
      // Each image is saved as soon as it is downloaded, so a batch of big images is never in memory whole.
      const onImage = async (index: number, image: ImageOutput): Promise<void> => {
        if (record.state !== 'completed') await update({ state: 'completed' });
        phase = 'Saving';
        this.changed.fire();
        await saver.save(index, image);
      };
      let result;
      this.deps.credits.jobStarted(record.id);
      if (record.requestId) {
        log.info(`resuming request ${record.requestId} (${record.model})`);
        result = await client.waitForCompletion(record.requestId, { signal, onEvent: handle, onImage, ...(record.submittedAt ? { submittedAt: record.submittedAt } : {}) });
      } else if (record.mode === 'sync') {
        // v1 answers with every image in one body: nothing to stream; the request id comes with it.
        log.info(`job ${record.id}: v1 sync request to ${record.model}`);
        const sync = await client.generateSync(record.model, { ...record.body }, { signal, onEvent: handle });
        await update({ state: 'completed', ...(sync.requestId ? { requestId: sync.requestId } : {}) });
        for (const [index, image] of sync.images.entries()) await onImage(index, image);
        result = sync;
      } else {
        log.info(`job ${record.id}: submitting to ${record.model}`);
        result = await client.generateAsync(record.model, { ...record.body }, {
          signal, onEvent: handle, onImage,
          onSubmitted: (requestId) => update({ state: 'submitted', requestId, submittedAt: Date.now() }),
        });
      }
      const cost = this.deps.credits.jobFinished(record.id, record, result.remainingCredits, result.metrics?.cost);
      await update({ state: 'completed', imageCount: result.images.length, ...(result.requestId ? { requestId: result.requestId } : {}), ...(cost !== undefined ? { credits: cost } : {}) });
      const files = saver.finish(result.images.length);
      await update({ state: 'saved', files: files.map((f) => f.toString()) });
      await this.addToHistory(record, files);
      const target = this.deps.insertions.current(record.id) ?? record.insertion;
      let inserted = false;
      if (target) {
        inserted = await this.deps.insertions.insert(target, files, promptOf(record)).catch((e: unknown) => {
          log.warn(`inserting references failed: ${(e as Error).message}`);
          return false;
        });
        if (inserted) await update({ state: 'inserted' });
      }
      return { job: record, files, inserted };
    };
    const done = run()
      .catch(async (e: unknown) => {
        const cancelled = controller.signal.aborted || isCancellation(e);
        const message = e instanceof Error ? e.message : String(e);
        // A request that may have reached Segmind may be billed: no later job takes this balance as its "before".
        if (record.requestId === undefined && isSegmindError(e) && !e.mayBeBilled) this.deps.credits.jobAbandoned(record.id);
        else this.deps.credits.jobFinished(record.id, record);
        await update(cancelled ? { state: 'cancelled' } : { state: 'failed', error: message }).catch(() => undefined);
        log[cancelled ? 'info' : 'error'](`job ${record.id}${record.requestId ? ` (request ${record.requestId})` : ''} ${cancelled ? 'cancelled' : `failed: ${message}`}`);
        throw cancelled ? new SegmindError('cancelled', 'Stopped waiting for the generation.') : e;
      })
      .finally(() => {
        this.running.delete(record.id);
        this.deps.insertions.release(record.id);
        this.changed.fire();
      });
    const job: RunningJob = { id: record.id, record: () => record, startedAt: Date.now(), phase: () => phase, cancel: () => controller.abort(), done };
    this.running.set(record.id, job);
    this.changed.fire();
    return job;
  }

  private async addToHistory(record: JobRecord, files: readonly vscode.Uri[]): Promise<void> {
    const params: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(record.body)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') params[k] = v;
    const perImage = record.credits !== undefined && files.length > 0 ? Math.round((record.credits / files.length) * 10_000) / 10_000 : undefined;
    for (const [i, uri] of files.entries()) {
      await this.deps.history.add({
        id: record.requestId ? `${record.requestId}#${i}` : `${record.id}#${i}`, createdAt: Date.now(), uri: uri.toString(),
        path: this.deps.relativePath(uri), model: record.model, prompt: promptOf(record), params, seed: record.seed,
        ...(record.requestId ? { requestId: record.requestId } : {}), ...(perImage !== undefined ? { credits: perImage } : {}),
      }).catch((e: unknown) => this.deps.logger.warn(`history: ${(e as Error).message}`));
    }
  }

  /** Cancels this window's job with `idOrRequestId`; false when there is none. */
  cancel(idOrRequestId: string): boolean {
    const job = this.running.get(idOrRequestId) ?? this.jobs().find((j) => j.record().requestId === idOrRequestId);
    job?.cancel();
    return job !== undefined;
  }

  override dispose(): void {
    // A window closing: persisted async jobs are resumed by the next window; do not mark them cancelled.
    for (const timer of this.anchorWrites.values()) clearTimeout(timer);
    super.dispose();
  }
}
