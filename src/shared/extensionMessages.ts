// The webview's check of what the extension sends (and of the page's initial data), written out by
// hand: zod was half of the panel's bundle. The extension is trusted, so this guards against
// anything else reaching the page's message listener and against version skew, nothing more; the
// extension still validates every webview message with zod (src/shared/protocol.ts). Type-only
// imports of protocol.ts keep its schemas out of the webview bundle; a unit test checks that this
// agrees with them.
import type { ExtensionMessage, InitialData, ParseResult, RequestType } from './protocol';
import { JOB_STATES, MAX_ID, MAX_JOB_FILES, MAX_NOTE, MAX_PARAMS, MAX_PARAM_NAME, MAX_PRESETS, MAX_SHORT, MAX_TEXT, MAX_URI } from './messageConstants';

type Check = (value: unknown) => boolean;
type Fields = Readonly<Record<string, Check>>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (max: number, min = 0): Check => (v) => typeof v === 'string' && v.length >= min && v.length <= max;
const finite: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const boolean: Check = (v) => typeof v === 'boolean';
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const oneOf = (values: readonly string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const list = (item: Check, max: number): Check => (v) => Array.isArray(v) && v.length <= max && v.every(item);
const object = (fields: Fields): Check => (v) => isRecord(v) && Object.entries(fields).every(([name, check]) => check(Object.hasOwn(v, name) ? v[name] : undefined));
const recordOf = (value: Check, maxKeys = Infinity): Check => (v) => {
  if (!isRecord(v)) return false;
  const entries = Object.entries(v);
  return entries.length <= maxKeys && entries.every(([k, x]) => k.length >= 1 && k.length <= MAX_PARAM_NAME && value(x));
};

const id = text(MAX_ID, 1);
const short = text(MAX_SHORT);
const note = text(MAX_NOTE);
const prose = text(MAX_TEXT);
const params = recordOf((v) => finite(v) || typeof v === 'boolean' || (typeof v === 'string' && v.length <= MAX_TEXT), MAX_PARAMS);
const resultFile = object({ uri: text(MAX_URI), path: text(MAX_URI), src: optional(text(MAX_URI)) });
const prefill: Fields = { model: short, params, keepSeed: boolean, notice: optional(note) };

/** Each reply's fields besides its tags, by the request it answers. */
const replies: { readonly [K in RequestType]: Fields } = {
  generate: { seed: finite },
  fileAction: {},
  cancel: {},
  estimate: { text: note, warning: optional(note) },
  savePreset: { name: optional(short) },
  renamePreset: { name: optional(short) },
  deletePreset: { deleted: boolean },
  dropImage: prefill,
};
const isRequestType = (v: unknown): v is RequestType => typeof v === 'string' && Object.hasOwn(replies, v);

/** Each message's fields besides `type`. */
const messages: { readonly [K in ExtensionMessage['type']]: Check } = {
  job: object({
    jobId: id,
    state: oneOf(JOB_STATES),
    model: short,
    params,
    seed: optional(finite),
    label: optional(short),
    elapsedMs: optional(finite),
    requestId: optional(short),
    files: optional(list(resultFile, MAX_JOB_FILES)),
    error: optional(prose),
  }),
  prefill: object(prefill),
  setPrompt: object({ prompt: prose }),
  presets: object({
    presets: list(object({ name: short, model: short, params, prefix: optional(prose), suffix: optional(prose), source: oneOf(['user', 'workspace']) }), MAX_PRESETS),
  }),
  reply: (v) => isRecord(v) && isRequestType(v.request) && object({ id, ...replies[v.request] })(v),
  error: object({ request: isRequestType, id, message: prose }),
};

const initialData = object({
  model: short,
  userDefaults: recordOf(params),
  prompt: optional(prose),
  platform: oneOf(['mac', 'other']),
});

/** Checks a message received from the extension; never throws. */
export function parseExtensionMessage(raw: unknown): ParseResult<ExtensionMessage> {
  return guarded(() => {
    const type = isRecord(raw) ? raw.type : undefined;
    if (typeof type !== 'string' || !Object.hasOwn(messages, type)) return { ok: false, reason: 'unknown message type' };
    return messages[type as ExtensionMessage['type']](raw) ? { ok: true, message: raw as ExtensionMessage } : { ok: false, reason: `malformed ${type} message` };
  });
}

/** Checks the page's `data-init` JSON; never throws. */
export function parseInitialData(raw: unknown): ParseResult<InitialData> {
  return guarded(() => (initialData(raw) ? { ok: true, message: raw as InitialData } : { ok: false, reason: 'malformed initial data' }));
}

/** Reading the input may throw (a getter, a revoked Proxy): report, never throw. */
function guarded<T>(check: () => ParseResult<T>): ParseResult<T> {
  try {
    return check();
  } catch {
    return { ok: false, reason: 'unreadable message' };
  }
}
