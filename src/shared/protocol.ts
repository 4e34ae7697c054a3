// The messages between the generator panel's webview (media/) and the extension host (src/panel/).
// Imported by both bundles, so it depends on nothing but zod/mini. `import * as z` (not `{ z }`)
// keeps zod/mini tree-shakeable: the named `z` namespace drags every locale into the browser bundle.
// The webview checks what the extension sends with src/shared/extensionMessages.ts instead (no zod in
// its bundle); the schemas of extension → webview messages below give the types and are its test oracle.
import * as z from 'zod/mini';
import { JOB_STATES, MAX_DROPPED_BYTES, MAX_ID, MAX_JOB_FILES, MAX_NOTE, MAX_PRESETS, MAX_SHORT, MAX_TEXT, MAX_URI } from './messageConstants';
import { paramsSchema } from './params';

export { paramsSchema, type Params, type ParamValue } from './params';

const messageId = z.string().check(z.minLength(1), z.maxLength(MAX_ID));
const shortText = z.string().check(z.maxLength(MAX_SHORT));
const note = z.string().check(z.maxLength(MAX_NOTE));
const uriText = z.string().check(z.minLength(1), z.maxLength(MAX_URI));
/** A file the extension produced, as the webview knows it. `uri` is the handle file actions send back. */
const resultFile = z.object({
  uri: z.string().check(z.maxLength(MAX_URI)),
  path: z.string().check(z.maxLength(MAX_URI)),
  src: z.optional(z.string().check(z.maxLength(MAX_URI))),
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
  uri: uriText,
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
/**
 * An image dropped on the panel: the extension replies with its settings. A file from VS Code (Explorer,
 * gallery) comes as its URI, which the extension reads only if it is an image of the workspace or the
 * history; a file from the OS comes as its bytes (the extension cannot name it).
 */
const dropImage = z.object({
  type: z.literal('dropImage'),
  id: messageId,
  source: z.union([
    z.object({ uri: uriText }),
    z.object({
      name: shortText,
      bytes: z.instanceof(Uint8Array).check(z.refine((b) => b.byteLength <= MAX_DROPPED_BYTES, { error: 'image too large' })),
    }),
  ]),
});

export const webviewMessageSchema = z.discriminatedUnion('type', [ready, generate, fileAction, cancelJob, trackJobs, estimate, savePreset, renamePreset, deletePreset, dropImage]);
export type WebviewMessage = z.infer<typeof webviewMessageSchema>;
export type GenerateMessage = z.infer<typeof generate>;
export type FileActionMessage = z.infer<typeof fileAction>;
export type FileAction = FileActionMessage['action'];
export type TrackedJob = z.infer<typeof trackJobs>['jobs'][number];
export type DroppedImage = z.infer<typeof dropImage>['source'];

// ---------- extension → webview ----------
export { JOB_STATES };
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
  files: z.optional(z.array(resultFile).check(z.maxLength(MAX_JOB_FILES))),
  error: z.optional(z.string().check(z.maxLength(MAX_TEXT))),
});
/** What replaces the form's contents. */
const prefillFields = {
  model: shortText,
  params: paramsSchema,
  /** Reproducing wants the exact seed; without it the seed toggle stays on "random". */
  keepSeed: z.boolean(),
  notice: z.optional(note),
};
/** Replace the form's contents (reproduce from an image, selection, variations). */
const prefill = z.object({ type: z.literal('prefill'), ...prefillFields });
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
const presets = z.object({ type: z.literal('presets'), presets: z.array(presetView).check(z.maxLength(MAX_PRESETS)) });
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
  text: note, warning: z.optional(note),
});
/** `name` is the preset as saved or renamed; without it the user dismissed the question. */
const savePresetReply = z.object({ type: z.literal('reply'), request: z.literal('savePreset'), id: messageId, name: z.optional(shortText) });
const renamePresetReply = z.object({ type: z.literal('reply'), request: z.literal('renamePreset'), id: messageId, name: z.optional(shortText) });
const deletePresetReply = z.object({ type: z.literal('reply'), request: z.literal('deletePreset'), id: messageId, deleted: z.boolean() });
/** The dropped image's settings, for the form (as a `prefill`). */
const dropImageReply = z.object({ type: z.literal('reply'), request: z.literal('dropImage'), id: messageId, ...prefillFields });
const reply = z.discriminatedUnion('request', [generateReply, fileActionReply, cancelReply, estimateReply, savePresetReply, renamePresetReply, deletePresetReply, dropImageReply]);
export const REQUEST_TYPES = ['generate', 'fileAction', 'cancel', 'estimate', 'savePreset', 'renamePreset', 'deletePreset', 'dropImage'] as const;
/** A request that failed or was refused; the webview shows `message`. */
const errorReply = z.object({
  type: z.literal('error'),
  request: z.enum(REQUEST_TYPES),
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
  dropImage: z.infer<typeof dropImageReply>;
}
export type RequestType = keyof RequestReplies;
export type RequestMessage<K extends RequestType = RequestType> = Extract<WebviewMessage, { type: K }>;
/** What a successful reply to a `K` request carries besides its tags. */
export type ReplyPayload<K extends RequestType> = Omit<RequestReplies[K], 'type' | 'request' | 'id'>;
export type ErrorReply = z.infer<typeof errorReply>;
// Every webview message that carries an id is a request with a reply type (a compile error otherwise).
const everyRequestHasAReply: Exclude<Extract<WebviewMessage, { id: string }>['type'], RequestType> extends never ? true : never = true;
void everyRequestHasAReply;
// …and REQUEST_TYPES (what an error reply may answer) lists exactly those.
const everyRequestIsListed: [RequestType] extends [(typeof REQUEST_TYPES)[number]] ? ((typeof REQUEST_TYPES)[number] extends RequestType ? true : never) : never = true;
void everyRequestIsListed;

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
