// What was generated in this workspace, newest first, kept in workspace state so it survives restarts.
// No `vscode` import: the store is anything with Memento's get/update, so this is tested in plain Node.

import { Emitter } from '../common/emitter';

/** One saved image. The editor's job runner adds one entry per saved file. */
export interface HistoryEntry {
  /** Unique per image: `${requestId}#${index}`, or `${jobId}#${index}` when Segmind gave no request id. */
  readonly id: string;
  /** Epoch milliseconds when the image was saved. */
  readonly createdAt: number;
  /** The saved file, as `Uri.toString()`. */
  readonly uri: string;
  /** Workspace-relative POSIX path (`workspace.asRelativePath(uri, false)`), for display and filtering. */
  readonly path: string;
  readonly model: string;
  readonly prompt: string;
  /** Every API parameter sent (prompt included), so the image can be regenerated exactly. */
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly seed: number;
  readonly requestId?: string;
  /** Credits this image cost (its job's cost over its images), when the job's cost could be learned. */
  readonly credits?: number;
}

/** The subset of `vscode.Memento` the history needs. */
export interface HistoryStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export const HISTORY_KEY = 'segmind.history.v1';
export const HISTORY_LIMIT = 1000;

export class History {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  /** Serializes writes so two jobs finishing together cannot drop each other's entries. */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly store: HistoryStore, private readonly limit = HISTORY_LIMIT) {}

  /** Entries newest first. Malformed stored values (older versions, hand edits) are skipped. */
  entries(): HistoryEntry[] {
    const raw = this.store.get<unknown>(HISTORY_KEY);
    if (!Array.isArray(raw)) return [];
    return raw.filter(isHistoryEntry).sort((a, b) => b.createdAt - a.createdAt);
  }

  get(id: string): HistoryEntry | undefined {
    return this.entries().find((e) => e.id === id);
  }

  /** Finds the entry of a saved file, by its `Uri.toString()`. */
  findByUri(uri: string): HistoryEntry | undefined {
    return this.entries().find((e) => e.uri === uri);
  }

  /** Adds (or replaces, same id) an entry. Resolves once it is stored. */
  add(entry: HistoryEntry): Promise<void> {
    return this.mutate((list) => [entry, ...list.filter((e) => e.id !== entry.id)]);
  }

  remove(id: string): Promise<void> {
    return this.mutate((list) => list.filter((e) => e.id !== id));
  }

  /** Points an entry at a file that was found elsewhere (moved). */
  relocate(id: string, uri: string, path: string): Promise<void> {
    return this.mutate((list) => list.map((e) => (e.id === id ? { ...e, uri, path } : e)));
  }

  private mutate(change: (list: HistoryEntry[]) => HistoryEntry[]): Promise<void> {
    const next = this.writing.then(async () => {
      const list = change(this.entries()).slice(0, this.limit);
      await this.store.update(HISTORY_KEY, list);
      this.changed.fire();
    });
    // A failed write must not block the ones after it; the caller still sees the failure.
    this.writing = next.catch(() => undefined);
    return next;
  }
}

function isHistoryEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.id === 'string' &&
    typeof e.createdAt === 'number' &&
    typeof e.uri === 'string' &&
    typeof e.path === 'string' &&
    typeof e.model === 'string' &&
    typeof e.prompt === 'string' &&
    typeof e.seed === 'number' &&
    typeof e.params === 'object' &&
    e.params !== null &&
    (e.credits === undefined || (typeof e.credits === 'number' && Number.isFinite(e.credits)))
  );
}
