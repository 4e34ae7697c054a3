// Plain checks of JSON-like values, for the webviews' check of what the extension sends: the same
// limits as the zod schemas (src/shared/protocol.ts, galleryMessages.ts) without zod in a webview
// bundle. Unit tests check that each message check agrees with its schema.
import { MAX_PARAMS, MAX_PARAM_NAME, MAX_TEXT } from './messageConstants';
import type { ParseResult } from './protocol';

export type Check = (value: unknown) => boolean;
export type Fields = Readonly<Record<string, Check>>;

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const text = (max: number, min = 0): Check => (v) => typeof v === 'string' && v.length >= min && v.length <= max;
export const finite: Check = (v) => typeof v === 'number' && Number.isFinite(v);
export const boolean: Check = (v) => typeof v === 'boolean';
export const optional = (check: Check): Check => (v) => v === undefined || check(v);
export const nullable = (check: Check): Check => (v) => v === null || check(v);
export const oneOf = (values: readonly string[]): Check => (v) => typeof v === 'string' && values.includes(v);
export const list = (item: Check, max: number, min = 0): Check => (v) => Array.isArray(v) && v.length >= min && v.length <= max && v.every(item);
export const object = (fields: Fields): Check => (v) => isRecord(v) && Object.entries(fields).every(([name, check]) => check(Object.hasOwn(v, name) ? v[name] : undefined));
const paramName = text(MAX_PARAM_NAME, 1);
export const recordOf = (value: Check, maxKeys = Infinity, key: Check = paramName): Check => (v) => {
  if (!isRecord(v)) return false;
  const entries = Object.entries(v);
  return entries.length <= maxKeys && entries.every(([k, x]) => key(k) && value(x));
};
/** A model's parameters, as `paramsSchema` takes them. */
export const params = recordOf((v) => finite(v) || typeof v === 'boolean' || (typeof v === 'string' && v.length <= MAX_TEXT), MAX_PARAMS);

/** Checks a message by its `type` with one check per type; never throws. */
export function parseByType<M extends { type: string }>(checks: { readonly [K in M['type']]: Check }, raw: unknown): ParseResult<M> {
  return guarded(() => {
    const type = isRecord(raw) ? raw.type : undefined;
    if (typeof type !== 'string' || !Object.hasOwn(checks, type)) return { ok: false, reason: 'unknown message type' };
    return checks[type as M['type']](raw) ? { ok: true, message: raw as M } : { ok: false, reason: `malformed ${type} message` };
  });
}

/** Reading the input may throw (a getter, a revoked Proxy): report, never throw. */
export function guarded<T>(check: () => ParseResult<T>): ParseResult<T> {
  try {
    return check();
  } catch {
    return { ok: false, reason: 'unreadable message' };
  }
}
