// The extension's save step, run in plain Node with the project's own code: provenance metadata
// as zero-copy parts (src/segmind/metadata.ts), then src/assets/diskWrite.ts, which writes them
// to a temporary file in the folder and links it under the first free name — what
// src/jobs/saveOutputs.ts + src/assets/save.ts do for a local workspace.
import { saveNewFile } from '../../src/assets/diskWrite';
import { embedMetadataParts } from '../../src/segmind/metadata';

export interface ImageToSave {
  readonly bytes: Uint8Array;
  readonly format: 'png' | 'jpeg' | 'webp';
}

export interface Provenance {
  readonly model: string;
  readonly body: Record<string, unknown>;
  readonly requestId: string | undefined;
}

/** Saves image `index` of a job as `<baseName>-<index + 1>.<ext>` (or a free `-N` variant); resolves to the path written. */
export function saveImage(folder: string, baseName: string, index: number, image: ImageToSave, provenance: Provenance): Promise<string> {
  const fileName = `${baseName}-${index + 1}.${image.format === 'jpeg' ? 'jpg' : image.format}`;
  return saveNewFile(folder, fileName, withProvenance(image, provenance, index));
}

/** Saves every image of a job, one after the other. */
export async function saveImages(folder: string, baseName: string, images: readonly ImageToSave[], provenance: Provenance): Promise<string[]> {
  const files: string[] = [];
  for (const [i, image] of images.entries()) files.push(await saveImage(folder, baseName, i, image, provenance));
  return files;
}

function withProvenance(image: ImageToSave, provenance: Provenance, index: number): Uint8Array[] {
  const seed = typeof provenance.body['seed'] === 'number' ? provenance.body['seed'] : undefined;
  return embedMetadataParts(image.bytes, image.format, {
    model: provenance.model,
    params: provenance.body,
    ...(seed !== undefined ? { seed } : {}),
    ...(provenance.requestId !== undefined ? { requestId: provenance.requestId } : {}),
    index: index + 1,
  });
}
