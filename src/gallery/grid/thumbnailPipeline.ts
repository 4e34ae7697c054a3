// Gets the grid its thumbnails: from the cache when there, else by asking the webview to make them
// (the host has no image decoder; the webview has the browser's), a few at a time, newest request
// first. Only keys it asked for are accepted back, and only WebP or JPEG bytes. No `vscode` import.
import type { GalleryExtensionMessage, ThumbMadeMessage } from '../../shared/galleryMessages';
import { sourceKey, type ThumbnailCache, type ThumbnailFiles } from './thumbnailCache';

export interface ThumbnailSource {
  readonly id: string;
  /** The image file, as `Uri.toString()`. */
  readonly uri: string;
}

export interface PipelinePorts {
  readonly cache: ThumbnailCache;
  readonly files: Pick<ThumbnailFiles, 'statSource'>;
  /** The webview URL of a cached thumbnail file. */
  thumbUrl(name: string): string;
  /** The webview URL of a source image, or undefined when the webview may not load it. */
  sourceUrl(uri: string): string | undefined;
  post(message: GalleryExtensionMessage): void;
}

/** Edge of the thumbnails in px: two columns of the widest tiles, at 2× pixel density. */
export const THUMBNAIL_SIZE = 256;
const CONCURRENCY = 3;

interface Pending {
  readonly uri: string;
  readonly ids: Set<string>;
}

export class ThumbnailPipeline {
  private readonly pending = new Map<string, Pending>();
  /** Keys waiting to be sent to the webview, most wanted first. */
  private queue: string[] = [];
  private readonly inFlight = new Set<string>();
  /** Keys the webview could not decode: not asked again this session. */
  private readonly failed = new Set<string>();

  constructor(private readonly ports: PipelinePorts) {}

  /** The images on screen now: cached thumbnails are sent at once, the others queued (replacing older wishes). */
  async want(sources: readonly ThumbnailSource[]): Promise<void> {
    const ready: { id: string; src: string }[] = [];
    const missing: string[] = [];
    const wanted: string[] = [];
    await Promise.all(
      sources.map(async ({ id, uri }) => {
        const stat = await this.ports.files.statSource(uri);
        const key = stat ? sourceKey({ uri, ...stat }) : undefined;
        if (!key || this.failed.has(key)) return void missing.push(id);
        const name = await this.ports.cache.lookup(key);
        if (name) return void ready.push({ id, src: this.ports.thumbUrl(name) });
        const entry = this.pending.get(key) ?? { uri, ids: new Set<string>() };
        entry.ids.add(id);
        this.pending.set(key, entry);
        wanted.push(key);
      }),
    );
    if (ready.length > 0 || missing.length > 0) this.ports.post({ type: 'thumbs', thumbs: ready, missing });
    // What scrolled away is no longer wanted, unless the webview is already making it.
    const keep = new Set(wanted);
    for (const key of this.queue) if (!keep.has(key) && !this.inFlight.has(key)) this.pending.delete(key);
    this.queue = wanted.filter((key) => !this.inFlight.has(key));
    this.pump();
  }

  /** A thumbnail from the webview: stored, then shown on every item of that source. */
  async made(message: ThumbMadeMessage): Promise<void> {
    const entry = this.pending.get(message.key);
    if (!entry || !this.inFlight.has(message.key)) return;
    const bytes = Buffer.from(message.data, 'base64');
    if (!isImage(bytes, message.mime)) return this.fail(message.key);
    this.settle(message.key);
    const name = await this.ports.cache.store(message.key, message.mime, bytes);
    const src = this.ports.thumbUrl(name);
    this.ports.post({ type: 'thumbs', thumbs: [...entry.ids].map((id) => ({ id, src })) });
  }

  fail(key: string): void {
    const entry = this.pending.get(key);
    if (!entry || !this.inFlight.has(key)) return;
    this.failed.add(key);
    this.settle(key);
    this.ports.post({ type: 'thumbs', thumbs: [], missing: [...entry.ids] });
  }

  /** The webview (re)loaded: what it was making is lost; it asks again for what it shows. */
  reset(): void {
    this.pending.clear();
    this.inFlight.clear();
    this.queue = [];
  }

  private settle(key: string): void {
    this.inFlight.delete(key);
    this.pending.delete(key);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight.size < CONCURRENCY && this.queue.length > 0) {
      const key = this.queue.shift() as string;
      const uri = this.pending.get(key)?.uri;
      const src = uri === undefined ? undefined : this.ports.sourceUrl(uri);
      this.inFlight.add(key);
      if (src === undefined) this.fail(key);
      else this.ports.post({ type: 'makeThumb', key, src, size: THUMBNAIL_SIZE });
    }
  }
}

/** WebP (RIFF….WEBP) or JPEG (FF D8 FF) by magic bytes, matching the declared type. */
function isImage(bytes: Uint8Array, mime: ThumbMadeMessage['mime']): boolean {
  if (mime === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  return bytes.length > 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP';
}
