// What the gallery registers at activation (package.json), before its code loads.

export const GALLERY_VIEW_ID = 'segmind.gallery';

export const GALLERY_COMMAND_IDS = [
  'segmind.gallery.refresh', 'segmind.gallery.filter', 'segmind.gallery.openImage', 'segmind.gallery.reveal', 'segmind.gallery.insert',
  'segmind.gallery.copyPrompt', 'segmind.gallery.regenerate', 'segmind.gallery.delete', 'segmind.reproduceFromImage', 'segmind.generateVariations', 'segmind.gallery.compare',
] as const;

export type GalleryCommandId = (typeof GALLERY_COMMAND_IDS)[number];
