// The public shapes of SegmindClient's options, events and results (re-exported by client.ts / http.ts).
import type { Logger } from './calls';
import type { ImageFormat, ImageOutput } from './decode';
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
  /** Images downloaded (or being handed to an `onImage` callback) at once, across all jobs (default 2). */
  maxConcurrentDownloads?: number;
}
export type JobEvent = { type: 'submitted'; requestId: string } | { type: 'status'; status: JobStatus; elapsedMs: number }
  | { type: 'downloading' } | { type: 'credits'; remaining: number };
export interface GenerationResult { requestId?: string; images: ImageOutput[]; metrics?: Record<string, unknown>; remainingCredits?: number }
/** What a streamed result keeps of an image once `onImage` has taken it: no bytes. */
export interface ImageSummary { format: ImageFormat; mime: string; byteLength: number }
/** The result when images were handed to `onImage`: the same, with summaries instead of the bytes. */
export type StreamedGenerationResult = Omit<GenerationResult, 'images'> & { images: ImageSummary[] };
/**
 * Receives image `index` (0-based, output order) as soon as it is downloaded and checked; images of
 * a job come one at a time, in order. The bytes are valid only until the returned promise settles:
 * their memory is then reused for the next download (write or copy them before resolving). The
 * callback holds one of the client's download slots meanwhile, so it must not wait for another
 * download of the same client. A rejection stops the job's remaining downloads and is what the
 * call rejects with.
 */
export type ImageHandler = (index: number, image: ImageOutput) => Promise<void>;
export interface StreamOptions { onImage: ImageHandler }
export interface GenerateOptions {
  signal?: AbortSignal; onEvent?: (e: JobEvent) => void;
  /** Awaited (the caller persists the job) before polling starts. */
  onSubmitted?: (requestId: string) => void | Promise<void>;
}
export interface SyncOptions { signal?: AbortSignal; onEvent?: (e: JobEvent) => void }
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
