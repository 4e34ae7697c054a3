// The request builder: a validated body with the catalog's defaults and a concrete seed. The one
// place a random seed is chosen, so the history and "reuse last seed" know every image's seed.
import { MODELS, type ModelSpec } from '../shared/catalog';
import { isAbsent, validateParams } from '../shared/validation';
import { SegmindError } from './errors';

/** A uniformly random seed that every model accepts (32 bits), from the platform's CSPRNG. */
export function randomSeed(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
}

/**
 * The request body for `slug`: validated, catalog defaults merged in, and a concrete seed in place of
 * a random one so the image can be reproduced. Throws SegmindError kind 'validation'.
 */
export function buildRequest(
  slug: string,
  params: Record<string, unknown>,
  opts: { randomSeed?: () => number } = {},
): { model: ModelSpec; body: Record<string, unknown>; seed: number } {
  const issues = validateParams(slug, params);
  const first = issues[0];
  if (first) {
    const message = issues.map((i) => i.message).join('; ');
    throw new SegmindError('validation', `${message}.`, { field: first.field });
  }
  const model = MODELS[slug as keyof typeof MODELS];
  const body: Record<string, unknown> = {};
  let seed = 0;
  for (const spec of model.parameters) {
    const value = Object.hasOwn(params, spec.name) ? params[spec.name] : undefined;
    if (spec.isSeed) {
      seed = isAbsent(spec, value) ? (opts.randomSeed ?? randomSeed)() : (value as number);
      body[spec.name] = seed;
    } else if (!isAbsent(spec, value)) {
      body[spec.name] = value;
    } else if (spec.default !== undefined) {
      body[spec.name] = spec.default;
    }
  }
  return { model, body, seed };
}
