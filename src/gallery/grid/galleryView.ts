// The "Generated Images" view in the Segmind sidebar: a webview view with the thumbnail grid.
// Its page is destroyed while hidden (no retainContextWhenHidden); the grid keeps its query, scroll
// and selection in the webview's state and says `ready` when it is back.
import * as vscode from 'vscode';
import { Disposable } from '../../common/lifecycle';
import { MODELS, MODEL_SLUGS } from '../../shared/catalog';
import type { GalleryAction } from '../../shared/galleryMessages';
import { isInside, localResourceRoots } from '../../panel/resourceRoots';
import type { SettingsService } from '../../settings/service';
import type { History, HistoryEntry } from '../../history/history';
import { GalleryController } from './galleryController';
import { renderGalleryPage } from './galleryPage';
import { runGridAction } from './gridActions';
import { ThumbnailCache, sourceKey } from './thumbnailCache';
import { WorkspaceThumbnailFiles } from './thumbnailFiles';
import { ThumbnailPipeline } from './thumbnailPipeline';

const MB = 1024 * 1024;

export interface GalleryViewServices {
  readonly history: History;
  readonly settings: SettingsService;
  readonly extensionUri: vscode.Uri;
  readonly globalStorageUri: vscode.Uri;
  readonly logger: { warn(message: string): void };
}

/** What the gallery's commands need from the grid. */
export interface GalleryGrid {
  /** The grid's selection, as history entry ids. */
  readonly selection: readonly string[];
  refresh(): void;
  focusSearch(): void;
  /** Opens Compare on the two selected images. */
  compare(): void;
  run(action: GalleryAction, entries: readonly HistoryEntry[]): Promise<void>;
}

export class GalleryView extends Disposable implements vscode.WebviewViewProvider, GalleryGrid {
  private view: vscode.WebviewView | undefined;
  private readonly files: WorkspaceThumbnailFiles;
  private readonly cache: ThumbnailCache;
  private readonly controller: GalleryController;

  constructor(private readonly services: GalleryViewServices) {
    super();

    this.files = new WorkspaceThumbnailFiles(vscode.Uri.joinPath(services.globalStorageUri, 'thumbnails'));
    this.cache = new ThumbnailCache(this.files, services.settings.snapshot().thumbnailCacheMB * MB);
    const pipeline = new ThumbnailPipeline({
      cache: this.cache,
      files: this.files,
      thumbUrl: (name) => this.webviewUrl(this.files.file(name)) ?? '',
      sourceUrl: (uri) => this.webviewUrl(vscode.Uri.parse(uri, true)),
      post: (message) => void this.view?.webview.postMessage(message),
    });
    this.controller = new GalleryController({
      history: services.history,
      pipeline,
      modelNames: Object.fromEntries(MODEL_SLUGS.map((slug) => [slug, MODELS[slug].name])),
      post: (message) => void this.view?.webview.postMessage(message),
      runAction: (action, entries) => this.run(action, entries),
      thumbnailOf: (entry) => this.cachedThumbnail(entry),
      openGenerator: () => void vscode.commands.executeCommand('segmind.generate'),
      warn: (message) => services.logger.warn(message),
    });
    this._register(services.history.onDidChange(() => this.controller.historyChanged()));
    this._register(services.settings.onDidChange((s) => void this.cache.resize(s.thumbnailCacheMB * MB)));
    this._register({ dispose: () => void this.cache.flush().catch(() => undefined) });
  }

  get selection(): readonly string[] {
    return this.controller.selection;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const roots = [...localResourceRoots(this.services.extensionUri, this.services.settings.snapshot().outputFolder), this.services.globalStorageUri];
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: roots };
    view.webview.html = this.page(view.webview);
    const subscriptions = [
      view.webview.onDidReceiveMessage((raw: unknown) => void this.controller.onMessage(raw)),
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.controller.detached();
      }),
    ];
    view.onDidDispose(() => {
      for (const s of subscriptions) s.dispose();
      this.controller.detached();
      if (this.view === view) this.view = undefined;
    });
  }

  refresh(): void {
    if (this.view) this.view.webview.html = this.page(this.view.webview);
  }

  focusSearch(): void {
    this.view?.show(false);
    this.controller.post({ type: 'command', command: 'focusSearch' });
  }

  compare(): void {
    this.controller.post({ type: 'command', command: 'compare' });
  }

  run(action: GalleryAction, entries: readonly HistoryEntry[]): Promise<void> {
    return runGridAction(action, entries, this.services.history);
  }

  private page(webview: vscode.Webview): string {
    const dist = vscode.Uri.joinPath(this.services.extensionUri, 'dist');
    return renderGalleryPage({
      cspSource: webview.cspSource,
      nonce: crypto.randomUUID(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'gallery.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'gallery.css')).toString(),
      platform: process.platform === 'darwin' ? 'mac' : 'other',
    });
  }

  /** A URL the webview may load: only inside its resource roots. */
  private webviewUrl(uri: vscode.Uri): string | undefined {
    const webview = this.view?.webview;
    const roots = webview?.options.localResourceRoots ?? [];
    return webview && roots.some((root) => isInside(uri, root)) ? webview.asWebviewUri(uri).toString() : undefined;
  }

  private async cachedThumbnail(entry: HistoryEntry): Promise<string | undefined> {
    const stat = await this.files.statSource(entry.uri);
    const name = stat ? await this.cache.lookup(sourceKey({ uri: entry.uri, ...stat })) : undefined;
    return name ? this.webviewUrl(this.files.file(name)) : undefined;
  }
}
