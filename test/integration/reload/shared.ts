// What the reload phases agree on (phase 1 starts the jobs, later phases check after real reloads).
export const HOLD_MS = 10 * 60_000;
export const ASYNC_FOLDER = 'reload/async';
export const SYNC_FOLDER = 'reload/sync';
export const DOCUMENT = 'docs/reload.md';
export const DOCUMENT_TEXT = 'before\na harbor at night\nafter\n';
export const PROMPT = 'a harbor at night';
export const SEED = 31;
export const REFERENCE = `![${PROMPT}](../reload/async/a-harbor-at-night-${SEED}.jpg)`;
export const ADDED_LINE = 'added while the job ran\n';
/** The prompt queue across a reload (phase 3 queues, phase 4 checks): the first is held, the others wait. */
export const QUEUE_PROMPTS = ['queued across a reload one', 'queued across a reload two', 'queued across a reload three'];
export const QUEUE_FOLDER = 'reload/queue';
