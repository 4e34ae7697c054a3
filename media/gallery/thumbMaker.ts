// Makes a thumbnail with the browser's own decoders: decode the source, scale it to fit `size` px in
// `createImageBitmap`, encode WebP (JPEG where WebP encoding is missing) with OffscreenCanvas.
// One at a time, so a burst of requests never makes a long task.

export interface MadeThumbnail {
  readonly mime: 'image/webp' | 'image/jpeg';
  /** base64 */
  readonly data: string;
}

export async function makeThumbnail(src: string, size: number): Promise<MadeThumbnail> {
  const image = new Image();
  image.decoding = 'async';
  image.src = src;
  await image.decode();
  const scale = Math.min(1, size / Math.max(image.naturalWidth, image.naturalHeight, 1));
  const width = Math.max(1, Math.round(image.naturalWidth * scale));
  const height = Math.max(1, Math.round(image.naturalHeight * scale));
  const bitmap = await createImageBitmap(image, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  let blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
  if (blob.type !== 'image/webp') blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  return { mime: blob.type === 'image/webp' ? 'image/webp' : 'image/jpeg', data: await base64(blob) };
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
