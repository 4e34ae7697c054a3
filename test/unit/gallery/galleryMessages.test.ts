// The gallery's message boundary and page: malformed or oversized messages are refused with a reason,
// valid ones pass; the page carries the panel's strict CSP, one script with a nonce, nothing inline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGalleryExtensionMessage, parseGalleryWebviewMessage } from '../../../src/shared/galleryMessages';
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
  assert.ok(parseGalleryExtensionMessage({ type: 'items', replace: true, complete: true, items: [item], models: { m: 'M' } }).ok);
  assert.ok(parseGalleryExtensionMessage({ type: 'items', replace: false, complete: true, items: [{ ...item, credits: 0.25 }], models: {} }).ok);
  assert.equal(parseGalleryExtensionMessage({ type: 'items', replace: true, complete: true, items: [{ ...item, credits: undefined }], models: {} }).ok, false);
  assert.equal(parseGalleryExtensionMessage({ type: 'makeThumb', key: 'k', src: 's', size: -1 }).ok, false);
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
