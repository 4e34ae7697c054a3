// A generation job: a small state machine, persisted at every step so a reload can resume it.
//   created → submitting → submitted(requestId) → completed → saved(files) → inserted
//   exits: failed(detail), cancelled, expired, interrupted (a sync request cut by a reload)
import type { ModelSlug } from '../shared/catalog';
import { isSegmindError } from '../segmind/errors';
import type { InsertionTarget } from '../assets/anchor';
import type { SaveTarget } from '../assets/target';

export type JobState =
  | 'created' | 'submitting' | 'submitted' | 'completed' | 'saved' | 'inserted'
  | 'failed' | 'cancelled' | 'expired' | 'interrupted';

export const TERMINAL_STATES: ReadonlySet<JobState> = new Set(['saved', 'inserted', 'failed', 'cancelled', 'expired', 'interrupted']);

export interface JobRecord {
  readonly id: string;
  readonly model: ModelSlug;
  /** The request body exactly as sent (prompt included, concrete seed); never the key. */
  readonly body: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly mode: 'async' | 'sync';
  readonly createdAt: number;
  readonly state: JobState;
  readonly requestId?: string;
  readonly submittedAt?: number;
  readonly target: SaveTarget;
  readonly insertion?: InsertionTarget;
  /** Saved file URIs by output index (0-based); holes while saving. */
  readonly files: readonly (string | null)[];
  readonly imageCount: number;
  /** Credits the job cost (all its images), when they could be learned. */
  readonly credits?: number;
  readonly error?: string;
}

/** Segmind keeps results for one hour; older jobs cannot be fetched. */
export const RETENTION_MS = 60 * 60 * 1000;

export function promptOf(job: Pick<JobRecord, 'body'>): string {
  return typeof job.body.prompt === 'string' ? job.body.prompt : '';
}

export type ResumeDecision = 'done' | 'interrupted' | 'expired' | 'resume';

/**
 * What a new window does with a persisted job: finished ones are done; a sync request, or an async
 * one cut before its request id was stored, cannot be resumed (it may still be billed); a request
 * past Segmind's retention has expired; the rest are resumed.
 */
export function resumeDecision(job: Pick<JobRecord, 'state' | 'mode' | 'requestId' | 'submittedAt' | 'createdAt'>, now: number): ResumeDecision {
  if (TERMINAL_STATES.has(job.state)) return 'done';
  if (!job.requestId || job.mode === 'sync') return 'interrupted';
  return now - (job.submittedAt ?? job.createdAt) >= RETENTION_MS ? 'expired' : 'resume';
}

/**
 * Whether "Retry" after `e` should wait on the failed job's request again rather than submit a new
 * one: the request reached Segmind (it may be billed, or already done) and waiting or downloading
 * is what failed. A FAILED job, an expired request or a sync (v1) request is submitted anew.
 */
export function retryWaitsOnRequest(job: JobRecord | undefined, e: unknown): job is JobRecord & { requestId: string } {
  return job !== undefined && job.mode === 'async' && job.requestId !== undefined && job.state === 'failed'
    && isSegmindError(e) && e.mayBeBilled && e.requestId !== undefined && !['failed', 'request-not-found', 'cancelled', 'missing-key'].includes(e.kind);
}
