// Runs made from a saved image's record (src/panel/imageRecord.ts): Generate Variations, Regenerate.
import { MODELS, seedParameter, type ModelSlug } from '../shared/catalog';
import type { Params } from '../shared/protocol';
import type { GenerationRecord } from '../panel/imageRecord';

export interface VariationPlan {
  readonly model: ModelSlug;
  readonly params: Params;
  readonly label: string;
}

/** N copies of the record with fresh seeds (the seed is left out: the panel picks a random one). */
export function newSeedVariations(record: GenerationRecord, count: number): VariationPlan[] {
  const seedName = seedParameter(MODELS[record.model])?.name ?? 'seed';
  const { [seedName]: _seed, ...rest } = record.params;
  return Array.from({ length: count }, (_, i) => ({ model: record.model, params: rest, label: `Variation ${i + 1} of ${count}` }));
}

/** A small comparison grid: guidance 3/5/7 (clamped to the model's range) × 2 seeds, one image each. */
export function guidanceSweep(record: GenerationRecord, seeds: readonly [number, number]): VariationPlan[] {
  const spec = MODELS[record.model];
  const guidance = spec.parameters.find((p) => p.name === 'guidance_scale');
  const seedName = seedParameter(spec)?.name ?? 'seed';
  const clamp = (v: number): number => Math.min(guidance?.max ?? v, Math.max(guidance?.min ?? v, v));
  const plans: VariationPlan[] = [];
  for (const g of [3, 5, 7].map(clamp)) {
    for (const seed of seeds) {
      plans.push({
        model: record.model,
        params: { ...record.params, guidance_scale: g, [seedName]: seed, [spec.countParam]: 1 },
        label: `guidance ${g} · seed ${seed}`,
      });
    }
  }
  return plans;
}
