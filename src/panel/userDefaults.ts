// The user's per-model defaults, as validated by the settings snapshot, in the form the webview's
// initial data takes: known models only, scalar values only (what a form field can hold).
import { isModelSlug } from '../shared/catalog';
import type { InitialData, Params } from '../shared/protocol';
import type { SettingsSnapshot } from '../settings/snapshot';

export function userDefaults(defaults: SettingsSnapshot['defaultParameters']): InitialData['userDefaults'] {
  const out: InitialData['userDefaults'] = {};
  for (const [slug, params] of Object.entries(defaults)) {
    if (!isModelSlug(slug)) continue;
    const clean: Params = {};
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') clean[name] = value;
    }
    out[slug] = clean;
  }
  return out;
}
