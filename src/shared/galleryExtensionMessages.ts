// The gallery webview's check of what the extension sends, without zod (it was half of gallery.js);
// same limits as the schemas in galleryMessages.ts, which a unit test compares it with. The
// extension still validates every message from the webview with zod.
import type { GalleryExtensionMessage } from './galleryMessages';
import { GALLERY_COMMANDS, GALLERY_MAX_IDS, GALLERY_MAX_ITEM_ID, MAX_ID, MAX_SHORT, MAX_TEXT, MAX_URI } from './messageConstants';
import { boolean, finite, list, nullable, object, oneOf, optional, params, parseByType, recordOf, text, type Check } from './plainChecks';
import type { ParseResult } from './protocol';

const requestId = text(MAX_ID, 1);
const itemId = text(GALLERY_MAX_ITEM_ID, 1);
const prose = text(MAX_TEXT);
const pathText = text(MAX_URI);
const modelText = text(MAX_SHORT);
const anyKey: Check = (k) => typeof k === 'string';

const item = object({
  id: itemId, createdAt: finite, model: modelText, prompt: prose, negativePrompt: optional(prose), seed: finite, path: pathText, credits: nullable(finite),
});

const messages: { readonly [K in GalleryExtensionMessage['type']]: Check } = {
  items: object({ replace: boolean, complete: boolean, items: list(item, GALLERY_MAX_IDS), models: recordOf(modelText, Infinity, anyKey) }),
  thumbs: object({ thumbs: list(object({ id: itemId, src: pathText }), GALLERY_MAX_IDS), missing: optional(list(itemId, GALLERY_MAX_IDS)) }),
  makeThumb: object({ key: itemId, src: pathText, size: (v) => finite(v) && (v as number) >= 16 && (v as number) <= 1024 }),
  details: object({ id: requestId, records: list(object({ id: itemId, model: modelText, params, thumb: optional(pathText) }), 2) }),
  command: object({ command: oneOf(GALLERY_COMMANDS) }),
  reply: object({ id: requestId }),
  error: object({ id: requestId, message: prose }),
};

/** Checks a message received from the extension in the gallery webview; never throws. */
export function checkGalleryExtensionMessage(raw: unknown): ParseResult<GalleryExtensionMessage> {
  return parseByType<GalleryExtensionMessage>(messages, raw);
}
