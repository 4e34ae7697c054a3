// The messages between the generator panel's webview (media/) and the extension host (src/panel/).
// Imported by both bundles, so it depends on nothing but zod/mini. `import * as z` (not `{ z }`)
// keeps zod/mini tree-shakeable: the named `z` namespace drags every locale into the browser bundle.
import * as z from 'zod/mini';
import { MAX_TEXT, paramsSchema } from './params';

export { paramsSchema, type Params, type ParamValue } from './params';

const MAX_ID = 64;

const messageId = z.string().check(z.minLength(1), z.maxLength(MAX_ID));
const shortText = z.string().check(z.maxLength(200));
/** A file the extension produced, as the webview knows it. `uri` is the handle file actions send back. */
const resultFile = z.object({
  uri: z.string().check(z.maxLength(4096)),
  path: z.string().check(z.maxLength(4096)),
  src: z.optional(z.string().check(z.maxLength(4096))),
});
export type ResultFile = z.infer<typeof resultFile>;

// ---------- webview → extension ----------
const ready = z.object({ type: z.literal('ready') });
const generate = z.object({
  type: z.literal('generate'),
  id: messageId,
  model: shortText,
  params: paramsSchema,
  /** Shown on the job card, e.g. "guidance_scale 5 · seed 42" for a sweep. */
  label: z.optional(shortText),
});
const fileAction = z.object({
  type: z.literal('fileAction'),
  id: messageId,
  action: z.enum(['insert', 'reveal', 'open', 'copyPath']),
  uri: z.string().check(z.minLength(1), z.maxLength(4096)),
});
const cancelJob = z.object({ type: z.literal('cancel'), id: messageId, jobId: messageId });
/**
 * After a window reload the webview's saved state may predate a job's end (the workbench saves
 * webview state lazily). It asks the extension to find such jobs' images in the history.
 */
const trackJobs = z.object({
  type: z.literal('track'),
  jobs: z.array(z.object({
    jobId: messageId,
    model: shortText,
    prompt: z.string().check(z.maxLength(MAX_TEXT)),
    seed: z.optional(z.number()),
    requestId: z.optional(shortText),
  })).check(z.maxLength(32)),
});

/** What a request with the form's current values would cost; sent when the form changes. */
const estimate = z.object({ type: z.literal('estimate'), id: messageId, model: shortText, params: paramsSchema });

/** Save the form's settings as a preset: the extension asks for the name (and style), then replies with it. */
const savePreset = z.object({
  type: z.literal('savePreset'),
  id: messageId,
  model: shortText,
  params: paramsSchema,
  /** The preset the form came from: its name is suggested and its style kept. */
  basedOn: z.optional(shortText),
});
const renamePreset = z.object({ type: z.literal('renamePreset'), id: messageId, name: shortText });
const deletePreset = z.object({ type: z.literal('deletePreset'), id: messageId, name: shortText });

export const webviewMessageSchema = z.discriminatedUnion('type', [ready, generate, fileAction, cancelJob, trackJobs, estimate, savePreset, renamePreset, deletePreset]);
export type WebviewMessage = z.infer<typeof webviewMessageSchema>;
export type GenerateMessage = z.infer<typeof generate>;
export type FileActionMessage = z.infer<typeof fileAction>;
export type FileAction = FileActionMessage['action'];
export type TrackedJob = z.infer<typeof trackJobs>['jobs'][number];

// ---------- extension → webview ----------
export const JOB_STATES = ['starting', 'queued', 'processing', 'downloading', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** Live state of one generation; the first message for an unknown job id creates its card. */
const job = z.object({
  type: z.literal('job'),
  jobId: messageId,
  state: z.enum(JOB_STATES),
  model: shortText,
  params: paramsSchema,
  seed: z.optional(z.number()),
  label: z.optional(shortText),
  elapsedMs: z.optional(z.number()),
  requestId: z.optional(shortText),
  files: z.optional(z.array(resultFile).check(z.maxLength(16))),
  error: z.optional(z.string().check(z.maxLength(MAX_TEXT))),
});
/** Replace the form's contents (reproduce from an image, selection, variations). */
const prefill = z.object({
  type: z.literal('prefill'),
  model: shortText,
  params: paramsSchema,
  /** Reproducing wants the exact seed; without it the seed toggle stays on "random". */
  keepSeed: z.boolean(),
  notice: z.optional(z.string().check(z.maxLength(500))),
});
/**
 * The presets on offer (user and workspace, already validated by the extension: src/shared/presets.ts),
 * sent on `ready` and whenever they change. Only their shape is checked here, which keeps the
 * preset rules out of the webview bundle.
 */
const presetView = z.object({
  name: shortText,
  model: shortText,
  params: paramsSchema,
  prefix: z.optional(z.string().check(z.maxLength(MAX_TEXT))),
  suffix: z.optional(z.string().check(z.maxLength(MAX_TEXT))),
  source: z.enum(['user', 'workspace']),
});
const presets = z.object({ type: z.literal('presets'), presets: z.array(presetView).check(z.maxLength(500)) });
/** Put the editor's selection in the prompt, leaving the other values as the user set them. */
const setPrompt = z.object({ type: z.literal('setPrompt'), prompt: z.string().check(z.maxLength(MAX_TEXT)) });

// ---------- replies: each request (a webview message with an `id`) gets one, carrying that id ----------
/** The job was accepted with this seed (the request builder's choice); its progress follows as `job` messages. */
const generateReply = z.object({ type: z.literal('reply'), request: z.literal('generate'), id: messageId, seed: z.number() });
const fileActionReply = z.object({ type: z.literal('reply'), request: z.literal('fileAction'), id: messageId });
const cancelReply = z.object({ type: z.literal('reply'), request: z.literal('cancel'), id: messageId });
/** `text`: "≈ 0.42 credits" or that there is no estimate yet; `warning`: the estimate exceeds the last known balance. */
const estimateReply = z.object({
  type: z.literal('reply'), request: z.literal('estimate'), id: messageId,
  text: z.string().check(z.maxLength(500)), warning: z.optional(z.string().check(z.maxLength(500))),
});
/** `name` is the preset as saved or renamed; without it the user dismissed the question. */
const savePresetReply = z.object({ type: z.literal('reply'), request: z.literal('savePreset'), id: messageId, name: z.optional(shortText) });
const renamePresetReply = z.object({ type: z.literal('reply'), request: z.literal('renamePreset'), id: messageId, name: z.optional(shortText) });
const deletePresetReply = z.object({ type: z.literal('reply'), request: z.literal('deletePreset'), id: messageId, deleted: z.boolean() });
const reply = z.discriminatedUnion('request', [generateReply, fileActionReply, cancelReply, estimateReply, savePresetReply, renamePresetReply, deletePresetReply]);
/** A request that failed or was refused; the webview shows `message`. */
const errorReply = z.object({
  type: z.literal('error'),
  request: z.enum(['generate', 'fileAction', 'cancel', 'estimate', 'savePreset', 'renamePreset', 'deletePreset']),
  id: messageId,
  message: z.string().check(z.maxLength(MAX_TEXT)),
});

/** Each request type and the reply that answers it. */
export interface RequestReplies {
  generate: z.infer<typeof generateReply>;
  fileAction: z.infer<typeof fileActionReply>;
  cancel: z.infer<typeof cancelReply>;
  estimate: z.infer<typeof estimateReply>;
  savePreset: z.infer<typeof savePresetReply>;
  renamePreset: z.infer<typeof renamePresetReply>;
  deletePreset: z.infer<typeof deletePresetReply>;
}
export type RequestType = keyof RequestReplies;
export type RequestMessage<K extends RequestType = RequestType> = Extract<WebviewMessage, { type: K }>;
/** What a successful reply to a `K` request carries besides its tags. */
export type ReplyPayload<K extends RequestType> = Omit<RequestReplies[K], 'type' | 'request' | 'id'>;
export type ErrorReply = z.infer<typeof errorReply>;
// Every webview message that carries an id is a request with a reply type (a compile error otherwise).
const everyRequestHasAReply: Exclude<Extract<WebviewMessage, { id: string }>['type'], RequestType> extends never ? true : never = true;
void everyRequestHasAReply;

export const extensionMessageSchema = z.discriminatedUnion('type', [job, prefill, setPrompt, presets, reply, errorReply]);
export type ExtensionMessage = z.infer<typeof extensionMessageSchema>;
export type JobMessage = z.infer<typeof job>;
export type PrefillMessage = z.infer<typeof prefill>;
export type PresetsMessage = z.infer<typeof presets>;
export type PresetView = z.infer<typeof presetView>;

/** Initial data the extension puts in the page as escaped `data-init` JSON. */
export const initialDataSchema = z.object({
  model: shortText,
  /** User defaults per model (setting `segmind.defaultParameters`), merged over the catalog's. */
  userDefaults: z.record(z.string(), paramsSchema),
  prompt: z.optional(z.string().check(z.maxLength(MAX_TEXT))),
  platform: z.enum(['mac', 'other']),
});
export type InitialData = z.infer<typeof initialDataSchema>;

export type ParseResult<T> = { ok: true; message: T } | { ok: false; reason: string };

function describe(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid message';
}

/** Validates a message received from the webview; never throws. */
export function parseWebviewMessage(raw: unknown): ParseResult<WebviewMessage> {
  return parseWith(webviewMessageSchema, raw);
}

/** Validates a message received from the extension; never throws. */
export function parseExtensionMessage(raw: unknown): ParseResult<ExtensionMessage> {
  return parseWith(extensionMessageSchema, raw);
}

/** Validates `raw` against a message schema; never throws. */
export function parseWith<T>(schema: z.ZodMiniType<T>, raw: unknown): ParseResult<T> {
  return safely(() => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? { ok: true, message: parsed.data } : { ok: false, reason: describe(parsed.error) };
  });
}

/** safeParse still throws when reading the input throws (a getter, a revoked Proxy): report, never throw. */
function safely<T>(parse: () => ParseResult<T>): ParseResult<T> {
  try {
    return parse();
  } catch (e) {
    return { ok: false, reason: `unreadable message (${e instanceof Error ? e.message.slice(0, 200) : 'error'})` };
  }
}
