// Parameter validation, derived from the catalog. Shared: the extension runs it before any request
// (src/segmind/request.ts) and the panel's webview runs it as the user types.
import * as z from 'zod/mini'; // namespace import: `{ z }` defeats tree-shaking (all locales) in the webview bundle
import { MODEL_SLUGS, MODELS, RANDOM_SEED, effectiveValue, isModelSlug, type ModelSpec, type ParameterSpec } from './catalog';

export interface ValidationIssue { field: string; message: string }

/** Short, readable rendering of a rejected value for messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : String(value);
}

/** What a valid value of `spec` looks like, phrased to follow "<name> must be". */
export function allowedDescription(spec: ParameterSpec): string {
  switch (spec.type) {
    case 'integer': {
      const multiple = spec.step !== undefined && spec.step > 1 ? ` in multiples of ${spec.step}` : '';
      const random = spec.isSeed ? ` (${RANDOM_SEED} = random)` : '';
      return `an integer from ${spec.min} to ${spec.max}${multiple}${random}`;
    }
    case 'number':
      return `a number from ${spec.min} to ${spec.max}`;
    case 'boolean':
      return 'true or false';
    case 'enum': {
      const values = (spec.values ?? []).map((v) => JSON.stringify(v)).join(', ');
      return spec.openEnum ? `a non-empty name such as ${values}` : `one of ${values}`;
    }
    case 'text':
      return spec.required ? 'non-empty text' : 'text';
  }
}

/** The zod/mini schema of one parameter; every failure carries the catalog-derived message. */
export function parameterSchema(spec: ParameterSpec): z.ZodMiniType<unknown> {
  const error = (issue: { input?: unknown }): string =>
    `${spec.name} must be ${allowedDescription(spec)} (got ${describeValue(issue.input)})`;
  const bounds = (): z.core.$ZodCheck<number>[] => [
    ...(spec.min !== undefined ? [z.minimum(spec.min, { error })] : []),
    ...(spec.max !== undefined ? [z.maximum(spec.max, { error })] : []),
  ];
  switch (spec.type) {
    case 'integer': {
      const multiple = spec.step !== undefined && spec.step > 1 ? [z.multipleOf(spec.step, { error })] : [];
      return z.number({ error }).check(z.int({ error }), ...bounds(), ...multiple);
    }
    case 'number':
      return z.number({ error }).check(...bounds());
    case 'boolean':
      return z.boolean({ error });
    case 'enum':
      return spec.openEnum
        ? z.string({ error }).check(z.refine((s) => s.trim().length > 0, { error }))
        : z.enum((spec.values ?? []) as [string, ...string[]], { error });
    case 'text':
      return spec.required
        ? z.string({ error }).check(z.refine((s) => s.trim().length > 0, { error }))
        : z.string({ error });
  }
}

const schemaCache = new WeakMap<ParameterSpec, z.ZodMiniType<unknown>>();
function cachedSchema(spec: ParameterSpec): z.ZodMiniType<unknown> {
  let schema = schemaCache.get(spec);
  if (!schema) schemaCache.set(spec, (schema = parameterSchema(spec)));
  return schema;
}

/** A value the user left empty: the default (or, for the seed, a random seed) applies. */
export function isAbsent(spec: ParameterSpec, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (value === '' && spec.type !== 'text') return true;
  return spec.isSeed === true && value === RANDOM_SEED;
}

/** Rules that involve more than one parameter, checked once each field is valid on its own. */
function crossFieldIssues(model: ModelSpec, params: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (model.slug === 'stable-diffusion-3-medium-txt2img') {
    const start = effectiveValue(model, params, 'conditioningsettimesteprange_start');
    const stop = effectiveValue(model, params, 'conditioningsettimesteprange_stop');
    if (typeof start === 'number' && typeof stop === 'number' && !(start < stop)) {
      issues.push({
        field: 'conditioningsettimesteprange_start',
        message: `conditioningsettimesteprange_start must be less than conditioningsettimesteprange_stop (got ${start} and ${stop})`,
      });
    }
  }
  return issues;
}

/** Unknown names listed one by one before the rest is summed up (a forged body may carry thousands). */
const MAX_UNKNOWN_REPORTED = 5;

/** Every problem with `params` for model `slug`; empty when the request may be sent. Pure. */
export function validateParams(slug: string, params: Record<string, unknown>): ValidationIssue[] {
  if (!isModelSlug(slug)) {
    return [{ field: 'model', message: `Unknown model ${describeValue(slug)}: use one of ${MODEL_SLUGS.join(', ')}` }];
  }
  const model = MODELS[slug];
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return [{ field: 'params', message: `The parameters for ${model.name} must be an object (got ${describeValue(params)})` }];
  }
  const issues: ValidationIssue[] = [];
  const unknown = Object.keys(params).filter((name) => !model.parameters.some((p) => p.name === name));
  for (const name of unknown.slice(0, MAX_UNKNOWN_REPORTED)) {
    const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
    issues.push({ field: name, message: `Unknown parameter "${shown}" for ${model.name}` });
  }
  if (unknown.length > MAX_UNKNOWN_REPORTED) {
    issues.push({ field: unknown[MAX_UNKNOWN_REPORTED] ?? 'params', message: `${unknown.length - MAX_UNKNOWN_REPORTED} more unknown parameters for ${model.name}` });
  }
  for (const spec of model.parameters) {
    // Own values only: something inherited (a polluted Object.prototype) must never reach a request.
    const value = Object.hasOwn(params, spec.name) ? params[spec.name] : undefined;
    if (isAbsent(spec, value)) {
      if (spec.required) issues.push({ field: spec.name, message: `${spec.name} is required: describe the image to generate` });
      continue;
    }
    const result = cachedSchema(spec).safeParse(value);
    if (!result.success) {
      issues.push({ field: spec.name, message: result.error.issues[0]?.message ?? `${spec.name} is not valid` });
    }
  }
  if (issues.length === 0) issues.push(...crossFieldIssues(model, params));
  return issues;
}
