// The user's per-model defaults (setting `segmind.defaultParameters`) as the webview's initial data.
import { isModelSlug } from '../segmind/catalog';
import type { InitialData, Params } from '../protocol/messages';

/** Only known models and scalar values: the setting is user-edited JSON. */
export function userDefaults(raw: unknown): InitialData['userDefaults'] {
  const out: InitialData['userDefaults'] = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [slug, params] of Object.entries(raw as Record<string, unknown>)) {
    if (!isModelSlug(slug) || typeof params !== 'object' || params === null) continue;
    const clean: Params = {};
    for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') clean[name] = value;
    }
    out[slug] = clean;
  }
  return out;
}
