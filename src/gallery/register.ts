// Registers the "Generated Images" view and its commands (package.json `segmind.gallery.*`, reproduce,
// variations). Images reopen in the generator panel, which the gallery is handed, never the reverse.
import * as vscode from 'vscode';
import type { GalleryCommandContext } from './commands';
import { registerGalleryCommands } from './commands';
import { GalleryTree } from './galleryTree';

export function registerGallery(context: Omit<GalleryCommandContext, 'gallery' | 'view'>): vscode.Disposable[] {
  const gallery = new GalleryTree(context.history);
  const view = vscode.window.createTreeView('segmind.gallery', { treeDataProvider: gallery, showCollapseAll: true });
  return [gallery, view, ...registerGalleryCommands({ ...context, gallery, view })];
}
