// The webview's check of what the extension sends (and of the page's initial data), written out by
// hand: zod was half of the panel's bundle. The extension is trusted, so this guards against
// anything else reaching the page's message listener and against version skew, nothing more; the
// extension still validates every webview message with zod (src/shared/protocol.ts). Type-only
// imports of protocol.ts keep its schemas out of the webview bundle; a unit test checks that this
// agrees with them.
import type { ExtensionMessage, InitialData, ParseResult, RequestType } from './protocol';
import { JOB_STATES, MAX_ID, MAX_JOB_FILES, MAX_NOTE, MAX_PRESETS, MAX_SHORT, MAX_TEXT, MAX_URI } from './messageConstants';
import { boolean, finite, guarded, isRecord, list, parseByType, object, oneOf, optional, params, recordOf, text, type Check, type Fields } from './plainChecks';

const id = text(MAX_ID, 1);
const short = text(MAX_SHORT);
const note = text(MAX_NOTE);
const prose = text(MAX_TEXT);
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
  return parseByType<ExtensionMessage>(messages, raw);
}

/** Checks the page's `data-init` JSON; never throws. */
export function parseInitialData(raw: unknown): ParseResult<InitialData> {
  return guarded(() => (initialData(raw) ? { ok: true, message: raw as InitialData } : { ok: false, reason: 'malformed initial data' }));
}
