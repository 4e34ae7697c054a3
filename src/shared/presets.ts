// Presets: named generator settings (model + parameters) with an optional prompt style (text put
// before and after the user's prompt). Shared: the extension validates and merges them, the panel's
// webview applies them. Kept in user settings (`segmind.presets`) and in a workspace's
// `.vscode/segmind-presets.json`.
import * as z from 'zod/mini'; // namespace import keeps zod/mini tree-shakeable in the webview bundle
import { MODEL_SLUGS, isModelSlug } from './catalog';
import { paramsSchema } from './params';
import { applyStyle } from './presetStyle';
import { validateParams, type ValidationIssue } from './validation';

export const MAX_PRESET_NAME = 80;
const MAX_STYLE = 2_000;
const MODEL_ERROR = `must be one of ${MODEL_SLUGS.join(', ')}`;

export const presetSchema = z.object({
  name: z.string({ error: 'must be a non-empty name' }).check(z.trim(), z.minLength(1, { error: 'must be a non-empty name' }), z.maxLength(MAX_PRESET_NAME)),
  model: z.string({ error: MODEL_ERROR }).check(z.refine(isModelSlug, { error: MODEL_ERROR })),
  /** API parameters without the prompt; a seed here makes every image of the preset reproducible. */
  params: z._default(paramsSchema.check(z.refine((p) => !('prompt' in p), { error: 'must not contain "prompt" (use prefix/suffix)' })), {}),
  /** The style: put before / after the prompt. */
  prefix: z.optional(z.string().check(z.maxLength(MAX_STYLE))),
  suffix: z.optional(z.string().check(z.maxLength(MAX_STYLE))),
});
export type Preset = z.infer<typeof presetSchema>;

export type PresetSource = 'user' | 'workspace';
/** A preset with where it comes from; also what the panel receives (src/shared/protocol.ts checks its shape). */
export interface SourcedPreset extends Preset {
  readonly source: PresetSource;
}

export interface PresetList {
  readonly presets: Preset[];
  /** One sentence per rejected preset, naming where it came from, the preset and the field. */
  readonly problems: string[];
}

/**
 * Validates a list of presets as read from `where` (a setting name or a file path): bad entries are
 * dropped with a problem, valid ones kept; parameters are checked against the catalog like a request.
 */
export function parsePresetList(raw: unknown, where: string): PresetList {
  if (raw === undefined || raw === null) return { presets: [], problems: [] };
  if (!Array.isArray(raw)) return { presets: [], problems: [`${where} must be a list of presets (got ${typeof raw})`] };
  const presets: Preset[] = [];
  const problems: string[] = [];
  for (const [index, entry] of raw.entries()) {
    const label = presetLabel(entry, index);
    const parsed = presetSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || '(the preset)';
      problems.push(`${where}: preset ${label}: ${field} ${issue?.message ?? 'is invalid'}`);
      continue;
    }
    const paramIssue = presetParamsIssue(parsed.data.model, parsed.data.params);
    if (paramIssue) {
      problems.push(`${where}: preset ${label}: params.${paramIssue.field}: ${paramIssue.message}`);
      continue;
    }
    if (presets.some((p) => p.name === parsed.data.name)) {
      problems.push(`${where}: preset ${label}: name is used twice (the first one is kept)`);
      continue;
    }
    presets.push(parsed.data);
  }
  return { presets, problems };
}

/** The first problem of a preset's parameters, checked like a request's (the prompt comes later: a stand-in). */
export function presetParamsIssue(model: string, params: Readonly<Record<string, unknown>>): ValidationIssue | undefined {
  if (!isModelSlug(model)) return { field: 'model', message: `Unknown model "${model}".` };
  return validateParams(model, { ...params, prompt: 'prompt' })[0];
}

/** Reads `.vscode/segmind-presets.json` text: `{ "presets": [...] }` or a bare list. */
export function parsePresetsFile(text: string, path: string): PresetList {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { presets: [], problems: [`${path} is not valid JSON (${e instanceof Error ? e.message : 'parse error'})`] };
  }
  const list = Array.isArray(json) ? json : typeof json === 'object' && json !== null ? (json as { presets?: unknown }).presets : json;
  return parsePresetList(list ?? [], `${path} "presets"`);
}

/** Workspace presets first: on a name clash the project's definition wins (it is what the team shares). */
export function mergePresets(user: readonly Preset[], workspace: readonly Preset[]): SourcedPreset[] {
  const names = new Set(workspace.map((p) => p.name));
  return [
    ...workspace.map((p) => ({ ...p, source: 'workspace' as const })),
    ...user.filter((p) => !names.has(p.name)).map((p) => ({ ...p, source: 'user' as const })),
  ];
}

function presetLabel(entry: unknown, index: number): string {
  const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() ? `"${name.trim().slice(0, MAX_PRESET_NAME)}"` : `#${index + 1}`;
}

/**
 * The model and request parameters for `prompt`: the user's per-model defaults, then the preset's
 * values (and its style around the prompt), then the caller's own parameters.
 */
export function generationSettings(
  prompt: string,
  preset: Preset | null,
  settings: { readonly defaultModel: string; readonly defaultParameters: Readonly<Record<string, Readonly<Record<string, unknown>>>> },
  overrides: { readonly model?: string; readonly params?: Readonly<Record<string, unknown>> } = {},
): { model: string; params: Record<string, unknown> } {
  const model = preset?.model ?? overrides.model ?? settings.defaultModel;
  return { model, params: { ...settings.defaultParameters[model], ...preset?.params, ...overrides.params, prompt: applyStyle(prompt, preset ?? undefined) } };
}
