import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineTable } from '../../../src/references/lines';

describe('line table', () => {
  const text = 'ab\ncd\r\nef\rgh';
  const lines = new LineTable(text);

  it('counts \\n, \\r\\n and \\r as line ends, as VS Code does', () => {
    assert.equal(lines.lineCount, 4);
    assert.deepEqual([0, 1, 2, 3].map((n) => lines.lineText(n)), ['ab', 'cd', 'ef', 'gh']);
    assert.equal(lines.lineText(4), '');
  });

  it('turns offsets into lines and characters and back', () => {
    for (let offset = 0; offset <= text.length; offset++) {
      const point = lines.point(offset);
      assert.equal(lines.lineStart(point.line) + point.character, offset, `offset ${offset}`);
    }
    assert.deepEqual(lines.point(7), { offset: 7, line: 2, character: 0 });
    assert.deepEqual(lines.point(99), { offset: 12, line: 3, character: 2 });
  });
});
