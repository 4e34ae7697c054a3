// The gallery's extension-host side at 10,000 images, without a browser: loading the history, one
// save (chunked vs the whole array the tree's history rewrote), the items message, memory, and the
// event loop while 1,000 new thumbnails arrive from the webview and are written to the cache.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import sharp from 'sharp';
import { GalleryController } from '../../src/gallery/grid/galleryController';
import { ThumbnailCache } from '../../src/gallery/grid/thumbnailCache';
import { ThumbnailPipeline } from '../../src/gallery/grid/thumbnailPipeline';
import { History, HISTORY_KEY, type HistoryEntry, type HistoryStore } from '../../src/history/history';
import type { GalleryExtensionMessage } from '../../src/shared/galleryMessages';
import { NodeThumbnailFiles } from '../webview/nodeThumbnailFiles';
import { median } from './stats';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Workspace state as the extension host has it: each update serializes the value for the main process. */
export class SerializingMemento implements HistoryStore {
  private readonly data = new Map<string, string>();
  lastWriteMs = 0;
  get<T>(key: string): T | undefined {
    const raw = this.data.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    const started = performance.now();
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.stringify(value));
    this.lastWriteMs += performance.now() - started;
  }
}

export function heapMB(): number {
  gc();
  gc();
  const { heapUsed, external } = process.memoryUsage();
  return (heapUsed + external) / 2 ** 20;
}

export interface HostFigures {
  loadMs: number;
  saveChunkMs: number;
  saveWholeArrayMs: number;
  itemsMs: number;
  itemsMB: number;
  addedMB: number;
  /** The first of three rounds of 1,000, and the median p99 over the three. */
  thumbs: ThumbnailRound & { medianP99Ms: number; rounds: ThumbnailRound[] };
}

interface ThumbnailRound {
  count: number;
  wallMs: number;
  loopP99Ms: number;
  loopMaxMs: number;
}

export async function measureHost(entries: readonly HistoryEntry[], cacheDir: string): Promise<{ figures: HostFigures; history: History }> {
  const before = heapMB();
  // An upgrade: the 10,000 entries in the old single array, moved into chunks on first load.
  const store = new SerializingMemento();
  await store.update(HISTORY_KEY, entries);
  const loadStarted = performance.now();
  const history = new History(store);
  history.entries();
  const loadMs = performance.now() - loadStarted;
  await history.add({ ...entries[0], id: 'warm-up' } as HistoryEntry);

  // One save: the chunk it lands in, versus the whole array as before.
  const saves: number[] = [];
  for (let i = 0; i < 20; i++) {
    store.lastWriteMs = 0;
    await history.add({ ...(entries[i] as HistoryEntry), id: `new-${i}`, createdAt: Date.now() + i });
    saves.push(store.lastWriteMs);
  }
  const whole: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    JSON.stringify(history.entries());
    whole.push(performance.now() - started);
  }

  const posted: GalleryExtensionMessage[] = [];
  const files = new NodeThumbnailFiles(cacheDir);
  const cache = new ThumbnailCache(files, 200 * 2 ** 20);
  const pipeline = new ThumbnailPipeline({ cache, files, thumbUrl: (n) => n, sourceUrl: (u) => u, post: (m) => posted.push(m) });
  const controller = new GalleryController({
    history, pipeline, modelNames: {}, post: (m) => posted.push(m), runAction: async () => undefined, openGenerator: () => undefined, warn: () => undefined,
  });
  const itemsStarted = performance.now();
  const sent = controller.onMessage({ type: 'ready' });
  // As the webview says once its first screen is shown; the rest of the history follows.
  await controller.onMessage({ type: 'firstScreenShown' });
  await sent;
  const itemsMs = performance.now() - itemsStarted;
  const itemsMB = posted.reduce((sum, m) => sum + (m.type === 'items' ? JSON.stringify(m).length : 0), 0) / 2 ** 20;

  const first = await thumbnailsForNewImages(controller, posted, entries.slice(0, 1000));
  await cache.flush();
  const addedMB = heapMB() - before;
  // A p99 over a second or less of samples is its one or two slowest: one GC or one preemption by
  // another process on this 2-core machine. Two more rounds of 1,000 other new images; the median p99.
  const rounds = [first];
  for (const offset of [1000, 2000]) rounds.push(await thumbnailsForNewImages(controller, posted, entries.slice(offset, offset + 1000)));
  const thumbs = { ...first, medianP99Ms: median(rounds.map((r) => r.loopP99Ms)), rounds };
  return { figures: { loadMs, saveChunkMs: median(saves), saveWholeArrayMs: median(whole), itemsMs, itemsMB, addedMB, thumbs }, history };
}

/** The webview's side played by this process: it asks for what is on screen, 30 at a time, and answers each makeThumb with a real 256 px WebP. */
async function thumbnailsForNewImages(controller: GalleryController, posted: GalleryExtensionMessage[], entries: readonly HistoryEntry[]): Promise<ThumbnailRound> {
  const webp = (await sharp({ create: { width: 256, height: 256, channels: 3, background: '#4080c0' } }).webp({ quality: 80 }).toBuffer()).toString('base64');
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const started = performance.now();
  let answered = 0;
  for (let offset = 0; offset < entries.length; offset += 30) {
    posted.length = 0;
    await controller.onMessage({ type: 'wantThumbs', ids: entries.slice(offset, offset + 30).map((e) => e.id) });
    // Answer every makeThumb, including those the pipeline sends as earlier ones complete.
    for (let i = 0; i < posted.length; i++) {
      const message = posted[i];
      if (message?.type !== 'makeThumb') continue;
      await controller.onMessage({ type: 'thumbMade', key: message.key, mime: 'image/webp', data: webp });
      answered++;
    }
  }
  const wallMs = performance.now() - started;
  lag.disable();
  return { count: answered, wallMs, loopP99Ms: lag.percentile(99) / 1e6, loopMaxMs: lag.max / 1e6 };
}
