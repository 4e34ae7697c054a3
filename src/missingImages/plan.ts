// From an image reference to the request that makes its file: which model can write the
// referenced format (the default model when it can), at the size the markup asks for, with the
// reference's words as the prompt. (The runner sets the format parameter from the file's
// extension when it saves at an exact path.) Pure.
import { MODELS, MODEL_SLUGS, type ModelSlug } from '../shared/catalog';
import { nearestAllowedSize, writableFormats, type ImageReference } from '../references';

export interface MissingImagePlan {
  /** Workspace-relative path the image is saved at, exactly. */
  readonly path: string;
  readonly prompt: string;
  readonly model: ModelSlug;
  /** Request parameters beyond the prompt: the size, when the markup gives one. */
  readonly params: Readonly<Record<string, string | number>>;
  /** Where the reference is, for the CodeLens and the quick fix. */
  readonly range: ImageReference['range'];
}

/** The plan for a generatable reference, or undefined when no model writes its format. */
export function planMissingImage(reference: ImageReference, defaultModel: ModelSlug): MissingImagePlan | undefined {
  if (!reference.classification.generatable || !reference.path) return undefined;
  const format = reference.classification.format;
  const model = [defaultModel, ...MODEL_SLUGS].find((slug) => writableFormats(MODELS[slug]).includes(format));
  if (!model) return undefined;
  const size = nearestAllowedSize(MODELS[model], { ...(reference.width ? { width: reference.width } : {}), ...(reference.height ? { height: reference.height } : {}) });
  return { path: reference.path, prompt: reference.prompt, model, params: size ? { ...size.params } : {}, range: reference.range };
}
