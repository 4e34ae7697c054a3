import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  candidateName, expandFileNameTemplate, imageFileName, safeBaseName, slugify, truncateUtf8, uniqueFileName,
  MAX_BASE_NAME_BYTES,
} from '../../../src/assets/fileName';

const vars = {
  date: new Date(2026, 0, 5, 7, 8, 9),
  prompt: 'A Café at Night, with "neon" signs & rain!',
  model: 'stable-diffusion-3.5-large-txt2img',
  seed: 42,
  index: 2,
  requestId: 'req-123',
};

describe('file name template', () => {
  it('expands every variable', () => {
    assert.equal(
      expandFileNameTemplate('${date}_${time}_${prompt}_${model}_${seed}_${index}_${requestId}', vars),
      '2026-01-05_07-08-09_a-cafe-at-night-with-neon-signs-rain_stable-diffusion-3.5-large-txt2img_42_2_req-123',
    );
  });
  it('uses the default template and the real extension', () => {
    assert.equal(imageFileName('${prompt}-${seed}', vars, 'png'), 'a-cafe-at-night-with-neon-signs-rain-42.png');
  });
  it('keeps unknown variables as text, made safe', () => {
    assert.equal(expandFileNameTemplate('${nope}-${seed}', vars), '${nope}-42');
  });
  it('falls back to "image" for a prompt without letters', () => {
    assert.equal(expandFileNameTemplate('${prompt}', { ...vars, prompt: '!!! ???' }), 'image');
  });
  it('shortens the prompt at a word end', () => {
    const slug = slugify('one two three four five six seven eight nine ten eleven twelve thirteen');
    assert.ok(slug.length <= 48, slug);
    assert.equal(slug, 'one-two-three-four-five-six-seven-eight-nine-ten');
  });
  it('cuts a single huge word', () => {
    assert.equal(slugify('x'.repeat(100)).length, 48);
  });
});

describe('safe names', () => {
  it('replaces characters Windows forbids and control characters', () => {
    assert.equal(safeBaseName('a<b>c:d"e/f\\g|h?i*j\u0001k\u007fl'), 'a-b-c-d-e-f-g-h-i-j-k-l');
  });
  it('avoids reserved device names in any case and with extensions', () => {
    for (const name of ['CON', 'nul', 'Com1', 'LPT9', 'aux.tar', 'prn ']) {
      const safe = safeBaseName(name);
      assert.doesNotMatch(safe.split('.')[0] ?? '', /^(con|prn|aux|nul|com\d|lpt\d)$/i, `${name} → ${safe}`);
    }
    assert.equal(safeBaseName('CON'), 'CON_');
    assert.equal(safeBaseName('console'), 'console');
  });
  it('strips trailing dots and spaces and leading dots', () => {
    assert.equal(safeBaseName('name. . '), 'name');
    assert.equal(safeBaseName('..hidden'), 'hidden');
  });
  it('is never empty', () => {
    assert.equal(safeBaseName(''), 'image');
    assert.equal(safeBaseName('...'), 'image');
  });
  it('limits the length in UTF-8 bytes without splitting characters', () => {
    const safe = safeBaseName('é'.repeat(200));
    assert.ok(new TextEncoder().encode(safe).length <= MAX_BASE_NAME_BYTES);
    assert.equal(safe, 'é'.repeat(MAX_BASE_NAME_BYTES / 2));
    assert.equal(truncateUtf8('a😀b', 4), 'a');
  });
});

describe('unique names', () => {
  it('numbers from -2', () => {
    assert.equal(candidateName('cat.png', 1), 'cat.png');
    assert.equal(candidateName('cat.png', 2), 'cat-2.png');
    assert.equal(candidateName('noext', 3), 'noext-3');
  });
  it('picks the first free name and never an existing one', async () => {
    const existing = new Set(['cat.png', 'cat-2.png', 'cat-3.png']);
    assert.equal(await uniqueFileName('cat.png', (n) => existing.has(n)), 'cat-4.png');
    assert.equal(await uniqueFileName('dog.png', async (n) => existing.has(n)), 'dog.png');
  });
  it('gives up after the attempt limit', async () => {
    await assert.rejects(uniqueFileName('a.png', () => true, 5), /No free file name/);
  });
});

describe('safe names: invisible characters', () => {
  it('removes bidi overrides and zero-width characters', () => {
    assert.equal(safeBaseName('invoice\u202egnp.exe'), 'invoicegnp.exe');
    assert.equal(safeBaseName('a\u200db\u2066c'), 'abc');
  });
});
