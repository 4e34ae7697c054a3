// Makes a thumbnail with the browser's own decoders: `createImageBitmap` on the fetched Blob decodes
// off the main thread (from an <img> it decoded on it: long tasks while scrolling), OffscreenCanvas
// scales it and encodes WebP (JPEG where WebP encoding is missing). One at a time.

export interface MadeThumbnail {
  readonly mime: 'image/webp' | 'image/jpeg';
  /** base64 */
  readonly data: string;
}

export async function makeThumbnail(src: string, size: number): Promise<MadeThumbnail> {
  const response = await fetch(src);
  if (!response.ok) throw new Error(`could not read the image (${response.status})`);
  const bitmap = await createImageBitmap(await response.blob());
  const scale = Math.min(1, size / Math.max(bitmap.width, bitmap.height, 1));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  let encoded = await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
  if (encoded.type !== 'image/webp') encoded = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  return { mime: encoded.type === 'image/webp' ? 'image/webp' : 'image/jpeg', data: await base64(encoded) };
}

function base64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the thumbnail'));
    reader.readAsDataURL(blob);
  });
}

/** Runs thumbnail jobs one after another. */
export class ThumbnailQueue {
  private tail: Promise<void> = Promise.resolve();

  add(job: () => Promise<void>): void {
    this.tail = this.tail.then(job, job);
  }
}
