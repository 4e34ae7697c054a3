// Fakes of the job runner's dependencies (src/jobs/runnerDeps.ts): an in-memory job store, a scripted
// Segmind client, a saver, history and inserter that record what they were asked to do.
import type * as vscode from 'vscode';
import type { InsertionTarget } from '../../../src/assets/anchor';
import { Emitter } from '../../../src/common/emitter';
import { AccountCredits } from '../../../src/credits/accountCredits';
import type { HistoryEntry } from '../../../src/history/history';
import type { JobRecord } from '../../../src/jobs/job';
import type { GenerationClient, ImageSaver, RunnerDeps } from '../../../src/jobs/runnerDeps';
import type { GenerateOptions, StreamOptions, StreamedGenerationResult, SyncOptions, WaitOptions } from '../../../src/segmind/client-types';
import type { ImageOutput } from '../../../src/segmind/decode';
import { SegmindError } from '../../../src/segmind/errors';
import { buildSnapshot, type RawSettings } from '../../../src/settings/snapshot';

/** Stands in for a vscode.Uri: the runner only passes files on and prints them. */
export const fakeUri = (text: string): vscode.Uri => ({ toString: () => text, path: text }) as unknown as vscode.Uri;

export const IMAGE: ImageOutput = { bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), format: 'png', mime: 'image/png' };
const SUMMARY = { format: 'png' as const, mime: 'image/png', byteLength: 4 };

/** Where a scripted job stops: each step of the async path can fail. */
export type FailAt = 'submit' | 'poll' | 'result';

export interface ClientScript {
  images?: number;
  failAt?: FailAt;
  /** Never finishes on its own: waits until the job's signal aborts. */
  hang?: boolean;
  /** The balance the result reports (default 41.5), and the cost in its metrics (default none). */
  remaining?: number;
  cost?: number;
  /** Held before the images until this settles (jobs that overlap). */
  gate?: Promise<void>;
}

/** A Segmind client that plays submit → QUEUED → PROCESSING → images, as the real one reports them. */
export class ScriptedClient implements GenerationClient {
  readonly calls: string[] = [];
  /** The job's state in the store when the first status event arrived. */
  storedAtFirstStatus: JobRecord | undefined;

  constructor(public script: ClientScript, private readonly store: MemoryJobs) {}

  async generateAsync(slug: string, body: Record<string, unknown>, opts: GenerateOptions & StreamOptions): Promise<StreamedGenerationResult> {
    this.calls.push(`submit ${slug}`);
    if (this.script.failAt === 'submit') throw new SegmindError('server', 'Segmind answered 500 to the submit.', { mayBeBilled: true });
    opts.onEvent?.({ type: 'submitted', requestId: 'req-1' });
    await opts.onSubmitted?.('req-1');
    return this.follow('req-1', opts);
  }

  async waitForCompletion(requestId: string, opts: WaitOptions & StreamOptions): Promise<StreamedGenerationResult> {
    this.calls.push(`wait ${requestId}`);
    return this.follow(requestId, opts);
  }

  async generateSync(slug: string, _body: Record<string, unknown>, _opts: SyncOptions): Promise<{ requestId: string; images: ImageOutput[] }> {
    this.calls.push(`sync ${slug}`);
    return { requestId: 'sync-1', images: Array.from({ length: this.script.images ?? 1 }, () => IMAGE) };
  }

  private async follow(requestId: string, opts: WaitOptions & StreamOptions): Promise<StreamedGenerationResult> {
    this.storedAtFirstStatus ??= this.store.all()[0];
    opts.onEvent?.({ type: 'status', status: 'QUEUED', elapsedMs: 5 });
    if (this.script.hang) await aborted(opts.signal);
    if (this.script.failAt === 'poll') throw new SegmindError('timeout', 'Segmind did not finish in time.', { mayBeBilled: true, requestId });
    opts.onEvent?.({ type: 'status', status: 'PROCESSING', elapsedMs: 10 });
    opts.onEvent?.({ type: 'status', status: 'COMPLETED', elapsedMs: 20 });
    if (this.script.failAt === 'result') throw new SegmindError('not-an-image', 'The output was not an image.', { mayBeBilled: true, requestId });
    await this.script.gate;
    opts.onEvent?.({ type: 'downloading' });
    const count = this.script.images ?? 1;
    for (let i = 0; i < count; i++) await opts.onImage(i, IMAGE);
    // As the real client: the result's balance as an event, then in the result with its metrics.
    const remainingCredits = this.script.remaining ?? 41.5;
    opts.onEvent?.({ type: 'credits', remaining: remainingCredits });
    return { requestId, images: Array.from({ length: count }, () => SUMMARY), remainingCredits, ...(this.script.cost !== undefined ? { metrics: { cost: this.script.cost } } : {}) };
  }
}

function aborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new SegmindError('cancelled', 'Cancelled.'))));
}

/** Global state in memory. */
export class MemoryState {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

export class MemoryJobs {
  private readonly records = new Map<string, JobRecord>();
  /** Every state written, in order, per job. */
  readonly states: string[] = [];

  all(): JobRecord[] {
    return [...this.records.values()];
  }

  get(id: string): JobRecord | undefined {
    return this.records.get(id);
  }

  async put(job: JobRecord): Promise<JobRecord> {
    this.records.set(job.id, job);
    this.states.push(job.state);
    return job;
  }

  async update(id: string, change: Partial<JobRecord>): Promise<JobRecord> {
    const current = this.records.get(id);
    if (!current) throw new Error(`job ${id} is not in the store`);
    const next = { ...current, ...change };
    this.records.set(id, next);
    if (change.state && change.state !== current.state) this.states.push(change.state);
    return next;
  }
}

export class RecordingSaver implements ImageSaver {
  readonly saved: number[] = [];

  constructor(private readonly failing: boolean, private readonly onSaved: (files: readonly (string | null)[]) => Promise<void>) {}

  async save(index: number): Promise<void> {
    if (this.failing) throw new Error('the folder is read-only');
    this.saved[index] = index;
    await this.onSaved(this.saved.map((i) => `file:///ws/out-${i}.png`));
  }

  finish(count: number): vscode.Uri[] {
    return Array.from({ length: count }, (_, i) => fakeUri(`file:///ws/out-${i}.png`));
  }
}

export interface Setup {
  readonly client?: ClientScript;
  readonly settings?: RawSettings;
  readonly apiKey?: string | null;
  readonly failSave?: boolean;
  readonly failInsert?: boolean;
  readonly failHistory?: boolean;
}

export interface Fakes {
  readonly deps: RunnerDeps;
  readonly store: MemoryJobs;
  readonly client: ScriptedClient;
  readonly history: HistoryEntry[];
  readonly inserted: { target: InsertionTarget; files: string[] }[];
  readonly logs: string[];
  readonly tracked: Map<string, InsertionTarget>;
  readonly credits: AccountCredits;
  readonly globalState: MemoryState;
}

export function fakes(setup: Setup = {}): Fakes {
  const store = new MemoryJobs();
  const client = new ScriptedClient(setup.client ?? {}, store);
  const history: HistoryEntry[] = [];
  const inserted: Fakes['inserted'] = [];
  const logs: string[] = [];
  const tracked = new Map<string, InsertionTarget>();
  const globalState = new MemoryState();
  const credits = new AccountCredits(globalState);
  const log = (level: string) => (m: string) => void logs.push(`${level} ${m}`);
  const deps: RunnerDeps = {
    store,
    settings: { snapshot: () => buildSnapshot(setup.settings ?? {}) },
    apiKeys: { get: async () => (setup.apiKey === null ? undefined : { value: setup.apiKey ?? 'sk-test-0123456789' }) },
    clients: { get: () => client },
    saveTarget: async (request) => ({ folderUri: `file:///ws/${request.folder}` }),
    exactTarget: async (file, _documentUri, _model, params) => ({ target: { folderUri: `file:///ws/${file.split('/').slice(0, -1).join('/')}`, fileName: file.split('/').pop() }, params, assertAbsent: async () => undefined }),
    saver: (_job, _settings, onSaved) => new RecordingSaver(setup.failSave === true, onSaved),
    history: {
      add: async (entry) => {
        if (setup.failHistory) throw new Error('workspace state is full');
        history.push(entry);
      },
    },
    insertions: {
      onDidMove: new Emitter<string>().event,
      track: (id, target) => void tracked.set(id, target),
      current: (id) => tracked.get(id),
      release: (id) => void tracked.delete(id),
      insert: async (target, files) => {
        if (setup.failInsert) throw new Error('the editor refused the edit');
        inserted.push({ target, files: files.map(String) });
        return true;
      },
    },
    credits,
    relativePath: (uri) => uri.toString().replace('file:///ws/', ''),
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
  };
  return { deps, store, client, history, inserted, logs, tracked, credits, globalState };
}

export const INSERTION: InsertionTarget = { documentUri: 'file:///ws/notes.md', languageId: 'markdown', offset: 7, hadSelection: true };
