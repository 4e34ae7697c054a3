// The prompt queue: one item per prompt, a small state machine each
//   pending → running(jobId) → done(files) | failed(error) | cancelled
// with reorder (pending items), cancel (pending or running) and retry: a prompt whose request Segmind
// accepted goes back to running on that same job (waiting on it costs nothing more); any other
// failed or cancelled prompt goes back to pending, to be submitted anew.
// Pure (no vscode): the scheduler starts jobs through an interface, and every change is persisted
// through `QueueMemento`, so pending items survive a window reload.
import { Emitter } from '../common/emitter';
import { QUEUE_KEY } from './contributions';

export type QueueItemState = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface QueueItem {
  readonly id: string;
  /** The batch ("Generate from Each Line" run) the item belongs to. */
  readonly runId: string;
  /** The line as the user wrote it (the request's prompt may carry a preset's style). */
  readonly prompt: string;
  readonly model: string;
  /** The request's parameters, prompt included. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly preset?: string;
  readonly folder?: string;
  readonly state: QueueItemState;
  /** The job runner's id, once the job was started: a reload resumes that job, never a second one. */
  readonly jobId?: string;
  readonly files?: readonly string[];
  readonly requestId?: string;
  readonly error?: string;
  /**
   * A failed or cancelled prompt's request that Segmind accepted (it may still finish and is
   * probably billed): Retry waits on it again instead of submitting the prompt a second time.
   */
  readonly acceptedRequest?: string;
}

export type NewQueueItem = Pick<QueueItem, 'prompt' | 'model' | 'params' | 'preset' | 'folder'>;

export const FINISHED: ReadonlySet<QueueItemState> = new Set(['done', 'failed', 'cancelled']);
const RETRIABLE: ReadonlySet<QueueItemState> = new Set(['failed', 'cancelled']);

export interface QueueMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** Finished items kept for the view; the oldest go first. */
const MAX_FINISHED = 200;

export class PromptQueue {
  private list: QueueItem[];
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly memento: QueueMemento, private readonly newId: () => string) {
    const saved = memento.get<unknown>(QUEUE_KEY);
    this.list = Array.isArray(saved) ? saved.filter(isQueueItem) : [];
  }

  items(): readonly QueueItem[] {
    return this.list;
  }

  get(id: string): QueueItem | undefined {
    return this.list.find((i) => i.id === id);
  }

  /** Appends one pending item per entry, as one run; returns the run's id. */
  add(entries: readonly NewQueueItem[]): string {
    const runId = this.newId();
    this.list = [...this.list, ...entries.map((e) => ({ ...e, id: this.newId(), runId, state: 'pending' as const }))];
    this.commit();
    return runId;
  }

  /** The pending items to start now so that at most `concurrency` run. */
  toStart(concurrency: number): QueueItem[] {
    const running = this.list.filter((i) => i.state === 'running').length;
    return this.list.filter((i) => i.state === 'pending').slice(0, Math.max(0, concurrency - running));
  }

  update(id: string, change: Partial<Omit<QueueItem, 'id' | 'runId'>>): QueueItem | undefined {
    let next: QueueItem | undefined;
    this.list = this.list.map((i) => (i.id === id ? (next = { ...i, ...change }) : i));
    if (next) this.commit();
    return next;
  }

  /** Moves a pending item `delta` places among the pending ones (others keep their places). */
  move(id: string, delta: number): boolean {
    const pending = this.list.filter((i) => i.state === 'pending');
    const from = pending.findIndex((i) => i.id === id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= pending.length) return false;
    const [item] = pending.splice(from, 1);
    pending.splice(to, 0, item!);
    let next = 0;
    this.list = this.list.map((i) => (i.state === 'pending' ? pending[next++]! : i));
    this.commit();
    return true;
  }

  /** A failed or cancelled item goes back to pending, to be submitted as a new job. */
  retry(id: string): boolean {
    const item = this.get(id);
    if (!item || !RETRIABLE.has(item.state)) return false;
    this.list = this.list.map((i) => (i.id === id ? withoutOutcome(i) : i));
    this.commit();
    return true;
  }

  /**
   * A failed or cancelled item with an accepted request goes back to running on the same job, to
   * wait on that request again; returns it, or undefined when it has no such request.
   */
  waitAgain(id: string): (QueueItem & { jobId: string }) | undefined {
    const item = this.get(id);
    if (!item || !RETRIABLE.has(item.state) || !item.jobId || !item.acceptedRequest) return undefined;
    const { files: _files, error: _error, acceptedRequest, ...rest } = item;
    const next = { ...rest, jobId: item.jobId, state: 'running' as const, requestId: acceptedRequest };
    this.list = this.list.map((i) => (i.id === id ? next : i));
    this.commit();
    return next;
  }

  /** Drops finished items (all, or those of `runId`). */
  removeFinished(runId?: string): void {
    this.list = this.list.filter((i) => !FINISHED.has(i.state) || (runId !== undefined && i.runId !== runId));
    this.commit();
  }

  remove(id: string): void {
    this.list = this.list.filter((i) => i.id !== id || !FINISHED.has(i.state));
    this.commit();
  }

  /** Whether every item of `runId` has finished. */
  settled(runId: string): boolean {
    return this.list.filter((i) => i.runId === runId).every((i) => FINISHED.has(i.state));
  }

  /** Resolves once written (writes are serialized, so none is lost). */
  flushed(): Promise<void> {
    return this.writing;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private commit(): void {
    const finished = this.list.filter((i) => FINISHED.has(i.state));
    if (finished.length > MAX_FINISHED) {
      const drop = new Set(finished.slice(0, finished.length - MAX_FINISHED).map((i) => i.id));
      this.list = this.list.filter((i) => !drop.has(i.id));
    }
    const snapshot = this.list;
    this.writing = this.writing.then(() => this.memento.update(QUEUE_KEY, snapshot)).then(undefined, () => undefined);
    this.changed.fire();
  }
}

function withoutOutcome(item: QueueItem): QueueItem {
  const { jobId: _jobId, files: _files, requestId: _requestId, error: _error, acceptedRequest: _accepted, ...rest } = item;
  return { ...rest, state: 'pending' };
}

function isQueueItem(v: unknown): v is QueueItem {
  if (typeof v !== 'object' || v === null) return false;
  const i = v as Record<string, unknown>;
  return typeof i.id === 'string' && typeof i.runId === 'string' && typeof i.prompt === 'string' && typeof i.model === 'string'
    && typeof i.params === 'object' && i.params !== null && typeof i.state === 'string' && ['pending', 'running', 'done', 'failed', 'cancelled'].includes(i.state);
}
