// The gallery view's page. Pure (no `vscode` import) so its CSP and escaping are unit-tested; the
// page and its policy are the panel's (our one script by nonce, styles and images from the webview
// source), plus `connect-src` for the same source: the thumbnail maker fetches a source image as a
// Blob so that the browser decodes and scales it off the main thread.
import { escapeHtml, renderWebviewPage } from '../../panel/html';

export interface GalleryPageParts {
  readonly cspSource: string;
  /** A fresh `crypto.randomUUID()` per page load. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly platform: 'mac' | 'other';
}

export function renderGalleryPage(parts: GalleryPageParts): string {
  return renderWebviewPage({ ...parts, title: 'Generated Images' }, `<main id="gallery" data-platform="${escapeHtml(parts.platform)}"></main>`, [
    `connect-src ${parts.cspSource}`,
  ]);
}
