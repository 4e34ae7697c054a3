// Where the history lives in workspace state: in chunks of at most CHUNK_SIZE entries, each under its
// own key, plus a manifest naming them. VS Code sends a Memento value whole to the main process on
// every update, so one save rewrites one chunk (≤ 256 entries) instead of all 10,000 (`npm run bench`
// gallery measures both). No `vscode` import: tested in plain Node.
import type { HistoryEntry, HistoryStore } from './historyEntry';

/** The manifest: chunk keys, oldest chunk first. */
export const MANIFEST_KEY = 'segmind.history.v2';
/** Before chunks (≤ 0.1.0): one array under this key; moved into chunks on first load. */
export const LEGACY_KEY = 'segmind.history.v1';
export const CHUNK_SIZE = 256;

interface Manifest {
  readonly version: 2;
  readonly chunks: readonly string[];
  readonly nextSerial: number;
}

interface Chunk {
  readonly key: string;
  entries: HistoryEntry[];
}

/** Entries in chunks; every method returns the keys it changed, for the caller to write. */
export class HistoryChunks {
  private chunks: Chunk[] = [];
  private readonly chunkOf = new Map<string, Chunk>();
  private nextSerial = 0;
  /** Chunk keys the stored manifest names. */
  private known = new Set<string>();

  /** Reads the manifest and chunks (or the legacy array); `valid` drops malformed values. */
  static load(store: HistoryStore, valid: (value: unknown) => value is HistoryEntry): { chunks: HistoryChunks; migrated: boolean } {
    const result = new HistoryChunks();
    const manifest = store.get<Manifest>(MANIFEST_KEY);
    if (manifest && Array.isArray(manifest.chunks)) {
      result.nextSerial = Number.isInteger(manifest.nextSerial) ? manifest.nextSerial : manifest.chunks.length;
      for (const key of manifest.chunks) {
        const raw = store.get<unknown>(key);
        if (typeof key === 'string' && Array.isArray(raw)) result.adopt({ key, entries: raw.filter(valid) });
      }
      return { chunks: result, migrated: false };
    }
    const legacy = store.get<unknown>(LEGACY_KEY);
    if (!Array.isArray(legacy)) return { chunks: result, migrated: false };
    const oldestFirst = legacy.filter(valid).sort((a, b) => a.createdAt - b.createdAt);
    for (const entry of oldestFirst) result.append(entry);
    return { chunks: result, migrated: true };
  }

  keys(): string[] {
    return this.chunks.map((c) => c.key);
  }

  all(): HistoryEntry[] {
    return this.chunks.flatMap((c) => c.entries);
  }

  get size(): number {
    return this.chunkOf.size;
  }

  /** Adds `entry`, or replaces the entry with its id where it is. Returns the changed chunk keys. */
  put(entry: HistoryEntry): string[] {
    return this.chunkOf.has(entry.id) ? this.update(entry.id, () => entry) : [this.append(entry)];
  }

  /** Changes one entry in place; undefined from `change` removes it. Returns the changed chunk keys. */
  update(id: string, change: (entry: HistoryEntry) => HistoryEntry | undefined): string[] {
    const chunk = this.chunkOf.get(id);
    const index = chunk?.entries.findIndex((e) => e.id === id) ?? -1;
    const current = chunk?.entries[index];
    if (!chunk || !current) return [];
    const changed = change(current);
    if (changed) {
      chunk.entries[index] = changed;
    } else {
      chunk.entries.splice(index, 1);
      this.chunkOf.delete(id);
    }
    return [chunk.key];
  }

  /** Drops the oldest entries beyond `limit`; returns the changed chunk keys. */
  trim(limit: number): string[] {
    const changed = new Set<string>();
    while (this.chunkOf.size > limit) {
      const oldest = this.chunks.find((c) => c.entries.length > 0);
      if (!oldest) break;
      const excess = this.chunkOf.size - limit;
      const byAge = [...oldest.entries].sort((a, b) => a.createdAt - b.createdAt);
      const drop = new Set(byAge.slice(0, excess).map((e) => e.id));
      oldest.entries = oldest.entries.filter((e) => !drop.has(e.id));
      for (const id of drop) this.chunkOf.delete(id);
      changed.add(oldest.key);
    }
    return [...changed];
  }

  /** Writes the changed chunks (an empty one is deleted) and, when the set of chunks changed, the manifest. */
  async write(store: HistoryStore, changedKeys: readonly string[]): Promise<void> {
    const emptied = this.chunks.filter((c) => c.entries.length === 0 && changedKeys.includes(c.key));
    this.chunks = this.chunks.filter((c) => !emptied.includes(c));
    const manifestChanged = emptied.length > 0 || changedKeys.some((k) => !this.known.has(k));
    for (const key of new Set(changedKeys)) {
      const chunk = this.chunks.find((c) => c.key === key);
      await store.update(key, chunk ? chunk.entries : undefined);
    }
    if (manifestChanged) {
      const manifest: Manifest = { version: 2, chunks: this.chunks.map((c) => c.key), nextSerial: this.nextSerial };
      await store.update(MANIFEST_KEY, manifest);
      this.known = new Set(manifest.chunks);
    }
  }

  private adopt(chunk: Chunk): void {
    this.chunks.push(chunk);
    this.known.add(chunk.key);
    for (const e of chunk.entries) this.chunkOf.set(e.id, chunk);
  }

  private append(entry: HistoryEntry): string {
    let last = this.chunks[this.chunks.length - 1];
    if (!last || last.entries.length >= CHUNK_SIZE) {
      last = { key: `${MANIFEST_KEY}.${this.nextSerial++}`, entries: [] };
      this.chunks.push(last);
    }
    last.entries.push(entry);
    this.chunkOf.set(entry.id, last);
    return last.key;
  }
}
