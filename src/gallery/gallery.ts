// The gallery behind the "Generated Images" view: the tree over the history and its commands.
import type * as vscode from 'vscode';
import type { CommandHandler } from '../common/lazyCommands';
import { galleryCommands, type GalleryCommandContext } from './commands';
import type { GalleryCommandId } from './contributions';
import { GalleryTree, type GalleryNode } from './galleryTree';

export interface GalleryFeature {
  readonly tree: GalleryTree;
  readonly commands: Readonly<Record<GalleryCommandId, CommandHandler>>;
}

export function openGallery(context: Omit<GalleryCommandContext, 'gallery' | 'view'>, view: vscode.TreeView<GalleryNode>): GalleryFeature & vscode.Disposable {
  const tree = new GalleryTree(context.history);
  return { tree, commands: galleryCommands({ ...context, gallery: tree, view }), dispose: () => tree.dispose() };
}
