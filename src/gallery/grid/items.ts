// A history entry as the grid shows it. Pure.
import type { GalleryItem } from '../../shared/galleryMessages';
import type { HistoryEntry } from '../../history/history';

export function toGalleryItem(entry: HistoryEntry): GalleryItem {
  const negative = entry.params.negative_prompt;
  return {
    id: entry.id,
    createdAt: entry.createdAt,
    model: entry.model,
    prompt: entry.prompt,
    ...(typeof negative === 'string' && negative ? { negativePrompt: negative } : {}),
    seed: entry.seed,
    path: entry.path,
    credits: typeof entry.credits === 'number' && Number.isFinite(entry.credits) ? entry.credits : null,
  };
}
