// What was generated in this workspace, newest first, kept in workspace state so it survives restarts.
// No `vscode` import: the store is anything with Memento's get/update, so this is tested in plain Node.
// Read once, then served from memory (the gallery asks often, with up to HISTORY_LIMIT entries);
// stored in chunks (historyChunks.ts) so a save does not rewrite them all.
import { Emitter } from '../common/emitter';
import { HistoryChunks, LEGACY_KEY } from './historyChunks';

export type { HistoryEntry, HistoryStore } from './historyEntry';
import type { HistoryEntry, HistoryStore } from './historyEntry';

export const HISTORY_KEY = LEGACY_KEY;
export const HISTORY_LIMIT = 20_000;

export class History {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  /** Serializes writes so two jobs finishing together cannot drop each other's entries. */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly store: HistoryStore, private readonly limit = HISTORY_LIMIT) {}

  private loaded: HistoryChunks | undefined;
  /** Derived from `loaded`, rebuilt lazily after a change. */
  private newestFirst: HistoryEntry[] | undefined;
  private byId: Map<string, HistoryEntry> | undefined;
  private byUri: Map<string, HistoryEntry> | undefined;

  /** Entries newest first. Malformed stored values (older versions, hand edits) are skipped. */
  entries(): HistoryEntry[] {
    this.newestFirst ??= this.chunks().all().sort((a, b) => b.createdAt - a.createdAt);
    return [...this.newestFirst];
  }

  get size(): number {
    return this.chunks().size;
  }

  get(id: string): HistoryEntry | undefined {
    this.byId ??= new Map(this.chunks().all().map((e) => [e.id, e]));
    return this.byId.get(id);
  }

  /** Finds the entry of a saved file, by its `Uri.toString()`. */
  findByUri(uri: string): HistoryEntry | undefined {
    // Newest last, so the newest entry of a file that was overwritten wins.
    this.byUri ??= new Map(this.entries().reverse().map((e) => [e.uri, e]));
    return this.byUri.get(uri);
  }

  /** Adds (or replaces, same id) an entry. Resolves once it is stored. */
  add(entry: HistoryEntry): Promise<void> {
    return this.mutate((chunks) => [...chunks.put(entry), ...chunks.trim(this.limit)]);
  }

  remove(id: string): Promise<void> {
    return this.mutate((chunks) => chunks.update(id, () => undefined));
  }

  /** Points an entry at a file that was found elsewhere (moved). */
  relocate(id: string, uri: string, path: string): Promise<void> {
    return this.mutate((chunks) => chunks.update(id, (e) => ({ ...e, uri, path })));
  }

  private chunks(): HistoryChunks {
    if (this.loaded) return this.loaded;
    const { chunks, migrated } = HistoryChunks.load(this.store, isHistoryEntry);
    this.loaded = chunks;
    const changed = [...(migrated ? chunks.keys() : []), ...chunks.trim(this.limit)];
    if (changed.length > 0) {
      // Written in the background: the entries are served from memory meanwhile.
      void this.mutate(() => changed)
        .then(() => (migrated ? this.store.update(LEGACY_KEY, undefined) : undefined))
        .catch(() => undefined);
    }
    return chunks;
  }

  /** Once the saves before it are done: applies `change` in memory, then writes the chunks it names. */
  private mutate(change: (chunks: HistoryChunks) => string[]): Promise<void> {
    const next = this.writing.then(async () => {
      const chunks = this.chunks();
      const changed = change(chunks);
      this.newestFirst = this.byId = this.byUri = undefined;
      await chunks.write(this.store, changed);
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
    e.params !== null
  );
}
