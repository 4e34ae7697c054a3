// Virtualization math for the grid: day headers and rows of square tiles, laid out once per result
// or width change, then a binary search finds the rows a scroll position shows. Pure.
import type { DayGroup } from './searchIndex';

export interface GridMetrics {
  readonly columns: number;
  /** Tile edge in px (square). */
  readonly tile: number;
  readonly gap: number;
  readonly headerHeight: number;
}

export interface LayoutRow {
  readonly kind: 'header' | 'tiles';
  readonly top: number;
  readonly height: number;
  /** Index of its group. */
  readonly group: number;
  /** Tiles rows: the result positions start … start + count - 1. */
  readonly start: number;
  readonly count: number;
}

export interface GridLayout {
  readonly rows: readonly LayoutRow[];
  readonly height: number;
  readonly metrics: GridMetrics;
  /** Row index of each result position's tiles row. */
  readonly rowOfPosition: Int32Array;
}

/** As many columns as fit tiles of at least `minTile` px in `width`; the tiles grow to fill it. */
export function gridMetrics(width: number, minTile: number, gap: number, headerHeight: number): GridMetrics {
  const usable = Math.max(minTile, width);
  const columns = Math.max(1, Math.floor((usable + gap) / (minTile + gap)));
  const tile = Math.floor((usable - gap * (columns - 1)) / columns);
  return { columns, tile, gap, headerHeight };
}

export function layoutGrid(groups: readonly DayGroup[], total: number, metrics: GridMetrics): GridLayout {
  const rows: LayoutRow[] = [];
  const rowOfPosition = new Int32Array(total);
  const rowHeight = metrics.tile + metrics.gap;
  let top = 0;
  groups.forEach((group, g) => {
    rows.push({ kind: 'header', top, height: metrics.headerHeight, group: g, start: group.start, count: 0 });
    top += metrics.headerHeight;
    for (let offset = 0; offset < group.count; offset += metrics.columns) {
      const count = Math.min(metrics.columns, group.count - offset);
      rowOfPosition.fill(rows.length, group.start + offset, group.start + offset + count);
      rows.push({ kind: 'tiles', top, height: rowHeight, group: g, start: group.start + offset, count });
      top += rowHeight;
    }
  });
  return { rows, height: top, metrics, rowOfPosition };
}

/** The first row whose bottom is below `y` (rows are sorted by top). */
export function rowAt(layout: GridLayout, y: number): number {
  let low = 0;
  let high = layout.rows.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    const row = layout.rows[mid];
    if (row && row.top + row.height <= y) low = mid + 1;
    else high = mid;
  }
  return Math.max(0, low);
}

/** Row indices [first, last] to put in the DOM for a viewport, with `overscan` px above and below. */
export function visibleRows(layout: GridLayout, scrollTop: number, viewportHeight: number, overscan: number): [number, number] {
  if (layout.rows.length === 0) return [0, -1];
  return [rowAt(layout, Math.max(0, scrollTop - overscan)), rowAt(layout, scrollTop + viewportHeight + overscan)];
}

export type Direction = 'left' | 'right' | 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end';

/** The result position keyboard navigation moves to; up/down keep the column across day headers. */
export function neighbour(layout: GridLayout, position: number, direction: Direction, total: number, pageRows = 1): number {
  if (total === 0) return -1;
  const clamp = (p: number) => Math.min(total - 1, Math.max(0, p));
  switch (direction) {
    case 'left':
      return clamp(position - 1);
    case 'right':
      return clamp(position + 1);
    case 'home':
      return 0;
    case 'end':
      return total - 1;
  }
  const rowIndex = layout.rowOfPosition[position] ?? 0;
  const row = layout.rows[rowIndex];
  if (!row) return clamp(position);
  const column = position - row.start;
  const step = direction === 'up' || direction === 'pageUp' ? -1 : 1;
  let remaining = direction === 'pageUp' || direction === 'pageDown' ? Math.max(1, pageRows) : 1;
  let target = row;
  for (let r = rowIndex + step; r >= 0 && r < layout.rows.length && remaining > 0; r += step) {
    const candidate = layout.rows[r];
    if (candidate?.kind !== 'tiles') continue;
    target = candidate;
    remaining--;
  }
  return target.start + Math.min(column, target.count - 1);
}
