// The thumbnail cache's bookkeeping: file name → size in bytes, least recently used first, bounded by
// a byte budget. Pure; the cache persists `entries()` and restores it with `LruIndex.from`.

export class LruIndex {
  /** A Map iterates in insertion order: re-inserting on use keeps the least recently used first. */
  private readonly sizes = new Map<string, number>();
  private total = 0;

  constructor(private budget: number) {}

  static from(entries: unknown, budget: number): LruIndex {
    const index = new LruIndex(budget);
    if (!Array.isArray(entries)) return index;
    for (const entry of entries) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number' && entry[1] >= 0) index.sizes.set(entry[0], entry[1]);
    }
    index.total = [...index.sizes.values()].reduce((a, b) => a + b, 0);
    return index;
  }

  get bytes(): number {
    return this.total;
  }

  get count(): number {
    return this.sizes.size;
  }

  has(key: string): boolean {
    return this.sizes.has(key);
  }

  /** Marks `key` as just used. */
  touch(key: string): void {
    const size = this.sizes.get(key);
    if (size === undefined) return;
    this.sizes.delete(key);
    this.sizes.set(key, size);
  }

  /** Records `key` as newest; returns the keys evicted to stay within the budget (never `key` itself). */
  add(key: string, bytes: number): string[] {
    this.remove(key);
    this.sizes.set(key, bytes);
    this.total += bytes;
    return this.evict(key);
  }

  remove(key: string): void {
    const size = this.sizes.get(key);
    if (size === undefined) return;
    this.sizes.delete(key);
    this.total -= size;
  }

  /** A new budget (the setting changed); returns the keys evicted. */
  resize(budget: number): string[] {
    this.budget = budget;
    return this.evict(undefined);
  }

  /** Least recently used first, for persisting. */
  entries(): [string, number][] {
    return [...this.sizes];
  }

  private evict(keep: string | undefined): string[] {
    const evicted: string[] = [];
    for (const [key, size] of this.sizes) {
      if (this.total <= this.budget) break;
      if (key === keep) continue;
      this.sizes.delete(key);
      this.total -= size;
      evicted.push(key);
    }
    return evicted;
  }
}
