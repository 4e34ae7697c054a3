// Expected cost of a request, from what earlier jobs cost: the same model at the same size and
// step count when such jobs were seen, else the model's learned cost per step and megapixel
// scaled to this request. No estimate at all until a job of that model was costed: an honest
// "unknown" beats a guess. Pure; its state is plain JSON for the extension's global state.
import { MODELS, imageCount, isModelSlug, outputSize, stepCount } from '../shared/catalog';

/** Per-image costs observed for one model + size + steps; newest last. */
export interface CostSamples {
  readonly model: string;
  readonly megapixels: number;
  readonly steps: number;
  readonly perImage: number[];
}

export type CostHistory = Record<string, CostSamples>;

export interface CostEstimate {
  /** Credits for the whole request (every image). */
  readonly credits: number;
  /** 'learned': jobs with these very settings were costed; 'scaled': from other sizes/steps of the model. */
  readonly basis: 'learned' | 'scaled';
}

const SAMPLES_PER_KEY = 20;
const MAX_KEYS = 200;

interface RequestShape {
  readonly model: string;
  readonly key: string;
  readonly megapixels: number;
  readonly steps: number;
  readonly count: number;
}

function shapeOf(model: string, params: Record<string, unknown>): RequestShape | undefined {
  if (!isModelSlug(model)) return undefined;
  const spec = MODELS[model];
  const { width, height } = outputSize(spec, params);
  const steps = stepCount(spec, params);
  return { model, key: `${model}|${width}x${height}|${steps}`, megapixels: (width * height) / 1_048_576, steps, count: imageCount(spec, params) };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const roundCredits = (n: number): number => Math.round(n * 10_000) / 10_000;

export class CostEstimator {
  constructor(private history: CostHistory = {}) {}

  /** The state to persist. */
  toJSON(): CostHistory {
    return this.history;
  }

  /** Records what a finished job cost (for all its images). */
  learn(model: string, params: Record<string, unknown>, credits: number): void {
    const shape = shapeOf(model, params);
    if (!shape || !Number.isFinite(credits) || credits < 0) return;
    const existing = this.history[shape.key];
    const perImage = [...(existing?.perImage ?? []), credits / shape.count].slice(-SAMPLES_PER_KEY);
    const { [shape.key]: _replaced, ...others } = this.history;
    // Re-inserted last, so the oldest keys are the first ones dropped past MAX_KEYS.
    const next: CostHistory = { ...others, [shape.key]: { model: shape.model, megapixels: shape.megapixels, steps: shape.steps, perImage } };
    const keys = Object.keys(next);
    for (const key of keys.slice(0, Math.max(0, keys.length - MAX_KEYS))) delete next[key];
    this.history = next;
  }

  /** The expected cost of a request, or undefined when nothing of this model was costed yet. */
  estimate(model: string, params: Record<string, unknown>): CostEstimate | undefined {
    const shape = shapeOf(model, params);
    if (!shape) return undefined;
    const exact = this.history[shape.key];
    if (exact && exact.perImage.length > 0) return { credits: roundCredits(mean(exact.perImage) * shape.count), basis: 'learned' };
    const sameModel = Object.values(this.history).filter((s) => s.model === shape.model && s.perImage.length > 0);
    if (sameModel.length === 0) return undefined;
    const perStepMegapixel = mean(sameModel.map((s) => mean(s.perImage) / (s.steps * s.megapixels)));
    return { credits: roundCredits(perStepMegapixel * shape.steps * shape.megapixels * shape.count), basis: 'scaled' };
  }
}

/** Reads persisted history, dropping anything malformed (hand edits, older versions). */
export function parseCostHistory(value: unknown): CostHistory {
  if (typeof value !== 'object' || value === null) return {};
  const out: CostHistory = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const s = raw as Partial<CostSamples> | null;
    if (
      s && typeof s.model === 'string' && typeof s.megapixels === 'number' && s.megapixels > 0 && typeof s.steps === 'number' && s.steps > 0 &&
      Array.isArray(s.perImage) && s.perImage.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)
    ) {
      out[key] = { model: s.model, megapixels: s.megapixels, steps: s.steps, perImage: s.perImage.slice(-SAMPLES_PER_KEY) };
    }
  }
  return out;
}
