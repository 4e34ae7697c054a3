// Getting a result's images to the caller: each output checked (inline base64) or downloaded from
// its vetted URL and checked, one after the other per job, under the client's download slots, and
// either collected into the result or handed to `onImage` one at a time and dropped.
import { describeUrl, type ApiCaller } from './calls';
import type { ImageHandler, ImageSummary } from './client-types';
import { decodeImage, type ImageOutput, type OutputItem } from './decode';
import { DownloadSlots, type DownloadSlot } from './downloadSlots';
import type { Operation } from './operation';
import type { CallContext } from './responses';
import { checkOutputUrl } from './urls';

export interface DeliveryOptions { readonly maxImageBytes: number; readonly attemptTimeoutMs: number; readonly maxConcurrentDownloads: number }

export class ImageDelivery {
  private readonly slots: DownloadSlots;

  constructor(private readonly caller: ApiCaller, private readonly opts: DeliveryOptions) {
    this.slots = new DownloadSlots(opts.maxConcurrentDownloads);
  }

  /**
   * The images of one result, one after the other (never a whole batch in memory at once when
   * streaming), each download under one of the client's slots. With `onImage`, each image is
   * handed over as soon as it is checked and dropped afterwards; without, all are returned.
   */
  async deliver(op: Operation, items: OutputItem[], trusted: string[], requestId: string | undefined, onImage: ImageHandler | undefined): Promise<ImageOutput[] | ImageSummary[]> {
    const pending: (OutputItem | undefined)[] = items;
    const kept: ImageOutput[] = [];
    const summaries: ImageSummary[] = [];
    const count = items.length;
    for (let i = 0; i < count; i++) {
      const item = pending[i];
      if (!item) continue;
      pending[i] = undefined; // base64 bytes already decoded: let them go with the image
      const slot = 'url' in item || onImage ? await this.slot(op, requestId) : undefined;
      try {
        // Streamed images live in the slot's reusable buffer: the caller is done with them when onImage settles.
        const buffer = onImage ? slot?.buffer : undefined;
        const image = await this.fetchImage(op, item, count > 1 ? `Image ${i + 1} of ${count}` : 'The image', trusted, requestId, buffer);
        if (!onImage) {
          kept.push(image);
          continue;
        }
        await onImage(i, image);
        summaries.push({ format: image.format, mime: image.mime, byteLength: image.bytes.byteLength });
      } finally {
        slot?.release();
      }
    }
    return onImage ? summaries : kept;
  }

  private async slot(op: Operation, requestId: string | undefined): Promise<DownloadSlot> {
    try {
      return await this.slots.acquire(op.signal);
    } catch {
      throw this.caller.abortError(op, { endpoint: 'image', mayBeBilled: true, ...(requestId ? { requestId } : {}) });
    }
  }

  /** One output: checked if it came inline (base64), else downloaded from its vetted URL and checked. */
  private fetchImage(op: Operation, item: OutputItem, label: string, trusted: string[], requestId: string | undefined, buffer: ((size: number) => Buffer) | undefined): Promise<ImageOutput> {
    const details = { mayBeBilled: true, ...(requestId ? { requestId } : {}) };
    if ('bytes' in item) return Promise.resolve().then(() => decodeImage(item.bytes, label, details));
    const url = checkOutputUrl(item.url, trusted, details);
    const ctx: CallContext = { endpoint: 'image', mayBeBilled: true, ...(requestId ? { requestId } : {}) };
    const req = { method: 'GET' as const, url: url.href, maxBytes: this.opts.maxImageBytes, maxRedirects: 3, accept: 'image/png,image/jpeg,image/webp', attemptTimeoutMs: this.opts.attemptTimeoutMs, ...(buffer ? { buffer } : {}),
      // A redirect is held to the same rules as the URL itself (no SSRF through a CDN redirect).
      checkRedirect: (target: URL) => { checkOutputUrl(target.href, trusted, details); } };
    return this.caller.call(op, 'get', req, ctx, (res) => decodeImage(res.body, `${label} (${describeUrl(res.url)})`, details));
  }
}
