// Public types of the Segmind emulator (the contract other test code is written against).
// Re-exported from emulator.ts; kept here so the small modules can share them without cycles.

export interface EmulatorOptions {
  /** Key the API accepts in `x-api-key`; default 'emu-' + random hex. */
  apiKey?: string;
  /** 0 = random (default); host is always 127.0.0.1. */
  port?: number;
  /** Time a job stays QUEUED; default 50. A function is called once per job, at submit. */
  queueMs?: number | ((job: EmulatorJob) => number);
  /** Time a job stays PROCESSING; default 150. A function is called once per job, at submit. */
  processingMs?: number | ((job: EmulatorJob) => number);
  /** Status/result retention after submit; default 3_600_000. Clock = Date.now() + advanceClock offset. */
  retentionMs?: number;
  /** At most `submits` submits (v1 or v2 POSTs) per sliding `windowMs`; extra → 429 + Retry-After. */
  rateLimit?: { submits: number; windowMs: number };
  /** Default true: images served from a second server (another origin, like a CDN). */
  separateOutputOrigin?: boolean;
  /** Expose the /__emulator/* control API on the API server. Off unless asked. */
  control?: boolean;
  /** Noise-like (still deterministic) pixels that do not compress: a 2048² PNG is ≥ 8 MB. For load benchmarks. */
  incompressible?: boolean;
}

export interface RecordedRequest {
  origin: 'api' | 'output';
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json?: unknown;
  /** Emulator clock (ms) when the request head arrived. */
  at: number;
}

export type JobStatus = 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'FAILED';

export interface EmulatorJob {
  requestId: string;
  model: string;
  /** The body as sent by the client (after JSON parsing). */
  params: Record<string, unknown>;
  /** Current status, computed from the emulator clock on every read. */
  status: JobStatus;
  /** Emulator-clock timestamps (ms). completedAt is exactly when the job became COMPLETED (or FAILED). */
  submittedAt: number;
  processingAt: number;
  completedAt: number;
  statusRequests: number;
  resultRequests: number;
  /** Output URLs (one per image), on the output origin. */
  outputs: string[];
}

export type FaultTarget = 'submit' | 'status' | 'result' | 'image' | 'sync';

export type Fault = { on: FaultTarget; times?: number /* default 1 */ } & (
  | { kind: 'http'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'rate-limit'; retryAfterSeconds?: number; resetAtUtc?: string }
  | { kind: 'job-failed'; detail: string }
  /** The accepted job waits this much longer in QUEUED (a busy Segmind), whatever the timing options say. */
  | { kind: 'long-queue'; ms: number }
  | { kind: 'reset-before' }
  | { kind: 'reset-after' }
  | { kind: 'delay-headers'; ms: number }
  | { kind: 'stall-body'; afterBytes: number }
  | { kind: 'malformed-json' }
  | { kind: 'wrong-content-type'; contentType: string }
  | { kind: 'truncated-image' }
  /** noContentLength (extension): stream the body chunked so the size is only known while reading. */
  | { kind: 'oversized-image'; bytes: number; noContentLength?: boolean }
  | { kind: 'html-instead-of-image' }
  | { kind: 'json-instead-of-image' }
  | { kind: 'image-instead-of-json' }
  | { kind: 'output-url'; url: string }
  /** On `result`: metrics without `cost` and `remaining_credits`; the balance is only in the `x-remaining-credits` header. */
  | { kind: 'no-cost-metrics' }
);

export type FaultKind = Fault['kind'];

export interface Emulator {
  /** API base, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Image origin (same as url when separateOutputOrigin is false). */
  readonly outputUrl: string;
  readonly apiKey: string;
  readonly requests: RecordedRequest[];
  readonly jobs: Map<string, EmulatorJob>;
  fault(f: Fault): void;
  clearFaults(): void;
  /** Clears requests, jobs, faults, the clock offset and the rate-limit window; restores the balance. */
  reset(): void;
  advanceClock(ms: number): void;
  /** Sets the account's balance; a submit that costs more is refused with 406. reset() restores 1000. */
  setCredits(remaining: number): void;
  /** Jobs created (billed), v1 and v2. */
  acceptedSubmits(): number;
  close(): Promise<void>;
}
