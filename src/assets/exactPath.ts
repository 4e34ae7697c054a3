// Saving at exactly a path the caller names (an agent's `path`, a document's missing image) instead
// of a free name in the output folder: the path must stay in the workspace, its extension picks the
// image format, and a batch takes `name.ext`, `name-2.ext`, `name-3.ext`, … Pure.
import { findParameter, outputFormat, type ModelSpec } from '../shared/catalog';
import { candidateName, extensionFor } from './fileName';
import { checkRelativePath } from './outputFolder';

export type ImageFormat = 'png' | 'jpeg' | 'webp';

const FORMAT_BY_EXTENSION: Readonly<Record<string, ImageFormat>> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg', webp: 'webp' };

/** The extensions an exact path may end with, without the dot. */
export const IMAGE_EXTENSIONS: readonly string[] = Object.keys(FORMAT_BY_EXTENSION);

/** The image format a file name's extension stands for (case-insensitive); undefined for any other. */
export function formatOfFileName(fileName: string): ImageFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? FORMAT_BY_EXTENSION[fileName.slice(dot + 1).toLowerCase()] : undefined;
}

export interface ExactImagePath {
  /** Workspace-relative folder segments ([] at the root). */
  readonly folder: readonly string[];
  readonly fileName: string;
  readonly format: ImageFormat;
  /** The normalised workspace-relative path, '/'-separated. */
  readonly path: string;
}

export type ExactPathResult = { readonly ok: true; readonly value: ExactImagePath } | { readonly ok: false; readonly message: string };

/** Checks a workspace-relative image path: inside the workspace, a name every OS accepts, an image extension. */
export function parseExactImagePath(path: string): ExactPathResult {
  const shown = JSON.stringify(path);
  const refuse = (why: string): ExactPathResult => ({ ok: false, message: `The path ${shown} ${why}. Use a workspace-relative file such as "images/hero.png".` });
  const checked = checkRelativePath(path.trim());
  if (!checked.ok) return refuse(checked.why);
  const fileName = checked.segments.at(-1);
  if (!fileName || /[/\\]$/.test(path.trim())) return refuse('names no file');
  const format = formatOfFileName(fileName);
  if (!format || fileName.startsWith('.')) return refuse(`must end with ${IMAGE_EXTENSIONS.map((e) => `.${e}`).join(', ')} (the extension picks the image format)`);
  return { ok: true, value: { folder: checked.segments.slice(0, -1), fileName, format, path: checked.segments.join('/') } };
}

/** The file name of image `index` (0-based) of a batch saved at `fileName`: the name itself, then `-2`, `-3`, … */
export function exactFileName(fileName: string, index: number): string {
  return candidateName(fileName, index + 1);
}

export type FormatParameters = { readonly ok: true; readonly params: Readonly<Record<string, unknown>> } | { readonly ok: false; readonly message: string };

/** The parameters that make `model` answer in `format` ({image_format} where it has one); undefined when it cannot. */
function parametersForFormat(model: ModelSpec, format: ImageFormat): Readonly<Record<string, unknown>> | undefined {
  const spec = findParameter(model, 'image_format');
  if (spec) return spec.values?.includes(format) ? { [spec.name]: format } : undefined;
  return outputFormat(model, {}) === format ? {} : undefined; // no parameter: the one format it answers in
}

/** The extensions an exact path may have for `model`. */
export function allowedExtensions(model: ModelSpec): string[] {
  return IMAGE_EXTENSIONS.filter((e) => parametersForFormat(model, FORMAT_BY_EXTENSION[e]!) !== undefined);
}

/** The request parameters for `format`, or why `model` cannot write it (SD 3 Medium answers JPEG only). */
export function formatParameters(model: ModelSpec, format: ImageFormat): FormatParameters {
  const params = parametersForFormat(model, format);
  if (params) return { ok: true, params };
  const extensions = allowedExtensions(model).map((e) => `.${e}`).join(' or ');
  return { ok: false, message: `${model.name} cannot write ${format.toUpperCase()} images: the path must end with ${extensions}` };
}

/** Why the image Segmind returned cannot go into `fileName` (its extension promises another format), if it cannot. */
export function formatMismatch(fileName: string, received: ImageFormat): string | undefined {
  const expected = formatOfFileName(fileName);
  return expected && expected !== received ? `Segmind returned a ${extensionFor(received).toUpperCase()} image, not the ${extensionFor(expected).toUpperCase()} that ${fileName} asks for` : undefined;
}
