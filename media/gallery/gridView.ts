// The virtualized grid: only the rows in (and just around) the viewport are in the DOM, positioned
// absolutely inside a sizer as tall as the whole result. The grid element keeps focus and points at
// the active tile with aria-activedescendant, so tiles can come and go while scrolling.
import type { GalleryItem } from '../../src/shared/galleryMessages';
import { esc } from '../jobs';
import { dayCostText } from './dayCost';
import { dayLabel } from './days';
import type { SearchResult } from './searchIndex';
import type { GridSelection } from './selection';
import { gridMetrics, layoutGrid, neighbour, visibleRows, rowAt, type Direction, type GridLayout } from './virtualLayout';

const MIN_TILE = 96;
const GAP = 4;
const HEADER = 28;
const OVERSCAN = 300;
const SETTLE_MS = 120;
/** What `Date#toLocaleString()` shows, with one formatter: a new one per tile was a large part of a row's cost. */
const DATE_TIME = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });

export interface GridViewEvents {
  /** The ids now rendered: their thumbnails are wanted. */
  visible(ids: string[]): void;
  /** Selection or focus changed (by mouse or keyboard). */
  selectionChanged(): void;
  /** Double-click or Enter. */
  activate(): void;
}

export class GridView {
  private items: readonly GalleryItem[] = [];
  private modelNames: Readonly<Record<string, string>> = {};
  /** Result position → id. */
  ids: string[] = [];
  /** id → result position, built when first asked for (keys): a search must not wait for it. */
  private positions: Map<string, number> | undefined;
  /** Day header texts of the current result, by group. */
  private dayTexts: string[] = [];
  private result: SearchResult = { order: [], groups: [] };
  private layout: GridLayout = layoutGrid([], 0, gridMetrics(300, MIN_TILE, GAP, HEADER));
  private readonly rendered = new Map<number, HTMLElement>();
  /** id → thumbnail URL; null: no preview (file missing or undecodable). */
  private readonly thumbs = new Map<string, string | null>();
  private now = Date.now();
  private frame = 0;
  private lastVisible = '';
  /** How many tiles on screen had no thumbnail at the last render. */
  wanted = 0;
  private visibleTimer: ReturnType<typeof setTimeout> | undefined;
  /** True from a scroll event until the rows have stayed put for SETTLE_MS. */
  private scrolling = false;
  private scrollEnd: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly scroller: HTMLElement,
    private readonly sizer: HTMLElement,
    private readonly sticky: HTMLElement,
    private readonly selection: GridSelection,
    private readonly events: GridViewEvents,
  ) {
    scroller.addEventListener('scroll', () => {
      this.scrolling = true;
      clearTimeout(this.scrollEnd);
      this.scrollEnd = setTimeout(() => (this.scrolling = false), SETTLE_MS);
      this.schedule();
    }, { passive: true });
    new ResizeObserver(() => this.relayout()).observe(scroller);
    scroller.addEventListener('mousedown', (e) => this.onPointer(e));
    scroller.addEventListener('dblclick', (e) => {
      if (this.positionAt(e) !== undefined) this.events.activate();
    });
  }

  show(items: readonly GalleryItem[], modelNames: Readonly<Record<string, string>>, result: SearchResult, now: number): void {
    this.items = items;
    this.modelNames = modelNames;
    this.result = result;
    this.now = now;
    this.ids = result.order.map((i) => items[i]?.id ?? '');
    this.positions = undefined;
    this.dayTexts = [];
    this.relayout();
  }

  setThumbs(thumbs: readonly { id: string; src: string | null }[]): void {
    for (const { id, src } of thumbs) this.thumbs.set(id, src);
    for (const row of this.rendered.values()) {
      for (const tile of row.querySelectorAll<HTMLElement>('.tile')) {
        const id = this.ids[Number(tile.dataset.pos)];
        if (id !== undefined && this.thumbs.has(id) && !tile.dataset.thumb) tile.innerHTML = this.tileContent(id);
      }
    }
  }

  /** Moves the focus (and, without `extend`/`keepSelection`, the selection) as an arrow key does. */
  move(direction: Direction, modifiers: { range: boolean; toggle: boolean }): void {
    const current = this.positionOf(this.selection.focused);
    const pageRows = Math.max(1, Math.floor(this.scroller.clientHeight / (this.layout.metrics.tile + GAP)));
    const next = current < 0 ? 0 : neighbour(this.layout, current, direction, this.ids.length, pageRows);
    if (next < 0) return;
    if (modifiers.toggle && !modifiers.range) this.selection.focused = this.ids[next];
    else this.selection.pick(this.ids, next, modifiers);
    this.reveal(next);
    this.events.selectionChanged();
  }

  /** Scrolls so that result position `position` is in view. */
  reveal(position: number): void {
    const row = this.layout.rows[this.layout.rowOfPosition[position] ?? -1];
    if (!row) return;
    const top = this.scroller.scrollTop + HEADER;
    const bottom = this.scroller.scrollTop + this.scroller.clientHeight;
    if (row.top < top) this.scroller.scrollTop = row.top - HEADER;
    else if (row.top + row.height > bottom) this.scroller.scrollTop = row.top + row.height - this.scroller.clientHeight;
    this.render();
  }

  /** Selection or focus changed: updates the rendered tiles in place (a re-render would detach the element under the pointer). */
  updateSelection(): void {
    for (const row of this.rendered.values()) {
      for (const tile of row.querySelectorAll<HTMLElement>('.tile')) {
        const id = this.ids[Number(tile.dataset.pos)] ?? '';
        const selected = this.selection.has(id);
        tile.classList.toggle('selected', selected);
        tile.classList.toggle('focused', this.selection.focused === id);
        tile.setAttribute('aria-selected', String(selected));
      }
    }
    this.updateActiveDescendant();
  }

  /** After a relayout: rows whose content and place did not change keep their element (and loaded thumbnails). */
  private refresh(): void {
    const previous = new Map([...this.rendered.values()].map((element) => [element.dataset.key ?? '', element]));
    this.rendered.clear();
    this.render(previous);
    for (const element of previous.values()) element.remove();
    this.updateSelection();
  }

  private relayout(): void {
    // A gap's margin on each side of the rows.
    const metrics = gridMetrics(this.scroller.clientWidth - 2 * GAP, MIN_TILE, GAP, HEADER);
    this.layout = layoutGrid(this.result.groups, this.ids.length, metrics);
    this.sizer.style.height = `${this.layout.height}px`;
    this.scroller.style.setProperty('--tile', `${metrics.tile}px`);
    this.scroller.setAttribute('aria-rowcount', String(this.layout.rows.length));
    this.scroller.setAttribute('aria-colcount', String(metrics.columns));
    this.refresh();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Puts the rows in view into the DOM, taking unchanged ones from `reusable` (key → element). */
  private render(reusable?: Map<string, HTMLElement>): void {
    // Geometry read once, before any DOM write: a read after one would force a layout mid-frame.
    const scrollTop = this.scroller.scrollTop;
    const [first, last] = visibleRows(this.layout, scrollTop, this.scroller.clientHeight, OVERSCAN);
    const added = document.createDocumentFragment();
    for (const [index, element] of this.rendered) {
      if (index < first || index > last) {
        element.remove();
        this.rendered.delete(index);
      }
    }
    for (let index = first; index <= last; index++) {
      if (this.rendered.has(index)) continue;
      const key = this.rowKey(index);
      const kept = reusable?.get(key);
      reusable?.delete(key);
      if (kept) kept.setAttribute('aria-rowindex', String(index + 1));
      const element = kept ?? this.renderRow(index, key);
      if (!element) continue;
      if (!kept) added.appendChild(element);
      this.rendered.set(index, element);
    }
    this.sizer.appendChild(added);
    const group = this.layout.rows[rowAt(this.layout, scrollTop)]?.group;
    this.sticky.textContent = group === undefined ? '' : this.dayText(group);
    this.updateActiveDescendant();
    this.reportVisible(first, last);
  }

  /** Looks among the rendered tiles only: every frame calls it, and only they can be active. */
  private updateActiveDescendant(): void {
    const focused = this.selection.focused;
    const tile = focused === undefined ? undefined : [...this.sizer.querySelectorAll<HTMLElement>('.tile')].find((t) => this.ids[Number(t.dataset.pos)] === focused);
    if (tile) this.scroller.setAttribute('aria-activedescendant', tile.id);
    else this.scroller.removeAttribute('aria-activedescendant');
  }

  /** What a row shows and where: equal keys render equal elements. */
  private rowKey(index: number): string {
    const row = this.layout.rows[index];
    if (!row) return '';
    if (row.kind === 'header') return `h:${row.top}:${this.layout.metrics.columns}:${this.dayText(row.group)}`;
    return `t:${row.top}:${this.layout.metrics.tile}:${this.ids.slice(row.start, row.start + row.count).join('|')}`;
  }

  private renderRow(index: number, key: string): HTMLElement | undefined {
    const row = this.layout.rows[index];
    if (!row) return undefined;
    const element = document.createElement('div');
    element.dataset.key = key;
    element.setAttribute('role', 'row');
    element.setAttribute('aria-rowindex', String(index + 1));
    element.className = row.kind === 'header' ? 'row day-row' : 'row';
    element.style.transform = `translateY(${row.top}px)`;
    if (row.kind === 'header') {
      element.innerHTML = `<div role="columnheader" class="day" aria-colspan="${this.layout.metrics.columns}">${esc(this.dayText(row.group))}</div>`;
    } else {
      const tiles: string[] = [];
      for (let p = row.start; p < row.start + row.count; p++) tiles.push(this.tile(p, p - row.start));
      element.innerHTML = tiles.join('');
    }
    return element;
  }

  private tile(position: number, column: number): string {
    const id = this.ids[position] ?? '';
    const item = this.items[this.result.order[position] ?? -1];
    if (!item) return '';
    const selected = this.selection.has(id);
    const focused = this.selection.focused === id;
    const model = this.modelNames[item.model] ?? item.model;
    const credits = item.credits === null ? 'cost unknown' : `${item.credits} credits`;
    const label = `${item.prompt || '(no prompt)'}, ${model}, seed ${item.seed}, ${DATE_TIME.format(item.createdAt)}, ${credits}`;
    const context = esc(JSON.stringify({ webviewSection: 'image', itemId: id, preventDefaultContextMenuItems: true }));
    return `<div role="gridcell" id="tile-${position}" class="tile${selected ? ' selected' : ''}${focused ? ' focused' : ''}" data-pos="${position}" aria-colindex="${column + 1}" aria-selected="${selected}" aria-label="${esc(label)}" title="${esc(`${label}\n${item.path}`)}" data-vscode-context="${context}">${this.tileContent(id)}</div>`;
  }

  private tileContent(id: string): string {
    const src = this.thumbs.get(id);
    // Decoded off the main thread: a screenful of new thumbnails must not make a long paint.
    if (src) return `<img src="${esc(src)}" alt="" draggable="false" decoding="async" data-thumb="1">`;
    return `<span class="placeholder">${src === null ? 'No preview' : ''}</span>`;
  }

  /** Result position of `id`, or -1. */
  positionOf(id: string | undefined): number {
    if (id === undefined) return -1;
    this.positions ??= new Map(this.ids.map((each, position) => [each, position]));
    return this.positions.get(id) ?? -1;
  }

  private dayText(group: number): string {
    const g = this.result.groups[group];
    if (!g) return '';
    return (this.dayTexts[group] ??= `${dayLabel(g.key, this.now)} · ${g.count === 1 ? '1 image' : `${g.count} images`}${dayCostText(this.costsOf(g.start, g.count))}`);
  }

  private *costsOf(start: number, count: number): Generator<number | null> {
    for (let p = start; p < start + count; p++) yield this.items[this.result.order[p] ?? -1]?.credits ?? null;
  }

  private reportVisible(first: number, last: number): void {
    const ids: string[] = [];
    for (let r = first; r <= last; r++) {
      const row = this.layout.rows[r];
      if (row?.kind !== 'tiles') continue;
      for (let p = row.start; p < row.start + row.count; p++) {
        const id = this.ids[p];
        if (id !== undefined && !this.thumbs.has(id)) ids.push(id);
      }
    }
    this.wanted = ids.length;
    const key = ids.join('\n');
    if (key === this.lastVisible) return;
    this.lastVisible = key;
    // While scrolling, ask once the rows stay put: thumbnails for rows flying past are wasted work.
    clearTimeout(this.visibleTimer);
    const report = () => ids.length > 0 && this.events.visible(ids);
    if (this.scrolling) this.visibleTimer = setTimeout(report, SETTLE_MS);
    else report();
  }

  private positionAt(event: MouseEvent): number | undefined {
    const tile = (event.target as HTMLElement).closest<HTMLElement>('.tile');
    return tile ? Number(tile.dataset.pos) : undefined;
  }

  private onPointer(event: MouseEvent): void {
    const position = this.positionAt(event);
    if (position === undefined) return;
    const isMac = navigator.platform.startsWith('Mac');
    const toggle = isMac ? event.metaKey : event.ctrlKey;
    // A right-click on a selected tile keeps the selection: the context menu acts on all of it.
    if (event.button === 2 && this.selection.has(this.ids[position] ?? '')) return;
    this.selection.pick(this.ids, position, { toggle: event.button === 0 && toggle, range: event.button === 0 && event.shiftKey });
    this.events.selectionChanged();
  }
}
