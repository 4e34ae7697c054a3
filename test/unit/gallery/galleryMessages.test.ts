// The gallery's message boundary and page: malformed or oversized messages are refused with a reason,
// valid ones pass; the page carries the panel's strict CSP, one script with a nonce, nothing inline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareChecks } from '../checkAgreement';
import { checkGalleryExtensionMessage } from '../../../src/shared/galleryExtensionMessages';
import { galleryExtensionMessageSchema, parseGalleryWebviewMessage } from '../../../src/shared/galleryMessages';
import { renderGalleryPage } from '../../../src/gallery/grid/galleryPage';
import { menuTargets } from '../../../src/gallery/grid/menuTarget';

test('webview messages: the known shapes pass, anything else is refused with a reason', () => {
  assert.ok(parseGalleryWebviewMessage({ type: 'ready' }).ok);
  assert.ok(parseGalleryWebviewMessage({ type: 'action', id: 'r1', action: 'delete', ids: ['a'] }).ok);
  const refusals = [
    { type: 'action', id: 'r1', action: 'rm -rf', ids: ['a'] },
    { type: 'action', id: 'r1', action: 'open', ids: [] },
    { type: 'wantThumbs', ids: Array.from({ length: 501 }, (_, i) => `id${i}`) },
    { type: 'thumbMade', key: 'k', mime: 'image/svg+xml', data: 'PHN2Zz4=' },
    { type: 'details', id: 'r', ids: ['a', 'b', 'c'] },
    { type: 'select', ids: ['x'.repeat(201)] },
    'ready',
    null,
  ];
  for (const raw of refusals) {
    const parsed = parseGalleryWebviewMessage(raw);
    assert.equal(parsed.ok, false, JSON.stringify(raw).slice(0, 80));
    assert.ok(!parsed.ok && parsed.reason.length > 0);
  }
  const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
  assert.equal(parseGalleryWebviewMessage(hostile).ok, false, 'never throws');
});

test('extension messages: items with an unknown cost (null) pass; a negative thumbnail size does not', () => {
  const item = { id: 'a', createdAt: 1, model: 'm', prompt: 'p', seed: 1, path: 'a.png', credits: null };
  assert.ok(checkGalleryExtensionMessage({ type: 'items', replace: true, complete: true, items: [item], models: { m: 'M' } }).ok);
  assert.ok(checkGalleryExtensionMessage({ type: 'items', replace: false, complete: true, items: [{ ...item, credits: 0.25 }], models: {} }).ok);
  assert.equal(checkGalleryExtensionMessage({ type: 'items', replace: true, complete: true, items: [{ ...item, credits: undefined }], models: {} }).ok, false);
  assert.equal(checkGalleryExtensionMessage({ type: 'makeThumb', key: 'k', src: 's', size: -1 }).ok, false);
});

test('the page: strict CSP, one script carrying the nonce, no inline code', () => {
  const html = renderGalleryPage({ cspSource: 'https://x.vscode-cdn.net', nonce: 'n0nce', scriptUri: 'https://x.vscode-cdn.net/g.js', styleUri: 'https://x.vscode-cdn.net/g.css', platform: 'other' });
  assert.match(html.replace(/&#39;/g, "'"), /default-src 'none'; style-src https:\/\/x\.vscode-cdn\.net; .*script-src 'nonce-n0nce'/);
  assert.equal([...html.matchAll(/<script\b/g)].length, 1);
  assert.match(html, /<script nonce="n0nce" src="https:\/\/x\.vscode-cdn\.net\/g\.js"><\/script>/);
  assert.ok(!/ on\w+=|style="/.test(html));
});

test('a context menu acts on the selection when the clicked tile is in it, else on the tile alone', () => {
  const history = { get: (id: string) => ({ id }) as never };
  const ids = (target: unknown, selection: string[]) => menuTargets(target, selection, history).map((e: { id: string }) => e.id);
  assert.deepEqual(ids({ webviewSection: 'image', itemId: 'b' }, ['a', 'b']), ['a', 'b']);
  assert.deepEqual(ids({ webviewSection: 'image', itemId: 'c' }, ['a', 'b']), ['c']);
  assert.deepEqual(ids(undefined, ['a']), ['a']);
});

/**
 * The webview's plain check (no zod in gallery.js) agrees with the zod schemas: on one valid message
 * of each kind, each with one field removed or of a wrong type, and on nested items and records.
 */
test('the gallery webview\'s check of extension messages accepts and rejects what the zod schema does', () => {
  const item: Record<string, unknown> = { id: 'a', createdAt: 1, model: 'm', prompt: 'p', negativePrompt: 'n', seed: 7, path: 'img/a.png', credits: 0.25 };
  const valid: Record<string, unknown>[] = [
    { type: 'items', replace: true, complete: false, items: [item], models: { m: 'Model', '': 'no id' } },
    { type: 'thumbs', thumbs: [{ id: 'a', src: 'https://x/a.webp' }], missing: ['b'] },
    { type: 'makeThumb', key: 'a', src: 'https://x/a.png', size: 256 },
    { type: 'details', id: 'r', records: [{ id: 'a', model: 'm', params: { prompt: 'p', steps: 20, base64: false }, thumb: 't' }] },
    { type: 'command', command: 'compare' },
    { type: 'reply', id: 'r' },
    { type: 'error', id: 'r', message: 'gone' },
  ];
  const wrong: unknown[] = [undefined, null, 7, 'text', -1, 0.5, 10, 16, 1025, Number.NaN, Infinity, true, [], {}, '', 'x'.repeat(10_001), [{}], ['a'], { a: 1 }];
  const agreement = compareChecks(checkGalleryExtensionMessage, galleryExtensionMessageSchema, valid, wrong);
  const { agree } = agreement;
  for (const key of Object.keys(item)) {
    const { [key]: _removed, ...rest } = item;
    agree({ ...valid[0], items: [rest] }, `item without ${key}`);
    for (const value of wrong) agree({ ...valid[0], items: [{ ...item, [key]: value }] }, `item ${key}`);
  }
  for (const value of wrong) agree({ ...valid[0], models: { m: value } }, 'a model name');
  for (const value of wrong) agree({ ...valid[3], records: [{ id: 'a', model: 'm', params: { p: value } }] }, 'a parameter');
  agree({ ...valid[3], records: [1, 2, 3].map((n) => ({ id: `a${n}`, model: 'm', params: {} })) }, 'three records');
  agree({ ...valid[1], thumbs: [{ id: 'x'.repeat(201), src: 's' }] }, 'a long id');
  assert.equal(checkGalleryExtensionMessage({ get type(): string { throw new Error('no'); } }).ok, false, 'never throws');
  assert.ok(agreement.compared > 500, `compared ${agreement.compared} messages`);
});
