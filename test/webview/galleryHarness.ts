// The gallery webview outside VS Code: the real bundle (dist/gallery.js + .css) in headless Chromium,
// served from a loopback page with the extension's own CSP, talking to the real GalleryController
// (plain Node, node:fs cache) through a stand-in `acquireVsCodeApi`. State set with setState lives in
// sessionStorage, so a page reload is a view reload. Used by the webview test and `npm run bench`.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { GalleryController } from '../../src/gallery/grid/galleryController';
import { renderGalleryPage } from '../../src/gallery/grid/galleryPage';
import { ThumbnailCache } from '../../src/gallery/grid/thumbnailCache';
import { ThumbnailPipeline } from '../../src/gallery/grid/thumbnailPipeline';
import type { History } from '../../src/history/history';
import type { GalleryAction, GalleryExtensionMessage } from '../../src/shared/galleryMessages';
import { CHROMIUM_ARGS } from '../launcher/browser';
import { repoRoot } from '../launcher/deps';
import { NodeThumbnailFiles } from './nodeThumbnailFiles';
import { THEMES, type ThemeName } from './themes';

export interface HarnessOptions {
  readonly history: History;
  /** Where the thumbnail cache lives. */
  readonly cacheDir: string;
  /** Folder the source images are under (served to the page, as localResourceRoots allow). */
  readonly sourceRoot: string;
  readonly chromium?: string;
  readonly theme?: ThemeName;
  readonly viewport?: { width: number; height: number };
  /** Runs in the page before its own script (e.g. a PerformanceObserver). */
  readonly initScript?: string;
}

export interface GalleryHarness {
  readonly page: Page;
  readonly controller: GalleryController;
  readonly cache: ThumbnailCache;
  /** Every message the page received, in order. */
  readonly sent: GalleryExtensionMessage[];
  readonly actions: { action: GalleryAction; ids: string[] }[];
  readonly url: string;
  /** Opens (or reopens) the view: loads the page. */
  open(): Promise<void>;
  /** Switches the theme variables, as VS Code does when the user picks another theme. */
  setTheme(theme: ThemeName): Promise<void>;
  close(): Promise<void>;
}

// Messages travel over the loopback server (an EventSource in, ordered POSTs out), not through
// Playwright: its CDP channel takes ~100 ms per large message, which VS Code's postMessage does not.
const STAND_IN = `
window.acquireVsCodeApi = () => {
  let state = JSON.parse(sessionStorage.getItem('vscode-state') || 'null');
  const events = new EventSource('/events');
  events.onmessage = (e) => window.postMessage(JSON.parse(e.data), '*');
  let sending = Promise.resolve();
  return {
    postMessage: (message) => {
      if (message.type === 'ready') window.__readyAt = performance.now();
      const body = JSON.stringify(message);
      sending = sending.then(() => fetch('/to-host', { method: 'POST', body }).then(() => undefined, () => undefined));
    },
    getState: () => state,
    setState: (next) => { state = next; sessionStorage.setItem('vscode-state', JSON.stringify(next)); },
  };
};`;

export async function startGalleryHarness(options: HarnessOptions): Promise<GalleryHarness> {
  const files = new NodeThumbnailFiles(options.cacheDir);
  const server = http.createServer((req, res) => serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({ executablePath: options.chromium ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 360, height: 800 } });
  const page = await context.newPage();
  const sent: GalleryExtensionMessage[] = [];
  const actions: { action: GalleryAction; ids: string[] }[] = [];
  /** The page's event stream; messages wait for it (the page connects as it loads). */
  let events: http.ServerResponse | undefined;
  let waiting: string[] = [];
  const post = (message: GalleryExtensionMessage): void => {
    sent.push(message);
    const frame = `data: ${JSON.stringify(message)}\n\n`;
    if (events) events.write(frame);
    else waiting.push(frame);
  };
  const cache = new ThumbnailCache(files, 200 * 1024 * 1024);
  const pipeline = new ThumbnailPipeline({
    cache,
    files,
    thumbUrl: (name) => `${origin}/thumbs/${name}`,
    sourceUrl: (uri) => `${origin}/source/${encodeURIComponent(path.relative(options.sourceRoot, fileURLToPath(uri)))}`,
    post,
  });
  const controller = new GalleryController({
    history: options.history,
    pipeline,
    modelNames: { 'stable-diffusion-3.5-large-txt2img': 'Stable Diffusion 3.5 Large', 'stable-diffusion-3-medium-txt2img': 'Stable Diffusion 3 Medium' },
    post,
    runAction: async (action, entries) => void actions.push({ action, ids: entries.map((e) => e.id) }),
    openGenerator: () => undefined,
    warn: (message) => console.warn(message),
  });
  await page.addInitScript(STAND_IN + (options.initScript ?? ''));

  function serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? '/';
    if (url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      events = res;
      for (const frame of waiting) res.write(frame);
      waiting = [];
      return;
    }
    if (url === '/to-host') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(204).end();
        void controller.onMessage(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      });
      return;
    }
    const [route, ...rest] = new URL(url, 'http://localhost').pathname.split('/').slice(1);
    const name = decodeURIComponent(rest.join('/'));
    const file =
      route === 'dist' ? path.join(repoRoot, 'dist', path.basename(name))
      : route === 'thumbs' ? path.join(options.cacheDir, path.basename(name))
      : route === 'source' ? path.join(options.sourceRoot, name)
      : undefined;
    if (route === '') {
      const html = renderGalleryPage({ cspSource: origin, nonce: crypto.randomUUID(), scriptUri: `${origin}/dist/gallery.js`, styleUri: `${origin}/dist/gallery.css`, platform: 'other' });
      // The theme as a stylesheet: the page's CSP allows no inline style, as in VS Code.
      res.writeHead(200, { 'content-type': 'text/html' }).end(html.replace('</head>', `<link id="theme" rel="stylesheet" href="${origin}/theme/${options.theme ?? 'dark'}"></head>`));
      return;
    }
    if (route === 'theme') {
      res.writeHead(200, { 'content-type': 'text/css' }).end(THEMES[name as ThemeName] ?? '');
      return;
    }
    const outside = route === 'source' && !file?.startsWith(options.sourceRoot + path.sep);
    if (!file || outside || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = { '.js': 'text/javascript', '.css': 'text/css', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.png': 'image/png' }[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'max-age=3600' });
    fs.createReadStream(file).pipe(res);
  }

  return {
    page, controller, cache, sent, actions, url: origin,
    async open() {
      controller.detached();
      // Not ended: an ended stream makes the old page's EventSource reconnect, and steal the new page's messages.
      events = undefined;
      waiting = [];
      await page.goto(`${origin}/`);
    },
    async setTheme(theme) {
      await page.evaluate((href) => new Promise((resolve) => {
        const link = document.getElementById('theme') as HTMLLinkElement;
        link.onload = resolve;
        link.href = href;
      }), `${origin}/theme/${theme}?${Date.now()}`);
    },
    async close() {
      events?.end();
      await cache.flush().catch(() => undefined);
      await browser.close().catch(() => undefined);
      server.close();
    },
  };
}
