// The gallery behind the "Generated Images" view: the thumbnail grid (a webview view) and its commands.
import type * as vscode from 'vscode';
import type { CommandHandler } from '../common/lazyCommands';
import { galleryCommands, type GalleryCommandContext } from './commands';
import type { GalleryCommandId } from './contributions';
import { GalleryView, type GalleryViewServices } from './grid/galleryView';

export interface GalleryFeature {
  readonly view: GalleryView;
  readonly commands: Readonly<Record<GalleryCommandId, CommandHandler>>;
}

export function openGallery(context: Omit<GalleryCommandContext, 'gallery'>, services: Omit<GalleryViewServices, 'history' | 'settings' | 'logger'>): GalleryFeature & vscode.Disposable {
  const view = new GalleryView({ ...services, history: context.history, settings: context.settings as GalleryViewServices['settings'], logger: context.logger });
  return { view, commands: galleryCommands({ ...context, gallery: view }), dispose: () => view.dispose() };
}
