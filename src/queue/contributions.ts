// What the prompt queue registers at activation (package.json), and activation's cheap look at
// whether a queue left work behind (then the features load at once to go on with it).

export const QUEUE_VIEW = 'segmind.queue';
export const QUEUE_KEY = 'segmind.queue.v1';

export const QUEUE_COMMAND_IDS = [
  'segmind.generateFromLines', 'segmind.queue.moveUp', 'segmind.queue.moveDown', 'segmind.queue.cancel',
  'segmind.queue.retry', 'segmind.queue.remove', 'segmind.queue.clearFinished',
] as const;
export type QueueCommandId = (typeof QUEUE_COMMAND_IDS)[number];

/** True when the stored queue has a pending or running prompt. */
export function queueHasWork(memento: { get<T>(key: string): T | undefined }): boolean {
  const saved = memento.get<unknown>(QUEUE_KEY);
  return Array.isArray(saved) && saved.some((item: unknown) => {
    const state = (item as { state?: unknown } | null)?.state;
    return state === 'pending' || state === 'running';
  });
}
