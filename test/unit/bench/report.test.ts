import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetRatio, formatNumber, meets, renderTable, tableRows, type BenchResult } from '../../bench/report';
import { bundleSizes, contributorName, shippedBundles } from '../../bench/size-analysis';

describe('targets', () => {
  it('checks each comparison, and an unmeasured value never passes', () => {
    assert.equal(meets(150, { op: '<=', limit: 150 }), true);
    assert.equal(meets(150.1, { op: '<=', limit: 150 }), false);
    assert.equal(meets(50, { op: '>=', limit: 50 }), true);
    assert.equal(meets(0, { op: '==', limit: 0 }), true);
    assert.equal(meets(null, { op: '<=', limit: 1 }), false);
    assert.equal(meets(Number.NaN, { op: '<=', limit: 1 }), false);
  });

  it('reports the share of the budget used', () => {
    assert.equal(budgetRatio(30, { op: '<=', limit: 150 }), 0.2);
    assert.equal(budgetRatio(null, { op: '<=', limit: 150 }), null);
    assert.equal(budgetRatio(3, undefined), null);
  });

  it('formats with sensible precision', () => {
    assert.equal(formatNumber(1234.5, 'ms'), '1235 ms');
    assert.equal(formatNumber(12.345, 'KB'), '12.3 KB');
    assert.equal(formatNumber(1.2345, 'ms'), '1.23 ms');
    assert.equal(formatNumber(null, 'ms'), 'n/a');
  });
});

describe('table', () => {
  const result: BenchResult = {
    name: 'x',
    title: '9. Example',
    metrics: [
      { label: 'fast', value: 10, unit: 'ms', target: { op: '<=', limit: 20 } },
      { label: 'slow', value: 30, unit: 'ms', target: { op: '<=', limit: 20 } },
      { label: 'context', value: 5, unit: '' },
      { label: 'vsix', value: null, unit: 'KB', target: { op: '<=', limit: 400 }, skipped: true, note: 'not built' },
    ],
  };

  it('marks pass, FAIL, info and skipped', () => {
    assert.deepEqual(tableRows([result]).map((r) => r.verdict), ['pass', 'FAIL', 'info', 'skipped']);
  });

  it('shows a crashed benchmark as an error row with its message', () => {
    const rows = tableRows([{ name: 'y', title: 'Crash', metrics: [], error: 'boom\nstack' }]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.verdict, 'ERROR');
    assert.equal(rows[0]!.note, 'boom');
  });

  it('renders an aligned Markdown table', () => {
    const lines = renderTable(tableRows([result])).split('\n');
    assert.equal(lines.length, 6);
    assert.ok(lines.every((l) => l.length === lines[0]!.length));
    assert.match(lines[3]!, /\| slow .*\| 30 ms .*\| <= 20 ms .*\| 1\.50 .*\| FAIL/);
  });
});

describe('size analysis', () => {
  it('groups inputs by npm package or source folder', () => {
    assert.equal(contributorName('node_modules/undici/lib/core/util.js'), 'undici');
    assert.equal(contributorName('node_modules/@scope/pkg/index.js'), '@scope/pkg');
    assert.equal(contributorName('node_modules/a/node_modules/b/x.js'), 'b');
    assert.equal(contributorName('src/segmind/client.ts'), 'src/segmind');
    assert.equal(contributorName('src/extension.ts'), 'src/extension.ts');
  });

  it('sums contributors per bundle, largest first, and leaves test bundles out of what ships', () => {
    const sizes = bundleSizes({
      outputs: {
        'dist/extension.js': { bytes: 1000, inputs: { 'src/segmind/a.ts': { bytesInOutput: 300 }, 'src/segmind/b.ts': { bytesInOutput: 200 }, 'node_modules/zod/mini.js': { bytesInOutput: 400 }, 'src/extension.ts': { bytesInOutput: 0 } } },
        'dist/extension.js.map': { bytes: 5000, inputs: {} },
        'dist/test/unit/x.test.js': { bytes: 9000, inputs: {} },
      },
    });
    assert.deepEqual(sizes.map((s) => s.file), ['dist/test/unit/x.test.js', 'dist/extension.js']);
    assert.deepEqual(sizes[1]!.contributors, [{ name: 'src/segmind', bytes: 500 }, { name: 'zod', bytes: 400 }]);
    assert.deepEqual(shippedBundles(sizes).map((s) => s.file), ['dist/extension.js']);
  });
});
