// The webview's saved state (getState/setState): what survives the panel being hidden and window
// reloads. Pure, apart from the clock.
import { isModelSlug, type ModelSlug } from '../src/shared/catalog';
import type { TrackedJob } from '../src/shared/protocol';
import type { FormValues } from './form';
import { isActive, type JobView } from './jobs';

export interface PanelState {
  readonly version: 1;
  model: ModelSlug;
  /** Form values per model: switching models and back keeps what the user set. */
  values: Partial<Record<ModelSlug, FormValues>>;
  randomSeed: boolean;
  lastSeed?: number;
  /** The preset the form was loaded from; its style wraps the prompt when generating. */
  preset?: string;
  jobs: JobView[];
}

export const MAX_JOBS = 24;

const RELOADED_NOTE = 'The window was reloaded while this job ran. If it completed, its image is in the Segmind gallery.';

/**
 * The saved state, if it is ours. Jobs that were running when the window reloaded go on in the
 * extension host (or finished just before: the workbench saves webview state lazily); they are
 * marked as such and returned so their images can be looked up in the history.
 */
export function restoreState(saved: unknown, now: number): { state: PanelState; waiting: TrackedJob[] } | undefined {
  const state = saved as PanelState | undefined;
  if (!state || state.version !== 1 || !isModelSlug(state.model) || !Array.isArray(state.jobs)) return undefined;
  const waiting: TrackedJob[] = [];
  for (const job of state.jobs) {
    if (!isActive(job)) continue;
    waiting.push({
      jobId: job.jobId,
      model: job.model,
      prompt: typeof job.params.prompt === 'string' ? job.params.prompt : '',
      ...(job.seed !== undefined ? { seed: job.seed } : {}),
      ...(job.requestId ? { requestId: job.requestId } : {}),
    });
    job.state = 'cancelled';
    job.error = RELOADED_NOTE;
    job.endedAfterMs = job.endedAfterMs ?? now - job.startedAt;
  }
  return { state, waiting: waiting.slice(0, 32) };
}

/** What a screen reader hears when a job changes state (cards re-render silently). */
export function announcement(job: JobView): string {
  const count = job.files?.length ?? 0;
  switch (job.state) {
    case 'done':
      return `Generation done: ${count === 1 ? '1 image' : `${count} images`} saved.`;
    case 'failed':
      return `Generation failed: ${job.error ?? ''}`;
    case 'queued':
      return 'Generation queued.';
    case 'processing':
      return 'Generation processing.';
    case 'cancelled':
      return 'Stopped waiting for the generation.';
    default:
      return '';
  }
}
