// Thumbnails on disk, in the extension's global storage: one small file per source version (its
// name hashes the source's URI, mtime and size, so an edited image gets a new one), bounded by a
// byte budget with least-recently-used eviction. No `vscode` import: the files come through
// `ThumbnailFiles`, so the bench and unit tests run it on plain Node.
import { createHash } from 'node:crypto';
import { LruIndex } from './lru';

/** A source image's identity for the cache. */
export interface SourceVersion {
  readonly uri: string;
  readonly mtime: number;
  readonly size: number;
}

/** The cache folder's files (names are plain file names) and the source images' metadata. */
export interface ThumbnailFiles {
  /** undefined when the source file is gone. */
  statSource(uri: string): Promise<{ readonly mtime: number; readonly size: number } | undefined>;
  read(name: string): Promise<Uint8Array | undefined>;
  /** Atomic: a reader never sees half a file. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  delete(name: string): Promise<void>;
}

export const INDEX_FILE = 'index.json';
const INDEX_DEBOUNCE_MS = 2000;

/** A source version's cache key: the thumbnail's file name without its extension. */
export function sourceKey(source: SourceVersion): string {
  return createHash('sha1').update(`${source.uri}\n${source.mtime}\n${source.size}`).digest('hex').slice(0, 24);
}

const extensionOf = (mime: 'image/webp' | 'image/jpeg'): string => (mime === 'image/webp' ? 'webp' : 'jpg');

export class ThumbnailCache {
  private index: LruIndex | undefined;
  private loading: Promise<LruIndex> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly files: ThumbnailFiles, private budgetBytes: number) {}

  /** The cached thumbnail's file name for `key` (see `sourceKey`), marking it used; undefined when not cached. */
  async lookup(key: string): Promise<string | undefined> {
    const index = await this.load();
    for (const name of [`${key}.${extensionOf('image/webp')}`, `${key}.${extensionOf('image/jpeg')}`]) {
      if (index.has(name)) {
        index.touch(name);
        this.scheduleSave();
        return name;
      }
    }
    return undefined;
  }

  /** Writes a new thumbnail and evicts the least recently used beyond the budget. Returns its file name. */
  async store(key: string, mime: 'image/webp' | 'image/jpeg', bytes: Uint8Array): Promise<string> {
    const index = await this.load();
    const name = `${key}.${extensionOf(mime)}`;
    await this.files.write(name, bytes);
    const evicted = index.add(name, bytes.byteLength);
    await Promise.all(evicted.map((old) => this.files.delete(old).catch(() => undefined)));
    this.scheduleSave();
    return name;
  }

  async resize(budgetBytes: number): Promise<void> {
    this.budgetBytes = budgetBytes;
    const evicted = (await this.load()).resize(budgetBytes);
    await Promise.all(evicted.map((old) => this.files.delete(old).catch(() => undefined)));
    this.scheduleSave();
  }

  async stats(): Promise<{ count: number; bytes: number }> {
    const index = await this.load();
    return { count: index.count, bytes: index.bytes };
  }

  /** Writes the index now (on dispose: a pending debounced save would be lost). */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.index) return;
    await this.files.write(INDEX_FILE, new TextEncoder().encode(JSON.stringify(this.index.entries())));
  }

  private load(): Promise<LruIndex> {
    this.loading ??= (async () => {
      let saved: unknown;
      try {
        const bytes = await this.files.read(INDEX_FILE);
        saved = bytes ? JSON.parse(new TextDecoder().decode(bytes)) : undefined;
      } catch {
        saved = undefined; // a damaged index costs a rebuild of the thumbnails, nothing more
      }
      this.index = LruIndex.from(saved, this.budgetBytes);
      return this.index;
    })();
    return this.loading;
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => void this.flush().catch(() => undefined), INDEX_DEBOUNCE_MS);
  }
}
