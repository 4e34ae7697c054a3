// An image dropped on the generator panel: which files the extension agrees to read for an untrusted
// webview, and the settings it finds in the history or in the image's own metadata (real PNG/JPEG
// files made by sharp, real metadata written by the extension's embedder).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { History, type HistoryStore } from '../../../src/history/history';
import { hostUri, mayRead, settingsOfDroppedImage, type DropContext } from '../../../src/panel/droppedImage';
import { readGenerationMetadata } from '../../../src/panel/embeddedMetadata';
import { embedMetadata } from '../../../src/segmind/metadata';

const ROOT = 'file:///work/site';
const LARGE = 'stable-diffusion-3.5-large-txt2img';
const MEDIUM = 'stable-diffusion-3-medium-txt2img';

class MemoryStore implements HistoryStore {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

async function png(): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c03' } }).png().toBuffer());
}

async function ourPng(): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(embedMetadata(await png(), 'png', {
    model: MEDIUM,
    params: { prompt: 'a heron at dawn', negative_prompt: 'blur', num_inference_steps: 20, guidance_scale: 4.5, seed: 777, img_width: 512, img_height: 512 },
    seed: 777,
  }));
}

function context(files: Record<string, Uint8Array>, history = new History(new MemoryStore())): DropContext & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    history,
    roots: [ROOT],
    readFile: async (uri) => {
      reads.push(uri);
      const bytes = files[uri];
      if (!bytes) throw new Error('ENOENT');
      return bytes;
    },
    readMetadata: readGenerationMetadata,
    fallbackModel: LARGE,
    displayName: (uri) => uri.slice(ROOT.length + 1),
  };
}

describe('which dropped files the extension reads', () => {
  const history = new History(new MemoryStore());
  const ctx = { history, roots: [ROOT] };

  it('images inside a workspace folder', () => {
    assert.equal(mayRead(`${ROOT}/assets/generated/heron-1.png`, ctx), true);
    assert.equal(mayRead(`${ROOT}/a%20b/Heron.JPEG`, ctx), true);
    assert.equal(mayRead(`${ROOT}/x.webp`, ctx), true);
  });

  it('nothing outside, nothing that climbs out, nothing that is not an image, nothing of another scheme', () => {
    for (const uri of [
      'file:///etc/passwd',
      'file:///work/site-other/a.png', // a sibling folder whose name starts like the root
      `${ROOT}/../secrets/a.png`,
      `${ROOT}/assets/%2E%2E/%2E%2E/a.png`,
      `${ROOT}/./a.png`,
      `${ROOT}/notes.md`,
      `${ROOT}/a.png.txt`,
      `${ROOT}/a.png?x=1`,
      'https://example.com/work/site/a.png',
      'file://evil-host/work/site/a.png',
      'not a uri',
      '',
    ]) {
      assert.equal(mayRead(uri, ctx), false, uri);
    }
  });

  it('an image the history knows, wherever it is', async () => {
    await history.add({ id: 'r#0', createdAt: 1, uri: 'file:///elsewhere/out/heron.png', path: 'heron.png', model: MEDIUM, prompt: 'p', params: {}, seed: 1 });
    assert.equal(mayRead('file:///elsewhere/out/heron.png', ctx), true);
    assert.equal(mayRead('file:///elsewhere/out/other.png', ctx), false);
  });

  it('a remote window names files vscode-remote://authority/path; the host there knows them as file:///path', () => {
    assert.equal(hostUri('vscode-remote://127.0.0.1:40089/work/site/a.png', [ROOT]), 'file:///work/site/a.png');
    assert.equal(hostUri('vscode-remote://ssh-remote+box/work/site/a.png', ['vscode-remote://ssh-remote+box/work/site']), 'vscode-remote://ssh-remote+box/work/site/a.png', 'unchanged where the host itself sees remote URIs');
    assert.equal(hostUri(`${ROOT}/a.png`, [ROOT]), `${ROOT}/a.png`);
  });
});

describe('the settings of a dropped image', () => {
  it('from the image\'s own metadata: model, every parameter and the seed', async () => {
    const uri = `${ROOT}/assets/generated/heron-1.png`;
    const outcome = await settingsOfDroppedImage({ uri: uri.replace('file://', 'vscode-remote://127.0.0.1:40089') }, context({ [uri]: await ourPng() }));
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.name, 'assets/generated/heron-1.png');
    assert.equal(outcome.record.model, MEDIUM);
    assert.equal(outcome.record.seed, 777);
    assert.deepEqual(outcome.record.params, { prompt: 'a heron at dawn', negative_prompt: 'blur', num_inference_steps: 20, guidance_scale: 4.5, seed: 777, img_width: 512, img_height: 512 });
  });

  it('from the history first, without reading the file', async () => {
    const history = new History(new MemoryStore());
    const uri = `${ROOT}/out/fox.png`;
    await history.add({ id: 'q#0', createdAt: 1, uri, path: 'out/fox.png', model: LARGE, prompt: 'a fox', params: { steps: 30, seed: 5 }, seed: 5 });
    const ctx = context({}, history);
    const outcome = await settingsOfDroppedImage({ uri }, ctx);
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.record.params, { prompt: 'a fox', steps: 30, seed: 5 });
    assert.deepEqual(ctx.reads, []);
  });

  it('from the bytes of a file dropped from the OS', async () => {
    const outcome = await settingsOfDroppedImage({ name: 'heron.png', bytes: await ourPng() }, context({}));
    assert.ok(outcome.ok);
    assert.equal(outcome.name, 'heron.png');
    assert.equal(outcome.record.params.prompt, 'a heron at dawn');
  });

  it('none: an image without our metadata, a file that is not an image, one outside the workspace, one that cannot be read', async () => {
    const plain = `${ROOT}/photo.png`;
    const ctx = context({ [plain]: await png() });
    assert.deepEqual(await settingsOfDroppedImage({ uri: plain }, ctx), { ok: false, reason: 'noSettings', name: 'photo.png' });
    assert.deepEqual(await settingsOfDroppedImage({ name: 'photo.png', bytes: await png() }, ctx), { ok: false, reason: 'noSettings', name: 'photo.png' });
    assert.deepEqual(await settingsOfDroppedImage({ name: 'notes.txt', bytes: new TextEncoder().encode('hello') }, ctx), { ok: false, reason: 'notAnImage', name: 'notes.txt' });
    assert.deepEqual(await settingsOfDroppedImage({ uri: `${ROOT}/notes.md` }, ctx), { ok: false, reason: 'notAnImage', name: 'notes.md' });
    assert.deepEqual(await settingsOfDroppedImage({ uri: 'file:///home/me/secret.png' }, ctx), { ok: false, reason: 'notAllowed', name: 'secret.png' });
    const missing = await settingsOfDroppedImage({ uri: `${ROOT}/gone.png` }, ctx);
    assert.equal(missing.ok === false && missing.reason, 'unreadable');
    assert.deepEqual(ctx.reads, [plain, `${ROOT}/gone.png`], 'only files inside the workspace were read');
  });
});
