// The public shapes of SegmindClient's options, events and results (re-exported by client.ts / http.ts).
import type { Logger } from './calls';
import type { ImageOutput } from './decode';
import type { JobStatus } from './responses';
import type { RetryPolicy } from './retry';

export interface ClientOptions {
  baseUrl: string; apiKey: string; timeoutMs?: number; proxyUrl?: string; strictSSL?: boolean; logger?: Logger;
  maxImageBytes?: number; userAgent?: string;
  /** Longest wait for one status/result/image answer before it is retried (default 30 s). */
  attemptTimeoutMs?: number;
  /** Backoff and attempt limits (default DEFAULT_RETRY_POLICY); the safety rules themselves are fixed. */
  retryPolicy?: Partial<RetryPolicy>;
  /** Environment for HTTPS_PROXY / NO_PROXY (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}
export type JobEvent = { type: 'submitted'; requestId: string } | { type: 'status'; status: JobStatus; elapsedMs: number }
  | { type: 'downloading' } | { type: 'credits'; remaining: number };
export interface GenerationResult { requestId?: string; images: ImageOutput[]; metrics?: Record<string, unknown>; remainingCredits?: number }
export interface SubmittedJob { requestId: string; statusUrl: string; responseUrl: string }
export interface WaitOptions {
  signal?: AbortSignal; onEvent?: (e: JobEvent) => void;
  /** Predicted processing time (see predict()); without it the poller cannot sleep through processing. */
  expectedMs?: number; spread?: number;
  /** Unrefined prediction for this job, so its measured time can refine later predictions. */
  baseMs?: number;
  submittedAt?: number;
  /** The job's model and body (e.g. when resuming): the client predicts expectedMs from them when it is not given. */
  slug?: string; body?: Record<string, unknown>;
  /** Origins whose private/loopback hosts may serve outputs (status/response URLs of the submit). */
  trustedOrigins?: string[];
}
