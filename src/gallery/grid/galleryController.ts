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
const CHUNK = 2000;

export class GalleryController {
  private ready = false;
  private itemsGeneration = 0;
  /** What the webview has selected: the context menu's commands act on it. */
  private selected: string[] = [];

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
        return this.sendItems();
      case 'wantThumbs': {
        const sources = this.entries(message.ids).map((e) => ({ id: e.id, uri: e.uri }));
        return this.ports.pipeline.want(sources);
      }
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
  private async sendItems(): Promise<void> {
    const generation = ++this.itemsGeneration;
    const entries = this.ports.history.entries();
    const models = { ...this.ports.modelNames };
    for (let start = 0, size = FIRST_CHUNK; start === 0 || start < entries.length; start += size, size = CHUNK) {
      if (generation !== this.itemsGeneration || !this.ready) return; // a newer list replaced this one
      const items = entries.slice(start, start + size).map(toGalleryItem);
      this.ports.post({ type: 'items', replace: start === 0, complete: start + size >= entries.length, items, models });
      await new Promise((resolve) => setImmediate(resolve));
    }
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
