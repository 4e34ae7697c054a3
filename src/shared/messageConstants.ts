// Limits and fixed values of the panel's messages, shared by the zod schemas (src/shared/protocol.ts)
// and the webview's plain check of what the extension sends (src/shared/extensionMessages.ts).

export const JOB_STATES = ['starting', 'queued', 'processing', 'downloading', 'done', 'failed', 'cancelled'] as const;

/** Longest prompt or other free text. */
export const MAX_TEXT = 10_000;
/** More than any model has (~15): a forged message cannot make the extension list thousands of refusals. */
export const MAX_PARAMS = 64;
export const MAX_PARAM_NAME = 64;
export const MAX_ID = 64;
/** Model slugs, labels, preset names. */
export const MAX_SHORT = 200;
export const MAX_URI = 4096;
/** Notices and the cost estimate's text. */
export const MAX_NOTE = 500;
export const MAX_JOB_FILES = 16;
export const MAX_PRESETS = 500;
/** Largest image file the panel reads dropped from the OS: above any image Segmind returns (~13 MB). */
export const MAX_DROPPED_BYTES = 32 * 1024 * 1024;

/** The gallery: an image's id, and how many ids a message names (a history holds up to 20,000). */
export const GALLERY_MAX_ITEM_ID = 200;
export const GALLERY_MAX_IDS = 20_000;
/** The gallery view's title-bar and context-menu commands that the webview carries out. */
export const GALLERY_COMMANDS = ['focusSearch', 'compare'] as const;
