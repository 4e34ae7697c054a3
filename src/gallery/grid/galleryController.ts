// The gallery view's side of the conversation with its webview: validated messages in, the history
// as grid items and thumbnails out, actions handed to the editor side. No `vscode` import: the
// bench drives it from plain Node with the real webview bundle in Chromium.
import {
  parseGalleryWebviewMessage,
  type GalleryAction,
  type GalleryExtensionMessage,
  type GalleryWebviewMessage,
} from '../../shared/galleryMessages';
import type { History, HistoryEntry } from '../../history/history';
import { toGalleryItem } from './items';
import type { ThumbnailPipeline } from './thumbnailPipeline';

export interface GalleryControllerPorts {
  readonly history: History;
  readonly pipeline: ThumbnailPipeline;
  /** Model id → display name. */
  readonly modelNames: Readonly<Record<string, string>>;
  post(message: GalleryExtensionMessage): void;
  /** Runs an action on history entries; rejects with the message a user should read. */
  runAction(action: GalleryAction, entries: readonly HistoryEntry[]): Promise<void>;
  openGenerator(): void;
  /** The webview URL of an entry's thumbnail, when cached (for Compare). */
  thumbnailOf?(entry: HistoryEntry): Promise<string | undefined>;
  warn(message: string): void;
}

/** Enough tiles for the first screen of the widest view. */
const FIRST_CHUNK = 200;
/** Small enough that the webview parses and indexes one between two frames. */
const CHUNK = 1000;
/**
 * After a `ready`, the rest of the history waits until the webview says its first screen is shown:
 * sent at once, 8,000 items to validate and index were queued ahead of the first thumbnails on the
 * same channel and kept them off screen for 100–300 ms. The bound covers a webview that never says.
 */
const FIRST_SCREEN_WAIT_MS = 1000;

export class GalleryController {
  private ready = false;
  private itemsGeneration = 0;
  /** What the webview has selected: the context menu's commands act on it. */
  private selected: string[] = [];
  /** Releases the rest of the history once the webview's first screen is shown. */
  private releaseRest: (() => void) | undefined;

  constructor(private readonly ports: GalleryControllerPorts) {}

  get selection(): readonly string[] {
    return this.selected;
  }

  /** The history changed: the grid gets the new list (it keeps its own query, scroll and selection). */
  historyChanged(): void {
    if (this.ready) void this.sendItems();
  }

  /** The view was hidden (its page is destroyed) or disposed. */
  detached(): void {
    this.ready = false;
    this.releaseRest?.();
    this.ports.pipeline.reset();
  }

  post(message: GalleryExtensionMessage): void {
    if (this.ready) this.ports.post(message);
  }

  async onMessage(raw: unknown): Promise<void> {
    const parsed = parseGalleryWebviewMessage(raw);
    if (!parsed.ok) {
      this.ports.warn(`[gallery] ignored a malformed message from the webview (${parsed.reason})`);
      return;
    }
    await this.handle(parsed.message);
  }

  private async handle(message: GalleryWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.ports.pipeline.reset();
        return this.sendItems(true);
      case 'wantThumbs': {
        const sources = this.entries(message.ids).map((e) => ({ id: e.id, uri: e.uri }));
        return this.ports.pipeline.want(sources);
      }
      case 'firstScreenShown':
        return this.releaseRest?.();
      case 'thumbMade':
        return this.ports.pipeline.made(message);
      case 'thumbFailed':
        return this.ports.pipeline.fail(message.key);
      case 'select':
        this.selected = message.ids.filter((id) => this.ports.history.get(id) !== undefined);
        return;
      case 'action':
        return this.onAction(message.id, message.action, message.ids);
      case 'details':
        return this.onDetails(message.id, message.ids);
      case 'openGenerator':
        return this.ports.openGenerator();
    }
  }

  /** A first screenful at once, then the rest in chunks, each in its own turn of the event loop. */
  private async sendItems(afterReady = false): Promise<void> {
    const generation = ++this.itemsGeneration;
    const entries = this.ports.history.entries();
    const models = { ...this.ports.modelNames };
    for (let start = 0, size = FIRST_CHUNK; start === 0 || start < entries.length; start += size, size = CHUNK) {
      if (generation !== this.itemsGeneration || !this.ready) return; // a newer list replaced this one
      const items = entries.slice(start, start + size).map(toGalleryItem);
      const complete = start + size >= entries.length;
      this.ports.post({ type: 'items', replace: start === 0, complete, items, models });
      if (start === 0 && afterReady && !complete) await this.firstScreen();
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private firstScreen(): Promise<void> {
    this.releaseRest?.();
    return new Promise((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        if (this.releaseRest === release) this.releaseRest = undefined;
        resolve();
      };
      const timer = setTimeout(release, FIRST_SCREEN_WAIT_MS);
      this.releaseRest = release;
    });
  }

  /** The entries a message names; ids the history does not know (a forged or stale message) are dropped. */
  private entries(ids: readonly string[]): HistoryEntry[] {
    return ids.map((id) => this.ports.history.get(id)).filter((e): e is HistoryEntry => e !== undefined);
  }

  private async onAction(id: string, action: GalleryAction, ids: readonly string[]): Promise<void> {
    const entries = this.entries(ids);
    if (entries.length === 0) {
      this.post({ type: 'error', id, message: 'Those images are no longer in the history.' });
      return;
    }
    try {
      await this.ports.runAction(action, entries);
      this.post({ type: 'reply', id });
    } catch (err) {
      this.post({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
    }
  }

  private async onDetails(id: string, ids: readonly string[]): Promise<void> {
    const records = await Promise.all(
      this.entries(ids).map(async (e) => {
        const thumb = await this.ports.thumbnailOf?.(e);
        return { id: e.id, model: e.model, params: { ...e.params, prompt: e.prompt }, ...(thumb ? { thumb } : {}) };
      }),
    );
    this.post({ type: 'details', id, records });
  }
}
