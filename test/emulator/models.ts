// The server's view of the two models, copied from the API pages (not imported from src/segmind:
// the emulator must be able to catch a client whose catalog drifts from the real service).

export type ImageFormat = 'jpeg' | 'png' | 'webp';

export type ServerParam =
  | { name: string; type: 'string'; required?: boolean; nonEmpty?: boolean }
  | { name: string; type: 'boolean' }
  | { name: string; type: 'integer'; min: number; max: number; multipleOf?: number }
  | { name: string; type: 'number'; min: number; max: number }
  | { name: string; type: 'enum'; values: readonly string[] };

export interface ServerModel {
  slug: string;
  params: readonly ServerParam[];
  defaults: Readonly<Record<string, unknown>>;
  /** Processing time of the page's reference job, and what it is relative to. */
  reference: { ms: number; steps: number; megapixels: number };
  stepsParam: string;
  countParam: string;
  /** Nominal cost in USD per reference image, for metrics and x-cost. */
  costPerImage: number;
}

export const SD35L_SAMPLERS = [
  'euler', 'euler_cfg_pp', 'euler_ancestral', 'euler_ancestral_cfg_pp', 'heun', 'heunpp2', 'dpm_2',
  'dpm_2_ancestral', 'lms', 'dpm_fast', 'dpm_adaptive', 'dpmpp_2s_ancestral', 'dpmpp_2s_ancestral_cfg_pp',
  'dpmpp_sde', 'dpmpp_sde_gpu', 'dpmpp_2m', 'dpmpp_2m_cfg_pp', 'dpmpp_2m_sde', 'dpmpp_2m_sde_gpu',
  'dpmpp_3m_sde', 'dpmpp_3m_sde_gpu', 'ddpm', 'lcm', 'ipndm', 'ipndm_v', 'deis',
] as const;

export const SD35L_SCHEDULERS = ['normal', 'karras', 'exponential', 'sgm_uniform', 'simple', 'ddim_uniform', 'beta'] as const;

export const SD35L_ASPECT_RATIOS = [
  'custom', '1:1 square 1024x1024', '3:4 portrait 896x1152', '5:8 portrait 832x1216', '9:16 portrait 768x1344',
  '9:21 portrait 640x1536', '4:3 landscape 1152x896', '3:2 landscape 1216x832', '16:9 landscape 1344x768',
  '21:9 landscape 1536x640',
] as const;

/** The 10 names the page shows, then 19 more of the same AUTOMATIC1111 family (the page says 29 in total). */
export const SD3M_SCHEDULERS = [
  'DPM++ SDE Karras', 'DPM++ 2M Karras', 'DPM++ 2M SDE Karras', 'DPM++ 2M SDE Heun Karras', 'DPM++ 3M SDE Karras',
  'LMS Karras', 'DPM2 Karras', 'DPM2 a Karras', 'DPM++ 2S a Karras', 'DPM++ 2M SDE Exponential',
  'Euler', 'Euler a', 'LMS', 'Heun', 'DPM2', 'DPM2 a', 'DPM++ 2S a', 'DPM++ 2M', 'DPM++ SDE', 'DPM++ 2M SDE',
  'DPM++ 2M SDE Heun', 'DPM++ 3M SDE', 'DPM++ 2M SDE Heun Exponential', 'DPM++ 3M SDE Exponential',
  'DPM fast', 'DPM adaptive', 'DDIM', 'PLMS', 'UniPC',
] as const;

export const SD35L: ServerModel = {
  slug: 'stable-diffusion-3.5-large-txt2img',
  params: [
    { name: 'prompt', type: 'string', required: true, nonEmpty: true },
    { name: 'negative_prompt', type: 'string' },
    { name: 'steps', type: 'integer', min: 10, max: 70 },
    { name: 'guidance_scale', type: 'number', min: 1, max: 15 },
    { name: 'seed', type: 'integer', min: -1, max: Number.MAX_SAFE_INTEGER },
    { name: 'sampler', type: 'enum', values: SD35L_SAMPLERS },
    { name: 'scheduler', type: 'enum', values: SD35L_SCHEDULERS },
    { name: 'width', type: 'integer', min: 64, max: 2048 },
    { name: 'height', type: 'integer', min: 64, max: 2048 },
    { name: 'aspect_ratio', type: 'enum', values: SD35L_ASPECT_RATIOS },
    { name: 'batch_size', type: 'integer', min: 1, max: 10 },
    { name: 'image_format', type: 'enum', values: ['jpeg', 'png', 'webp'] },
    { name: 'image_quality', type: 'integer', min: 10, max: 100 },
    { name: 'base64', type: 'boolean' },
  ],
  defaults: {
    negative_prompt: 'low quality, blurry', steps: 30, guidance_scale: 5.5, seed: 98552302, sampler: 'euler',
    scheduler: 'sgm_uniform', width: 1024, height: 1024, aspect_ratio: 'custom', batch_size: 1,
    image_format: 'jpeg', image_quality: 95, base64: false,
  },
  reference: { ms: 17_500, steps: 30, megapixels: 1 },
  stepsParam: 'steps',
  countParam: 'batch_size',
  costPerImage: 0.065,
};

export const SD3M: ServerModel = {
  slug: 'stable-diffusion-3-medium-txt2img',
  params: [
    { name: 'prompt', type: 'string', required: true, nonEmpty: true },
    { name: 'negative_prompt', type: 'string' },
    { name: 'samples', type: 'integer', min: 1, max: 4 },
    { name: 'scheduler', type: 'enum', values: SD3M_SCHEDULERS },
    { name: 'num_inference_steps', type: 'integer', min: 10, max: 100 },
    { name: 'guidance_scale', type: 'number', min: 1, max: 25 },
    { name: 'denoise', type: 'number', min: 0.1, max: 1 },
    { name: 'seed', type: 'integer', min: -1, max: 999_999_999_999_999 },
    { name: 'img_width', type: 'integer', min: 512, max: 2048, multipleOf: 8 },
    { name: 'img_height', type: 'integer', min: 512, max: 2048, multipleOf: 8 },
    { name: 'modelsamplingsd3_shift', type: 'integer', min: 1, max: 10 },
    { name: 'conditioningsettimesteprange_start', type: 'number', min: 0.1, max: 1 },
    { name: 'conditioningsettimesteprange_stop', type: 'number', min: 0.1, max: 1 },
    { name: 'base64', type: 'boolean' },
  ],
  defaults: {
    negative_prompt: '', samples: 1, scheduler: 'DPM++ 2M', num_inference_steps: 25, guidance_scale: 5, denoise: 1,
    seed: -1, img_width: 1024, img_height: 1024, modelsamplingsd3_shift: 3, conditioningsettimesteprange_start: 0.1,
    conditioningsettimesteprange_stop: 1, base64: false,
  },
  reference: { ms: 6_000, steps: 25, megapixels: 1 },
  stepsParam: 'num_inference_steps',
  countParam: 'samples',
  costPerImage: 0.02,
};

export const SERVER_MODELS: ReadonlyMap<string, ServerModel> = new Map([
  [SD35L.slug, SD35L],
  [SD3M.slug, SD3M],
]);

/** What the server will render for a (validated) body: defaults merged, random seed made concrete. */
export interface RenderPlan {
  model: string;
  prompt: string;
  seed: number;
  width: number;
  height: number;
  count: number;
  steps: number;
  format: ImageFormat;
  quality: number;
  base64: boolean;
}

/** Resolves a validated body into what gets rendered; `randomSeed` is used for absent/-1 seeds. */
export function planRender(model: ServerModel, body: Record<string, unknown>, randomSeed: () => number): RenderPlan {
  const p = { ...model.defaults, ...body };
  const rawSeed = typeof p.seed === 'number' ? p.seed : -1;
  const seed = rawSeed < 0 ? randomSeed() : rawSeed;
  const base = { model: model.slug, prompt: String(p.prompt), seed, steps: Number(p[model.stepsParam]), count: Number(p[model.countParam]), base64: p.base64 === true };
  if (model === SD35L) {
    const preset = /(\d+)x(\d+)$/.exec(String(p.aspect_ratio));
    const width = preset ? Number(preset[1]) : Number(p.width);
    const height = preset ? Number(preset[2]) : Number(p.height);
    return { ...base, width, height, format: p.image_format as ImageFormat, quality: Number(p.image_quality) };
  }
  // SD 3 Medium has no format option: the service answers JPEG.
  return { ...base, width: Number(p.img_width), height: Number(p.img_height), format: 'jpeg', quality: 95 };
}

export const MIME: Readonly<Record<ImageFormat, string>> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
