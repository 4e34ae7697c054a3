// How an image was made: from the history, or from the metadata embedded in the file. Used by
// "Reproduce Image in Generator", an image dropped on the panel, the gallery's Regenerate and Variations.
import { MODELS, isModelSlug, seedParameter, type ModelSlug } from '../shared/catalog';
import type { Params } from '../shared/protocol';
import type { History, HistoryEntry } from '../history/history';

export interface GenerationRecord {
  readonly model: ModelSlug;
  /** Every API parameter, `prompt` included, with the seed under the model's seed parameter. */
  readonly params: Params;
  readonly seed?: number;
  readonly source: 'history' | 'metadata';
  /** The model another tool named (A1111 text), when it is not one of ours: the form uses `model` instead. */
  readonly foreignModel?: string;
}

/** What `readGenerationMetadata` (src/segmind/metadata.ts) returns. */
export interface EmbeddedMetadata {
  readonly model: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed?: number;
  readonly requestId?: string;
}
export type MetadataReader = (bytes: Uint8Array) => EmbeddedMetadata | undefined;

export function recordFromEntry(entry: HistoryEntry): GenerationRecord | undefined {
  if (!isModelSlug(entry.model)) return undefined;
  return fromParts(entry.model, { ...entry.params, prompt: entry.prompt }, entry.seed, 'history');
}

/** Images from other tools name their own model: their prompt and seed still carry over to `fallbackModel`. */
export function recordFromMetadata(meta: EmbeddedMetadata, fallbackModel: ModelSlug): GenerationRecord {
  if (isModelSlug(meta.model)) return fromParts(meta.model, meta.params, meta.seed, 'metadata');
  return { ...fromParts(fallbackModel, meta.params, meta.seed, 'metadata'), ...(meta.model ? { foreignModel: meta.model } : {}) };
}

/** The history's entry for the file first (exact), else the file's embedded metadata. */
export async function recordForFile(
  uri: string,
  history: Pick<History, 'findByUri'>,
  readBytes: () => Promise<Uint8Array>,
  readMetadata: MetadataReader | undefined,
  fallbackModel: ModelSlug,
): Promise<GenerationRecord | undefined> {
  const entry = history.findByUri(uri);
  const fromHistory = entry ? recordFromEntry(entry) : undefined;
  if (fromHistory) return fromHistory;
  if (!readMetadata) return undefined;
  const meta = readMetadata(await readBytes());
  return meta ? recordFromMetadata(meta, fallbackModel) : undefined;
}

/** Keeps only the model's own parameters with form-compatible values, and puts the seed in its place. */
function fromParts(model: ModelSlug, raw: Readonly<Record<string, unknown>>, seed: number | undefined, source: GenerationRecord['source']): GenerationRecord {
  const spec = MODELS[model];
  const params: Params = {};
  for (const p of spec.parameters) {
    const v = raw[p.name];
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) params[p.name] = v;
  }
  const seedName = seedParameter(spec)?.name;
  const concrete = typeof seed === 'number' && seed >= 0 ? seed : typeof params[seedName ?? ''] === 'number' ? (params[seedName ?? ''] as number) : undefined;
  if (seedName && concrete !== undefined) params[seedName] = concrete;
  return { model, params, ...(concrete !== undefined ? { seed: concrete } : {}), source };
}
