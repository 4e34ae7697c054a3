// Which image files the models can write, derived from the catalog so a new format or model needs no
// change here, and so which references can be generated. A file's extension picks its format.
import { extensionFor } from '../assets/fileName';
import { MODEL_SLUGS, MODELS, findParameter, outputFormat, type ModelSpec } from '../shared/catalog';
import type { Resolution } from './resolve';
import type { Classification, ImageFormat } from './types';

const IMAGE_FORMATS: readonly ImageFormat[] = ['png', 'jpeg', 'webp'];
const isImageFormat = (value: string): value is ImageFormat => (IMAGE_FORMATS as readonly string[]).includes(value);

/** The formats `model` can answer in: its `image_format` choices, or the one it always uses (SD 3 Medium: JPEG). */
export function writableFormats(model: ModelSpec): readonly ImageFormat[] {
  const choices = findParameter(model, 'image_format')?.values;
  return choices ? choices.filter(isImageFormat) : [outputFormat(model, {})];
}

/** Formats at least one model can write. */
export const GENERATABLE_FORMATS: ReadonlySet<ImageFormat> = new Set(MODEL_SLUGS.flatMap((slug) => writableFormats(MODELS[slug])));

/** The format a file name's extension names (`.jpg` and `.jpeg` are both JPEG), if it is one the models write. */
export function generatableFormatOf(fileName: string): ImageFormat | undefined {
  const extension = /\.([^./]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return [...GENERATABLE_FORMATS].find((format) => extension === format || extension === extensionFor(format));
}

/** Whether a model can make the file a resolved target names, or why not. */
export function classify(resolution: Resolution): Classification {
  if (resolution.kind !== 'path') return { generatable: false, reason: resolution.kind };
  const format = generatableFormatOf(resolution.path);
  return format ? { generatable: true, format } : { generatable: false, reason: 'unsupported-format' };
}
