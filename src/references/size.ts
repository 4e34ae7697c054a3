// A size a document asks for (an <img>'s width and height) mapped onto what a model can make. Read from
// the catalog: a model with aspect-ratio presets gets the preset of the nearest shape (the presets are the
// sizes it was trained at); a model with free width and height gets the nearest allowed pair of the same shape.
import { outputSize, type ModelSpec, type ParameterSpec } from '../shared/catalog';

export interface RequestedSize {
  readonly width?: number;
  readonly height?: number;
}

export interface SizeChoice {
  /** Parameters to merge into the request. */
  readonly params: Readonly<Record<string, string | number>>;
  /** The pixel size of the image those parameters produce. */
  readonly width: number;
  readonly height: number;
}

/** The allowed size nearest to `requested`; undefined without both sides (the model's defaults apply). */
export function nearestAllowedSize(model: ModelSpec, requested: RequestedSize): SizeChoice | undefined {
  const { width, height } = requested;
  if (!width || !height || width <= 0 || height <= 0) return undefined;
  const params = nearestPreset(model, width / height) ?? nearestFreeSize(model, width, height);
  return params && { params, ...outputSize(model, params) };
}

function nearestPreset(model: ModelSpec, ratio: number): Record<string, string> | undefined {
  const parameter = model.parameters.find((p) => p.name === 'aspect_ratio' && p.type === 'enum');
  let best: { preset: string; distance: number } | undefined;
  for (const preset of parameter?.values ?? []) {
    const size = /(\d+)x(\d+)$/.exec(preset);
    if (!size) continue; // 'custom'
    // Shapes compare by the log of their ratio, so 2:1 and 1:2 are equally far from 1:1.
    const distance = Math.abs(Math.log(ratio) - Math.log(Number(size[1]) / Number(size[2])));
    if (!best || distance < best.distance) best = { preset, distance };
  }
  return parameter && best ? { [parameter.name]: best.preset } : undefined;
}

function nearestFreeSize(model: ModelSpec, width: number, height: number): Record<string, number> | undefined {
  const sizeParameter = (side: string) => model.parameters.find((p) => p.group === 'size' && p.type === 'integer' && p.name.endsWith(side));
  const w = sizeParameter('width');
  const h = sizeParameter('height');
  if (!w || !h) return undefined;
  // One scale for both sides keeps the shape; when no scale fits both limits, the clamp below bends it least.
  const smallest = Math.max((w.min ?? 1) / width, (h.min ?? 1) / height);
  const largest = Math.min((w.max ?? Infinity) / width, (h.max ?? Infinity) / height);
  const scale = Math.min(Math.max(1, smallest), largest);
  return { [w.name]: fit(width * scale, w), [h.name]: fit(height * scale, h) };
}

/** The nearest value the parameter allows: a multiple of its step, within its range. */
function fit(value: number, parameter: ParameterSpec): number {
  const step = parameter.step ?? 1;
  const min = Math.ceil((parameter.min ?? step) / step) * step;
  const max = Math.floor((parameter.max ?? Infinity) / step) * step;
  return Math.min(Math.max(Math.round(value / step) * step, min), max);
}
