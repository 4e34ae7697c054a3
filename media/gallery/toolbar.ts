// Search box, filters, result count and the action bar. Typing searches at once (the index is
// local); the count is announced politely, after typing pauses, not on every key.
import type { GalleryAction } from '../../src/shared/galleryMessages';
import type { DateRange } from './days';
import { EMPTY_QUERY, type GalleryQuery, type SortOrder } from './searchIndex';

export interface ToolbarEvents {
  readonly query: GalleryQuery;
  changed(query: GalleryQuery): void;
  action(action: GalleryAction | 'compare'): void;
}

interface Option {
  readonly value: string;
  readonly label: string;
}

const ANNOUNCE_DELAY_MS = 500;

export class Toolbar {
  private readonly search = document.getElementById('search') as HTMLInputElement;
  private readonly model = document.getElementById('filter-model') as HTMLSelectElement;
  private readonly date = document.getElementById('filter-date') as HTMLSelectElement;
  private readonly folder = document.getElementById('filter-folder') as HTMLSelectElement;
  private readonly sort = document.getElementById('sort') as HTMLSelectElement;
  private readonly count = document.getElementById('count') as HTMLElement;
  private readonly selectionCount = document.getElementById('selection-count') as HTMLElement;
  private readonly actions = document.getElementById('actions') as HTMLElement;
  private readonly announcer = document.getElementById('announcer') as HTMLElement;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private query: GalleryQuery;

  constructor(private readonly events: ToolbarEvents) {
    this.query = events.query;
    this.search.value = this.query.text;
    this.date.value = this.query.date;
    this.sort.value = this.query.sort;
    this.search.addEventListener('input', () => this.update({ text: this.search.value }));
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.search.value) {
        e.stopPropagation();
        this.search.value = '';
        this.update({ text: '' });
      } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
        e.preventDefault();
        document.getElementById('grid')?.focus();
      }
    });
    this.model.addEventListener('change', () => this.update({ model: this.model.value }));
    this.folder.addEventListener('change', () => this.update({ folder: this.folder.value }));
    this.date.addEventListener('change', () => this.update({ date: this.date.value as DateRange }));
    this.sort.addEventListener('change', () => this.update({ sort: this.sort.value as SortOrder }));
    this.actions.addEventListener('click', (e) => {
      const action = (e.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action;
      if (action) this.events.action(action as GalleryAction | 'compare');
    });
  }

  setFacets(models: readonly Option[], folders: readonly Option[]): void {
    fill(this.model, [{ value: '', label: 'All models' }, ...models], this.query.model);
    fill(this.folder, [{ value: '', label: 'All folders' }, ...folders], this.query.folder);
  }

  showCount(shown: number, total: number): void {
    const text = shown === total ? `${total} ${total === 1 ? 'image' : 'images'}` : `${shown} of ${total} images`;
    // The visible count updates at once; the live region only once typing pauses.
    this.count.textContent = text;
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => (this.announcer.textContent = `${text} shown`), ANNOUNCE_DELAY_MS);
  }

  selectionChanged(size: number): void {
    this.actions.hidden = size === 0;
    this.selectionCount.textContent = size > 1 ? ` · ${size} selected` : '';
    const compare = this.actions.querySelector<HTMLButtonElement>('[data-action="compare"]');
    if (compare) compare.disabled = size !== 2;
  }

  focusSearch(): void {
    this.search.focus();
    this.search.select();
  }

  reset(): void {
    this.search.value = '';
    this.date.value = EMPTY_QUERY.date;
    this.sort.value = EMPTY_QUERY.sort;
    this.model.value = '';
    this.folder.value = '';
    this.query = EMPTY_QUERY;
    this.events.changed(this.query);
  }

  announce(text: string): void {
    this.announcer.textContent = text;
  }

  private update(change: Partial<GalleryQuery>): void {
    this.query = { ...this.query, ...change };
    this.events.changed(this.query);
  }
}

/** Replaces a select's options, keeping `value` selected when it is still offered. */
function fill(select: HTMLSelectElement, options: readonly Option[], value: string): void {
  select.replaceChildren(...options.map((o) => new Option(o.label, o.value)));
  select.value = options.some((o) => o.value === value) ? value : '';
}
