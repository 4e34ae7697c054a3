// Registers the "Generated Images" view (a webview view) and its commands (package.json
// `segmind.gallery.*`, reproduce, variations) at activation. The grid and the commands behind them
// (src/gallery/gallery.ts, in dist/features.js) are built when the view is first shown or a command
// first runs.
import * as vscode from 'vscode';
import { lazily } from '../common/lazily';
import { registerLazyCommands } from '../common/lazyCommands';
import { GALLERY_COMMAND_IDS, GALLERY_VIEW_ID } from './contributions';
import type { GalleryFeature } from './gallery';

/** `open` builds the gallery, once. */
export function registerGallery(open: () => GalleryFeature): vscode.Disposable[] {
  const gallery = lazily(open);
  const provider: vscode.WebviewViewProvider = { resolveWebviewView: (view) => gallery().view.resolveWebviewView(view) };
  return [vscode.window.registerWebviewViewProvider(GALLERY_VIEW_ID, provider), ...registerLazyCommands(GALLERY_COMMAND_IDS, () => gallery().commands)];
}
