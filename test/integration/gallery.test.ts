// The gallery grid's extension side in the real extension host: the history goes to the webview as
// grid items; thumbnails are asked of the webview once, stored atomically in the cache folder and
// served from it afterwards (a changed source gets a new one); a gone file is reported missing;
// forged messages are ignored; Copy Prompt takes the selection; Delete moves files to the trash
// (after the confirmation, answered here) and removes them from the history. The webview side of the
// channel is the test; the UI test clicks the real one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GalleryController } from '../../src/gallery/grid/galleryController';
import { runGridAction } from '../../src/gallery/grid/gridActions';
import { ThumbnailCache } from '../../src/gallery/grid/thumbnailCache';
import { WorkspaceThumbnailFiles } from '../../src/gallery/grid/thumbnailFiles';
import { ThumbnailPipeline } from '../../src/gallery/grid/thumbnailPipeline';
import { History, type HistoryEntry } from '../../src/history/history';
import type { GalleryExtensionMessage } from '../../src/shared/galleryMessages';
import { MemoryStore } from './memoryStore';

// A 1×1 WebP (what the webview's OffscreenCanvas would send back).
const WEBP = 'UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA=';

describe('gallery grid (extension side)', () => {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  let root: vscode.Uri;
  let owl: vscode.Uri;
  let history: History;
  let posted: GalleryExtensionMessage[];
  let controller: GalleryController;
  let files: WorkspaceThumbnailFiles;
  const warnings: string[] = [];

  const entry = (id: string, uri: vscode.Uri, createdAt: number, prompt: string): HistoryEntry => ({
    id, uri: uri.toString(), path: vscode.workspace.asRelativePath(uri, false), createdAt, prompt,
    model: 'stable-diffusion-3-medium-txt2img', params: { num_inference_steps: 25, seed: 11, negative_prompt: 'blurry' }, seed: 11,
  });
  const last = <T extends GalleryExtensionMessage['type']>(type: T) =>
    [...posted].reverse().find((m) => m.type === type) as Extract<GalleryExtensionMessage, { type: T }> | undefined;

  before(async () => {
    assert.ok(folder, 'the tests run with a workspace folder');
    root = vscode.Uri.joinPath(folder, 'gallery-test');
    owl = vscode.Uri.joinPath(root, 'owl-1.png');
    await vscode.workspace.fs.writeFile(owl, new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  });

  after(async () => {
    await vscode.workspace.fs.delete(root, { recursive: true }).then(undefined, () => undefined);
  });

  beforeEach(async () => {
    history = new History(new MemoryStore());
    posted = [];
    files = new WorkspaceThumbnailFiles(vscode.Uri.joinPath(root, `cache-${Date.now()}`));
    const pipeline = new ThumbnailPipeline({
      cache: new ThumbnailCache(files, 1024 * 1024),
      files,
      thumbUrl: (name) => `thumb:${name}`,
      sourceUrl: (uri) => `source:${uri}`,
      post: (m) => posted.push(m),
    });
    controller = new GalleryController({
      history, pipeline, modelNames: { 'stable-diffusion-3-medium-txt2img': 'Stable Diffusion 3 Medium' },
      post: (m) => posted.push(m),
      runAction: (action, entries) => runGridAction(action, entries, history, async () => true),
      openGenerator: () => undefined,
      warn: (m) => warnings.push(m),
    });
    history.onDidChange(() => controller.historyChanged());
    await history.add(entry('old', owl, Date.now() - 3 * 86_400_000, 'an owl on a branch'));
    await history.add(entry('new', vscode.Uri.joinPath(root, 'gone.png'), Date.now(), 'a fox in the snow'));
    await controller.onMessage({ type: 'ready' });
  });

  it('sends the history as grid items, newest first, with the negative prompt and an unknown cost', () => {
    const items = last('items');
    assert.deepEqual(items?.items.map((i) => i.id), ['new', 'old']);
    assert.equal(items?.items[1]?.negativePrompt, 'blurry');
    assert.equal(items?.items[1]?.path, 'gallery-test/owl-1.png');
    assert.equal(items?.items[1]?.credits, null);
    assert.equal(items?.models['stable-diffusion-3-medium-txt2img'], 'Stable Diffusion 3 Medium');
  });

  it('makes a thumbnail once, stores it atomically, serves it from the cache, and reports a gone file', async () => {
    await controller.onMessage({ type: 'wantThumbs', ids: ['old', 'new'] });
    assert.deepEqual(last('thumbs')?.missing, ['new']);
    const make = last('makeThumb');
    assert.equal(make?.src, `source:${owl.toString()}`);
    await controller.onMessage({ type: 'thumbMade', key: make?.key, mime: 'image/webp', data: WEBP });
    const name = `${make?.key}.webp`;
    assert.deepEqual(last('thumbs')?.thumbs, [{ id: 'old', src: `thumb:${name}` }]);
    assert.deepEqual([...(await vscode.workspace.fs.readFile(files.file(name)))], [...Buffer.from(WEBP, 'base64')]);
    const names = (await vscode.workspace.fs.readDirectory(files.folder)).map(([n]) => n);
    assert.deepEqual(names.filter((n) => n.endsWith('.tmp')), [], 'no temporary file left behind');

    posted = [];
    await controller.onMessage({ type: 'wantThumbs', ids: ['old'] });
    assert.deepEqual(last('thumbs')?.thumbs, [{ id: 'old', src: `thumb:${name}` }], 'from the cache');
    assert.equal(last('makeThumb'), undefined);

    await vscode.workspace.fs.writeFile(owl, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]));
    await controller.onMessage({ type: 'wantThumbs', ids: ['old'] });
    assert.notEqual(last('makeThumb')?.key, make?.key, 'a changed source gets a new thumbnail');
  });

  it('ignores forged messages: unknown keys, bytes that are not an image, malformed shapes', async () => {
    await controller.onMessage({ type: 'thumbMade', key: 'never-asked', mime: 'image/webp', data: WEBP });
    await controller.onMessage({ type: 'wantThumbs', ids: ['old'] });
    const make = last('makeThumb');
    posted = [];
    await controller.onMessage({ type: 'thumbMade', key: make?.key, mime: 'image/webp', data: Buffer.from('<svg onload=alert(1)>').toString('base64') });
    assert.deepEqual(last('thumbs')?.missing, ['old'], 'not stored: no preview');
    await controller.onMessage({ type: 'action', id: 'x', action: 'format-disk', ids: ['old'] });
    assert.ok(warnings.some((w) => w.includes('malformed')));
  });

  it('Copy Prompt copies every selected prompt; Delete moves the file to the trash and drops the entry', async () => {
    await controller.onMessage({ type: 'action', id: 'c1', action: 'copyPrompt', ids: ['new', 'old'] });
    assert.equal(await vscode.env.clipboard.readText(), 'a fox in the snow\n\nan owl on a branch');
    assert.deepEqual(last('reply'), { type: 'reply', id: 'c1' });

    await controller.onMessage({ type: 'action', id: 'd1', action: 'delete', ids: ['old', 'new'] });
    assert.deepEqual(last('reply'), { type: 'reply', id: 'd1' }, JSON.stringify(last('error')));
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(owl)), 'the file is gone from the workspace');
    assert.equal(history.size, 0, 'both entries left the history (one file was already gone)');
    assert.deepEqual(last('items')?.items, []);
    await vscode.workspace.fs.writeFile(owl, new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  });
});
