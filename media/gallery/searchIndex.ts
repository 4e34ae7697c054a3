// Search, filters and sort over the whole history, in the webview so typing never waits on the host.
// Each item's searchable text is lower-cased once; a query is then a scan of 10,000 short strings
// (a few ms). Pure.
import type { GalleryItem } from '../../src/shared/galleryMessages';
import { dayKey, rangeStart, type DateRange } from './days';

export type SortOrder = 'newest' | 'oldest';

export interface GalleryQuery {
  /** Words that must all occur in the prompt, negative prompt, model, seed or file name. */
  readonly text: string;
  /** A model id, or '' for all. */
  readonly model: string;
  /** A folder (workspace-relative), or '' for all. */
  readonly folder: string;
  readonly date: DateRange;
  readonly sort: SortOrder;
}

export const EMPTY_QUERY: GalleryQuery = { text: '', model: '', folder: '', date: 'any', sort: 'newest' };

/** A run of consecutive results from one local day. */
export interface DayGroup {
  readonly key: string;
  /** Index of its first item in the result order. */
  readonly start: number;
  readonly count: number;
}

export interface SearchResult {
  /** Indices into the index's items, in display order. */
  readonly order: readonly number[];
  readonly groups: readonly DayGroup[];
}

/** The folder part of a workspace-relative path ('' at the root). */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export class SearchIndex {
  readonly items: GalleryItem[] = [];
  private readonly haystacks: string[] = [];
  private readonly days: string[] = [];
  private readonly folders: string[] = [];
  /** Item indices, newest first (ties keep history order); sorted again on the first search after `add`. */
  private newestFirst: number[] | undefined;

  constructor(items: readonly GalleryItem[], private readonly modelNames: Readonly<Record<string, string>>) {
    this.add(items);
  }

  /** Indexes more items (the history arrives in chunks). */
  add(items: readonly GalleryItem[]): void {
    for (const item of items) {
      this.items.push(item);
      this.haystacks.push([item.prompt, item.negativePrompt ?? '', item.model, this.modelNames[item.model] ?? '', String(item.seed), item.path].join('\n').toLowerCase());
      this.days.push(dayKey(item.createdAt));
      this.folders.push(folderOf(item.path));
    }
    this.newestFirst = undefined;
  }

  /** Models and folders present, with counts, for the filter menus. */
  facets(): { models: Map<string, number>; folders: Map<string, number> } {
    const models = new Map<string, number>();
    const folders = new Map<string, number>();
    this.items.forEach((item, i) => {
      models.set(item.model, (models.get(item.model) ?? 0) + 1);
      const folder = this.folders[i] ?? '';
      folders.set(folder, (folders.get(folder) ?? 0) + 1);
    });
    return { models, folders };
  }

  search(query: GalleryQuery, now: number): SearchResult {
    const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
    const since = rangeStart(query.date, now);
    const order: number[] = [];
    const all = this.items;
    this.newestFirst ??= all.map((_, i) => i).sort((a, b) => (all[b]?.createdAt ?? 0) - (all[a]?.createdAt ?? 0) || a - b);
    const scan = query.sort === 'oldest' ? [...this.newestFirst].reverse() : this.newestFirst;
    for (const i of scan) {
      const item = this.items[i];
      if (!item || item.createdAt < since) continue;
      if (query.model && item.model !== query.model) continue;
      if (query.folder && this.folders[i] !== query.folder) continue;
      const haystack = this.haystacks[i] ?? '';
      if (words.every((w) => haystack.includes(w))) order.push(i);
    }
    return { order, groups: this.groupByDay(order) };
  }

  private groupByDay(order: readonly number[]): DayGroup[] {
    const groups: DayGroup[] = [];
    let current: { key: string; start: number; count: number } | undefined;
    order.forEach((itemIndex, position) => {
      const key = this.days[itemIndex] ?? '';
      if (current?.key === key) {
        current.count++;
        return;
      }
      current = { key, start: position, count: 1 };
      groups.push(current);
    });
    return groups;
  }
}
