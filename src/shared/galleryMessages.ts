// The messages between the gallery's webview view (media/gallery/) and the extension host
// (src/gallery/grid/). The extension validates what the webview sends with these schemas; the
// webview imports only their types and checks what it receives with galleryExtensionMessages.ts
// (no zod in its bundle), which a unit test compares with the schemas below.
import * as z from 'zod/mini';
import { GALLERY_COMMANDS, GALLERY_MAX_IDS, GALLERY_MAX_ITEM_ID, MAX_ID, MAX_SHORT, MAX_TEXT, MAX_URI } from './messageConstants';
import { paramsSchema, parseWith, type ParseResult } from './protocol';

const MAX_IDS = GALLERY_MAX_IDS;

const requestId = z.string().check(z.minLength(1), z.maxLength(MAX_ID));
const itemId = z.string().check(z.minLength(1), z.maxLength(GALLERY_MAX_ITEM_ID));
const itemIds = (max: number) => z.array(itemId).check(z.minLength(1), z.maxLength(max));
const text = z.string().check(z.maxLength(MAX_TEXT));
const pathText = z.string().check(z.maxLength(MAX_URI));

/** One image as the grid knows it: what it shows, searches and filters on; never the full-size file. */
export const galleryItemSchema = z.object({
  id: itemId,
  createdAt: z.number(),
  /** Model id; `models` in the items message names it. */
  model: z.string().check(z.maxLength(MAX_SHORT)),
  prompt: text,
  negativePrompt: z.optional(text),
  seed: z.number(),
  /** Workspace-relative path: shown, searched, and its folder is a filter. */
  path: pathText,
  /** Credits the image cost; null while unknown (issue 15 §4 fills it in). */
  credits: z.nullable(z.number()),
});
export type GalleryItem = z.infer<typeof galleryItemSchema>;

export const GALLERY_ACTIONS = ['open', 'insert', 'reveal', 'copyPrompt', 'useSettings', 'regenerate', 'variations', 'delete'] as const;
export type GalleryAction = (typeof GALLERY_ACTIONS)[number];

// ---------- webview → extension ----------
const ready = z.object({ type: z.literal('ready') });
/** Thumbnails for the items now on screen (and just around it). */
const wantThumbs = z.object({ type: z.literal('wantThumbs'), ids: itemIds(500) });
/** A thumbnail the webview made from a `makeThumb` source: WebP/JPEG bytes as base64. */
const thumbMade = z.object({
  type: z.literal('thumbMade'),
  key: itemId,
  mime: z.enum(['image/webp', 'image/jpeg']),
  data: z.string().check(z.minLength(1), z.maxLength(2_000_000)),
});
const thumbFailed = z.object({ type: z.literal('thumbFailed'), key: itemId, reason: z.string().check(z.maxLength(500)) });
/** The selection changed: the host keeps it for the context menu's commands. */
const select = z.object({ type: z.literal('select'), ids: z.array(itemId).check(z.maxLength(MAX_IDS)) });
const action = z.object({ type: z.literal('action'), id: requestId, action: z.enum(GALLERY_ACTIONS), ids: itemIds(MAX_IDS) });
/** Every parameter of up to two images, for Compare. */
const details = z.object({ type: z.literal('details'), id: requestId, ids: itemIds(2) });

/** The first screen is on display (its thumbnails decoded): the rest of the history may follow. */
const firstScreenShown = z.object({ type: z.literal('firstScreenShown') });
/** The empty state's button. */
const openGenerator = z.object({ type: z.literal('openGenerator') });

export const galleryWebviewMessageSchema = z.discriminatedUnion('type', [ready, firstScreenShown, wantThumbs, thumbMade, thumbFailed, select, action, details, openGenerator]);
export type GalleryWebviewMessage = z.infer<typeof galleryWebviewMessageSchema>;
export type ThumbMadeMessage = z.infer<typeof thumbMade>;

// ---------- extension → webview ----------
/**
 * The history, newest first, sent on `ready` and when it changes, in chunks: the first (`replace`)
 * is small so the first screen shows at once; `complete` marks the last.
 */
const items = z.object({
  type: z.literal('items'),
  replace: z.boolean(),
  complete: z.boolean(),
  items: z.array(galleryItemSchema).check(z.maxLength(MAX_IDS)),
  /** Model id → display name. */
  models: z.record(z.string(), z.string().check(z.maxLength(MAX_SHORT))),
});
/** Thumbnail URLs ready to show; `missing` names items whose source file is gone. */
const thumbs = z.object({
  type: z.literal('thumbs'),
  thumbs: z.array(z.object({ id: itemId, src: pathText })).check(z.maxLength(MAX_IDS)),
  missing: z.optional(z.array(itemId).check(z.maxLength(MAX_IDS))),
});
/** Asks the webview to make one thumbnail: decode `src`, fit it in `size` px, encode, send `thumbMade`. */
const makeThumb = z.object({ type: z.literal('makeThumb'), key: itemId, src: pathText, size: z.number().check(z.gte(16), z.lte(1024)) });
const detailsReply = z.object({
  type: z.literal('details'),
  id: requestId,
  records: z.array(z.object({ id: itemId, model: z.string().check(z.maxLength(MAX_SHORT)), params: paramsSchema, thumb: z.optional(pathText) })).check(z.maxLength(2)),
});
/** From the view's title bar and context menu: focus the search box, or compare the two selected images. */
const command = z.object({ type: z.literal('command'), command: z.enum(GALLERY_COMMANDS) });
const reply = z.object({ type: z.literal('reply'), id: requestId });
const errorReply = z.object({ type: z.literal('error'), id: requestId, message: text });

export const galleryExtensionMessageSchema = z.discriminatedUnion('type', [items, thumbs, makeThumb, detailsReply, command, reply, errorReply]);
export type GalleryExtensionMessage = z.infer<typeof galleryExtensionMessageSchema>;
export type ItemsMessage = z.infer<typeof items>;
export type DetailsReply = z.infer<typeof detailsReply>;

/** Validates a message received from the gallery webview; never throws. */
export function parseGalleryWebviewMessage(raw: unknown): ParseResult<GalleryWebviewMessage> {
  return parseWith(galleryWebviewMessageSchema, raw);
}
