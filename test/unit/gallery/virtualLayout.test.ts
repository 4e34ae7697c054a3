// Virtualization math: columns that fit, header and tile rows per day, the rows a viewport needs
// (binary search), and keyboard moves that keep the column across day headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gridMetrics, layoutGrid, neighbour, rowAt, visibleRows } from '../../../media/gallery/virtualLayout';

test('columns: as many tiles of at least the minimum size as fit; tiles grow to fill', () => {
  assert.deepEqual(gridMetrics(300, 96, 4, 28), { columns: 3, tile: 97, gap: 4, headerHeight: 28 });
  assert.equal(gridMetrics(195, 96, 4, 28).columns, 1);
  assert.equal(gridMetrics(50, 96, 4, 28).columns, 1, 'never zero');
  const wide = gridMetrics(1000, 96, 4, 28);
  assert.ok(wide.columns * wide.tile + (wide.columns - 1) * 4 <= 1000);
});

const metrics = { columns: 3, tile: 96, gap: 4, headerHeight: 28 };
// Day 1: 7 images (3 rows), day 2: 2 images (1 row).
const layout = layoutGrid([{ key: 'd1', start: 0, count: 7 }, { key: 'd2', start: 7, count: 2 }], 9, metrics);

test('one header and ceil(count / columns) tile rows per day, stacked', () => {
  assert.deepEqual(layout.rows.map((r) => `${r.kind}:${r.start}+${r.count}@${r.top}`), [
    'header:0+0@0', 'tiles:0+3@28', 'tiles:3+3@128', 'tiles:6+1@228', 'header:7+0@328', 'tiles:7+2@356',
  ]);
  assert.equal(layout.height, 456);
  assert.deepEqual([...layout.rowOfPosition], [1, 1, 1, 2, 2, 2, 3, 5, 5]);
});

test('the viewport needs only the rows it overlaps, plus the overscan', () => {
  assert.equal(rowAt(layout, 0), 0);
  assert.equal(rowAt(layout, 130), 2);
  assert.deepEqual(visibleRows(layout, 130, 100, 0), [2, 3]);
  assert.deepEqual(visibleRows(layout, 130, 100, 100), [1, 4]);
  assert.deepEqual(visibleRows(layoutGrid([], 0, metrics), 0, 100, 0), [0, -1]);
  const big = layoutGrid([{ key: 'd', start: 0, count: 10_000 }], 10_000, metrics);
  const [first, last] = visibleRows(big, 200_000, 600, 0);
  assert.ok(last - first <= 8, `a 600 px viewport shows a handful of rows, not ${last - first + 1}`);
});

test('arrow keys: left/right by one, up/down by row keeping the column (clamped), across headers', () => {
  assert.equal(neighbour(layout, 4, 'right', 9), 5);
  assert.equal(neighbour(layout, 0, 'left', 9), 0);
  assert.equal(neighbour(layout, 1, 'down', 9), 4);
  assert.equal(neighbour(layout, 5, 'down', 9), 6, 'short last row: clamped to its last tile');
  assert.equal(neighbour(layout, 6, 'down', 9), 7, 'over the next day header');
  assert.equal(neighbour(layout, 8, 'up', 9), 6);
  assert.equal(neighbour(layout, 0, 'pageDown', 9, 2), 6);
  assert.equal(neighbour(layout, 3, 'end', 9), 8);
  assert.equal(neighbour(layout, 3, 'home', 9), 0);
});
