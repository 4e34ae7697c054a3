// Job records in workspace state, written at every state change (serialized, so concurrent jobs
// cannot drop each other's updates). The UI derives what it shows from here.
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle';
import { TERMINAL_STATES, type JobRecord } from './job';

export const JOBS_KEY = 'segmind.jobs.v1';

export interface JobMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export class JobStore extends Disposable {
  private writing: Promise<void> = Promise.resolve();
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: JobMemento) {
    super();
  }

  all(): JobRecord[] {
    const raw = this.memento.get<unknown>(JOBS_KEY);
    return Array.isArray(raw) ? raw.filter(isJobRecord) : [];
  }

  get(id: string): JobRecord | undefined {
    return this.all().find((j) => j.id === id);
  }

  /** Stores (creates or replaces) a record; resolves once written. */
  put(job: JobRecord): Promise<JobRecord> {
    return this.mutate((list) => [...list.filter((j) => j.id !== job.id), job]).then(() => job);
  }

  /** Applies `change` to the stored record with `id` and stores it. */
  async update(id: string, change: Partial<JobRecord>): Promise<JobRecord> {
    let next: JobRecord | undefined;
    await this.mutate((list) =>
      list.map((j) => {
        if (j.id !== id) return j;
        next = { ...j, ...change };
        return next;
      }),
    );
    if (!next) throw new Error(`job ${id} is not in the store`);
    return next;
  }

  /** Drops finished records (kept briefly so a second window sees they are done). */
  prune(now = Date.now(), keepMs = 10 * 60_000): Promise<void> {
    return this.mutate((list) => list.filter((j) => !TERMINAL_STATES.has(j.state) || now - j.createdAt < keepMs));
  }

  private mutate(change: (list: JobRecord[]) => JobRecord[]): Promise<void> {
    const next = this.writing.then(async () => {
      await this.memento.update(JOBS_KEY, change(this.all()));
      this.changed.fire();
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}

function isJobRecord(v: unknown): v is JobRecord {
  if (typeof v !== 'object' || v === null) return false;
  const j = v as Record<string, unknown>;
  return typeof j.id === 'string' && typeof j.model === 'string' && typeof j.state === 'string' && typeof j.createdAt === 'number'
    && typeof j.body === 'object' && j.body !== null && typeof j.target === 'object' && j.target !== null && Array.isArray(j.files);
}
