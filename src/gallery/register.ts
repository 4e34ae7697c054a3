// Registers the "Generated Images" view and its commands (package.json `segmind.gallery.*`, reproduce,
// variations) at activation. The tree and the commands behind them (src/gallery/gallery.ts, in
// dist/features.js) are built when the view first asks for items or a command first runs.
import * as vscode from 'vscode';
import { lazily } from '../common/lazily';
import { registerLazyCommands } from '../common/lazyCommands';
import { GALLERY_COMMAND_IDS, GALLERY_VIEW_ID } from './contributions';
import type { GalleryFeature } from './gallery';
import type { GalleryNode } from './galleryTree';

/** `open` builds the gallery for the view, once. */
export function registerGallery(open: (view: vscode.TreeView<GalleryNode>) => GalleryFeature): vscode.Disposable[] {
  // The view needs its provider and change event now; they stand in for the tree until it exists.
  const changed = new vscode.EventEmitter<GalleryNode | undefined>();
  let forwarding: vscode.Disposable | undefined;
  const gallery = lazily(() => {
    const opened = open(view);
    forwarding = opened.tree.onDidChangeTreeData((node) => changed.fire(node));
    return opened;
  });
  const view: vscode.TreeView<GalleryNode> = vscode.window.createTreeView(GALLERY_VIEW_ID, {
    treeDataProvider: {
      onDidChangeTreeData: changed.event,
      getChildren: (node) => gallery().tree.getChildren(node),
      getTreeItem: (node) => gallery().tree.getTreeItem(node),
    },
    showCollapseAll: true,
  });
  return [changed, view, { dispose: () => forwarding?.dispose() }, ...registerLazyCommands(GALLERY_COMMAND_IDS, () => gallery().commands)];
}
