// The model catalog: the one source of truth for both models' parameters. Validation, request
// building, the panel's form, settings defaults and the tests are all derived from it.
// Facts come from Segmind's two model pages (and the notes on the lists they cut short).

export type ModelSlug = 'stable-diffusion-3.5-large-txt2img' | 'stable-diffusion-3-medium-txt2img';
export type ParameterType = 'text' | 'integer' | 'number' | 'boolean' | 'enum';
export type ParameterGroup = 'prompt' | 'size' | 'sampling' | 'output' | 'advanced';

export interface ParameterSpec {
  readonly name: string;
  readonly type: ParameterType;
  readonly label: string;
  readonly help: string;
  readonly group: ParameterGroup;
  readonly required?: boolean;
  readonly default?: string | number | boolean;
  readonly min?: number;
  readonly max?: number;
  /** Integers: the value must be a multiple of it. Numbers: the UI step only. */
  readonly step?: number;
  readonly values?: readonly string[];
  /** Subset of `values` that the API page does not publish (inferred from the model family). */
  readonly inferredValues?: readonly string[];
  /** Any non-empty string is allowed; `values` are suggestions. */
  readonly openEnum?: boolean;
  readonly multiline?: boolean;
  readonly visibleWhen?: { readonly param: string; readonly equals: string | number | boolean };
  /** The seed: random when absent, -1 or empty; replaced by a concrete seed before submit. */
  readonly isSeed?: boolean;
}

export interface ModelSpec {
  readonly slug: ModelSlug;
  readonly name: string;
  readonly description: string;
  /** Server processing time at the reference size/steps (1024×1024; default steps), from the page. */
  readonly referenceSeconds: number;
  readonly parameters: readonly ParameterSpec[];
  readonly countParam: 'batch_size' | 'samples';
  readonly stepsParam: 'steps' | 'num_inference_steps';
}

/** Sentinel seed meaning "pick one at random". */
export const RANDOM_SEED = -1;

/** ComfyUI's KSampler list when SD 3.5 shipped: the page shows 10 of its "26 total" in this order. */
const SD35_SAMPLERS = [
  'euler', 'euler_cfg_pp', 'euler_ancestral', 'euler_ancestral_cfg_pp', 'heun', 'heunpp2', 'dpm_2',
  'dpm_2_ancestral', 'lms', 'dpm_fast', 'dpm_adaptive', 'dpmpp_2s_ancestral', 'dpmpp_2s_ancestral_cfg_pp',
  'dpmpp_sde', 'dpmpp_sde_gpu', 'dpmpp_2m', 'dpmpp_2m_cfg_pp', 'dpmpp_2m_sde', 'dpmpp_2m_sde_gpu',
  'dpmpp_3m_sde', 'dpmpp_3m_sde_gpu', 'ddpm', 'lcm', 'ipndm', 'ipndm_v', 'deis',
] as const;

const SD35_SCHEDULERS = ['normal', 'karras', 'exponential', 'sgm_uniform', 'simple', 'ddim_uniform', 'beta'] as const;

/** Presets carry their pixel size in the name ("3:4 portrait 896x1152"). */
const SD35_ASPECT_RATIOS = [
  'custom', '1:1 square 1024x1024', '3:4 portrait 896x1152', '5:8 portrait 832x1216', '9:16 portrait 768x1344',
  '9:21 portrait 640x1536', '4:3 landscape 1152x896', '3:2 landscape 1216x832', '16:9 landscape 1344x768',
  '21:9 landscape 1536x640',
] as const;

/** The ten scheduler names the SD 3 Medium page shows ("29 total"). */
const SD3M_PUBLISHED_SCHEDULERS = [
  'DPM++ SDE Karras', 'DPM++ 2M Karras', 'DPM++ 2M SDE Karras', 'DPM++ 2M SDE Heun Karras', 'DPM++ 3M SDE Karras',
  'LMS Karras', 'DPM2 Karras', 'DPM2 a Karras', 'DPM++ 2S a Karras', 'DPM++ 2M SDE Exponential',
] as const;

/**
 * Inferred, not published: the rest of the AUTOMATIC1111 sampler family the published names come from
 * (the page's default "DPM++ 2M" is one of them). The server's 400 is shown verbatim if it refuses one.
 */
const SD3M_INFERRED_SCHEDULERS = [
  'DPM++ 2M', 'Euler', 'Euler a', 'LMS', 'Heun', 'DPM2', 'DPM2 a', 'DPM++ 2S a', 'DPM++ SDE', 'DPM++ 2M SDE',
  'DPM++ 2M SDE Heun', 'DPM++ 2M SDE Heun Exponential', 'DPM++ 3M SDE', 'DPM++ 3M SDE Exponential', 'DPM fast',
  'DPM adaptive', 'DDIM', 'PLMS', 'UniPC',
] as const;

const SD35_LARGE: ModelSpec = {
  slug: 'stable-diffusion-3.5-large-txt2img',
  name: 'Stable Diffusion 3.5 Large',
  description: 'Highest quality and strong prompt adherence; about 17.5 s per 1024×1024 image.',
  referenceSeconds: 17.5,
  countParam: 'batch_size',
  stepsParam: 'steps',
  parameters: [
    { name: 'prompt', type: 'text', label: 'Prompt', help: 'Prompt for image generation.', group: 'prompt', required: true, multiline: true },
    { name: 'negative_prompt', type: 'text', label: 'Negative prompt', help: 'The negative prompt to exclude unwanted details.', group: 'prompt', default: 'low quality, blurry', multiline: true },
    { name: 'aspect_ratio', type: 'enum', label: 'Aspect ratio', help: "Aspect ratio of the output image. Select 'custom' to specify the width and height manually.", group: 'size', default: 'custom', values: SD35_ASPECT_RATIOS },
    { name: 'width', type: 'integer', label: 'Width', help: 'Width of the output image in pixels.', group: 'size', default: 1024, min: 64, max: 2048, visibleWhen: { param: 'aspect_ratio', equals: 'custom' } },
    { name: 'height', type: 'integer', label: 'Height', help: 'Height of the output image in pixels.', group: 'size', default: 1024, min: 64, max: 2048, visibleWhen: { param: 'aspect_ratio', equals: 'custom' } },
    { name: 'steps', type: 'integer', label: 'Steps', help: 'Number of inference steps for generating the image.', group: 'sampling', default: 30, min: 10, max: 70 },
    { name: 'guidance_scale', type: 'number', label: 'Guidance scale', help: 'Guidance scale for controlling how closely the generation matches the prompt.', group: 'sampling', default: 5.5, min: 1, max: 15, step: 0.1 },
    { name: 'sampler', type: 'enum', label: 'Sampler', help: 'Sampling method for image generation.', group: 'sampling', default: 'euler', values: SD35_SAMPLERS },
    { name: 'scheduler', type: 'enum', label: 'Scheduler', help: 'Scheduler for image generation.', group: 'sampling', default: 'sgm_uniform', values: SD35_SCHEDULERS },
    // The page gives no range; JSON numbers are exact only up to 2^53 - 1.
    { name: 'seed', type: 'integer', label: 'Seed', help: 'Random number seed for image generation; empty or -1 picks one at random.', group: 'sampling', min: RANDOM_SEED, max: Number.MAX_SAFE_INTEGER, isSeed: true },
    { name: 'batch_size', type: 'integer', label: 'Images', help: 'Number of images to generate in one batch.', group: 'output', default: 1, min: 1, max: 10 },
    { name: 'image_format', type: 'enum', label: 'Format', help: 'Output image format.', group: 'output', default: 'jpeg', values: ['jpeg', 'png', 'webp'] },
    { name: 'image_quality', type: 'integer', label: 'Quality', help: 'Image quality setting for output.', group: 'output', default: 95, min: 10, max: 100 },
    { name: 'base64', type: 'boolean', label: 'Base64 output', help: 'Output as base64 encoded string.', group: 'advanced', default: false },
  ],
};

const SD3_MEDIUM: ModelSpec = {
  slug: 'stable-diffusion-3-medium-txt2img',
  name: 'Stable Diffusion 3 Medium',
  description: 'Faster and cheaper; about 6 s per 1024×1024 image.',
  referenceSeconds: 6,
  countParam: 'samples',
  stepsParam: 'num_inference_steps',
  parameters: [
    { name: 'prompt', type: 'text', label: 'Prompt', help: 'Prompt to render.', group: 'prompt', required: true, multiline: true },
    { name: 'negative_prompt', type: 'text', label: 'Negative prompt', help: "Prompts to exclude, e.g. 'bad anatomy, bad hands, missing fingers'.", group: 'prompt', multiline: true },
    { name: 'img_width', type: 'integer', label: 'Width', help: 'Image width can be between 512 and 2048 in multiples of 8.', group: 'size', default: 1024, min: 512, max: 2048, step: 8 },
    { name: 'img_height', type: 'integer', label: 'Height', help: 'Image height can be between 512 and 2048 in multiples of 8.', group: 'size', default: 1024, min: 512, max: 2048, step: 8 },
    { name: 'num_inference_steps', type: 'integer', label: 'Steps', help: 'Number of denoising steps.', group: 'sampling', default: 25, min: 10, max: 100 },
    { name: 'guidance_scale', type: 'number', label: 'Guidance scale', help: 'Scale for classifier-free guidance.', group: 'sampling', default: 5, min: 1, max: 25, step: 0.1 },
    { name: 'scheduler', type: 'enum', label: 'Scheduler', help: 'Type of scheduler.', group: 'sampling', default: 'DPM++ 2M', values: [...SD3M_PUBLISHED_SCHEDULERS, ...SD3M_INFERRED_SCHEDULERS], inferredValues: SD3M_INFERRED_SCHEDULERS, openEnum: true },
    { name: 'seed', type: 'integer', label: 'Seed', help: 'Seed for image generation; empty or -1 picks one at random.', group: 'sampling', min: RANDOM_SEED, max: 999_999_999_999_999, isSeed: true },
    { name: 'samples', type: 'integer', label: 'Images', help: 'Number of samples to generate.', group: 'output', default: 1, min: 1, max: 4 },
    { name: 'denoise', type: 'number', label: 'Denoise', help: 'How much to transform the reference image.', group: 'advanced', default: 1, min: 0.1, max: 1, step: 0.05 },
    { name: 'modelsamplingsd3_shift', type: 'integer', label: 'Sampling shift', help: 'Model Sampling SD3 Shift.', group: 'advanced', default: 3, min: 1, max: 10 },
    { name: 'conditioningsettimesteprange_start', type: 'number', label: 'Conditioning start', help: 'Conditioning set timestep range start (must be below the stop).', group: 'advanced', default: 0.1, min: 0.1, max: 1, step: 0.05 },
    { name: 'conditioningsettimesteprange_stop', type: 'number', label: 'Conditioning stop', help: 'Conditioning set timestep range stop (must be above the start).', group: 'advanced', default: 1, min: 0.1, max: 1, step: 0.05 },
    { name: 'base64', type: 'boolean', label: 'Base64 output', help: 'Base64 encoding of the output image.', group: 'advanced', default: false },
  ],
};

export const MODELS: Readonly<Record<ModelSlug, ModelSpec>> = {
  'stable-diffusion-3.5-large-txt2img': SD35_LARGE,
  'stable-diffusion-3-medium-txt2img': SD3_MEDIUM,
};

export const MODEL_SLUGS: readonly ModelSlug[] = ['stable-diffusion-3.5-large-txt2img', 'stable-diffusion-3-medium-txt2img'];

/** The model used when the user has not picked one (setting `segmind.defaultModel`). */
export const DEFAULT_MODEL: ModelSlug = 'stable-diffusion-3.5-large-txt2img';

export function isModelSlug(s: unknown): s is ModelSlug {
  return typeof s === 'string' && (MODEL_SLUGS as readonly string[]).includes(s);
}

/** The parameter named `name` of `model`, if any. */
export function findParameter(model: ModelSpec, name: string): ParameterSpec | undefined {
  return model.parameters.find((p) => p.name === name);
}

/** The model's seed parameter (`seed` for both models today). */
export function seedParameter(model: ModelSpec): ParameterSpec | undefined {
  return model.parameters.find((p) => p.isSeed);
}

/** The parameter's value in `params`, or its catalog default when absent (undefined/null/''). */
export function effectiveValue(model: ModelSpec, params: Record<string, unknown>, name: string): unknown {
  const value = Object.hasOwn(params, name) ? params[name] : undefined;
  if (value === undefined || value === null || (value === '' && findParameter(model, name)?.type !== 'text')) {
    return findParameter(model, name)?.default;
  }
  return value;
}

function positiveInt(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Pixel size of each output image: a preset's size, or width/height (custom / SD 3 Medium). */
export function outputSize(model: ModelSpec, params: Record<string, unknown>): { width: number; height: number } {
  if (model.slug === 'stable-diffusion-3-medium-txt2img') {
    return {
      width: positiveInt(effectiveValue(model, params, 'img_width'), 1024),
      height: positiveInt(effectiveValue(model, params, 'img_height'), 1024),
    };
  }
  const ratio = effectiveValue(model, params, 'aspect_ratio');
  const preset = typeof ratio === 'string' ? /(\d+)x(\d+)$/.exec(ratio) : null;
  if (preset && ratio !== 'custom') return { width: Number(preset[1]), height: Number(preset[2]) };
  return {
    width: positiveInt(effectiveValue(model, params, 'width'), 1024),
    height: positiveInt(effectiveValue(model, params, 'height'), 1024),
  };
}

/** The image format the request asks for. SD 3 Medium has no format parameter; it answers JPEG. */
export function outputFormat(model: ModelSpec, params: Record<string, unknown>): 'jpeg' | 'png' | 'webp' {
  const format = effectiveValue(model, params, 'image_format');
  return format === 'png' || format === 'webp' ? format : 'jpeg';
}

/** How many images one request produces (batch_size / samples). */
export function imageCount(model: ModelSpec, params: Record<string, unknown>): number {
  return positiveInt(effectiveValue(model, params, model.countParam), 1);
}

/** Step count of the request (steps / num_inference_steps). */
export function stepCount(model: ModelSpec, params: Record<string, unknown>): number {
  const fallback = Number(findParameter(model, model.stepsParam)?.default ?? 30);
  return positiveInt(effectiveValue(model, params, model.stepsParam), fallback);
}
