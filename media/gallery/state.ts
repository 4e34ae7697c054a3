// The gallery webview's saved state (getState/setState): query, filters, scroll position and
// selection survive the view being hidden and window reloads. Pure.
import { DATE_RANGES } from './days';
import { EMPTY_QUERY, type GalleryQuery } from './searchIndex';

export interface GalleryState {
  readonly version: 1;
  query: GalleryQuery;
  scrollTop: number;
  selected: string[];
  focused?: string;
}

/** Enough for any real selection; keeps setState small. */
export const MAX_SAVED_SELECTION = 2000;

export function restoreGalleryState(saved: unknown): GalleryState {
  const s = saved as Partial<GalleryState> | undefined;
  const q = (s?.query ?? {}) as Partial<GalleryQuery>;
  const text = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 500) : '');
  return {
    version: 1,
    query: {
      text: text(q.text),
      model: text(q.model),
      folder: text(q.folder),
      date: typeof q.date === 'string' && q.date in DATE_RANGES ? q.date : EMPTY_QUERY.date,
      sort: q.sort === 'oldest' ? 'oldest' : 'newest',
    },
    scrollTop: typeof s?.scrollTop === 'number' && s.scrollTop >= 0 ? s.scrollTop : 0,
    selected: Array.isArray(s?.selected) ? s.selected.filter((id): id is string => typeof id === 'string').slice(0, MAX_SAVED_SELECTION) : [],
    ...(typeof s?.focused === 'string' ? { focused: s.focused } : {}),
  };
}
