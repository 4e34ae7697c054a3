// Jobs and their timeline. A job's status is never stored: it is computed from the emulator clock
// against submittedAt + queue + processing, so `completedAt` is exactly when it became COMPLETED.
import type { RenderPlan, ServerModel } from './models';
import type { EmulatorJob, EmulatorOptions, JobStatus } from './types';

export type Clock = () => number;

export class JobRecord implements EmulatorJob {
  processingAt: number;
  completedAt: number;
  statusRequests = 0;
  resultRequests = 0;
  outputs: string[] = [];
  /** Set by a job-failed fault: the job ends FAILED with this detail at completedAt. */
  failure: string | undefined;

  constructor(
    readonly requestId: string,
    readonly model: string,
    readonly params: Record<string, unknown>,
    readonly plan: RenderPlan,
    readonly api: 'v1' | 'v2',
    readonly submittedAt: number,
    readonly cost: number,
    readonly remainingCredits: number,
    private readonly clock: Clock,
  ) {
    this.processingAt = submittedAt;
    this.completedAt = submittedAt;
  }

  /** Moves the whole timeline after submission later (a longer queue). */
  delay(ms: number): void {
    this.processingAt += ms;
    this.completedAt += ms;
  }

  get status(): JobStatus {
    const now = this.clock();
    if (now < this.processingAt) return 'QUEUED';
    if (now < this.completedAt) return 'PROCESSING';
    return this.failure === undefined ? 'COMPLETED' : 'FAILED';
  }

  /** Segmind-style metrics, in seconds. */
  metrics(): Record<string, number> {
    const round = (ms: number) => Math.round(ms) / 1000;
    return {
      inference_time: round(this.completedAt - this.processingAt),
      queue_time: round(this.processingAt - this.submittedAt),
      total_time: round(this.completedAt - this.submittedAt),
      cost: this.cost,
      remaining_credits: this.remainingCredits,
      retry_count: 0,
    };
  }

  toJSON(): EmulatorJob & { api: string; failure?: string } {
    const { requestId, model, params, status, submittedAt, processingAt, completedAt, statusRequests, resultRequests, outputs, api, failure } = this;
    return { requestId, model, params, status, submittedAt, processingAt, completedAt, statusRequests, resultRequests, outputs, api, ...(failure === undefined ? {} : { failure }) };
  }
}

/** The balance of a fresh (or reset) emulator account. */
export const INITIAL_CREDITS = 1000;

/** What a job is billed: the model's nominal price per reference (1 MP) image, by size and count. */
export function jobCost(model: ServerModel, plan: RenderPlan): number {
  return Math.round(model.costPerImage * plan.count * ((plan.width * plan.height) / 1_048_576) * 10_000) / 10_000;
}

export class JobStore {
  readonly jobs = new Map<string, JobRecord>();
  private credits = INITIAL_CREDITS;

  constructor(
    private readonly options: Pick<EmulatorOptions, 'queueMs' | 'processingMs' | 'retentionMs'>,
    private readonly clock: Clock,
  ) {}

  /** Creates (and bills) a job; its timeline is fixed here, once. */
  create(requestId: string, model: ServerModel, params: Record<string, unknown>, plan: RenderPlan, api: 'v1' | 'v2'): JobRecord {
    const cost = jobCost(model, plan);
    this.credits = Math.round((this.credits - cost) * 10_000) / 10_000;
    const job = new JobRecord(requestId, model.slug, params, plan, api, this.clock(), cost, this.credits, this.clock);
    const queueMs = duration(this.options.queueMs, job, 50);
    job.processingAt = job.submittedAt + queueMs;
    const processingMs = duration(this.options.processingMs, job, 150);
    job.completedAt = job.processingAt + processingMs;
    this.jobs.set(requestId, job);
    return job;
  }

  /** The job if it exists and is still retained (status/result endpoints 404 after retention). */
  retained(requestId: string): JobRecord | undefined {
    const job = this.jobs.get(requestId);
    if (!job) return undefined;
    const retentionMs = this.options.retentionMs ?? 3_600_000;
    return this.clock() >= job.submittedAt + retentionMs ? undefined : job;
  }

  get remainingCredits(): number {
    return this.credits;
  }

  /** Sets the account's balance (a test's nearly empty account). */
  setCredits(remaining: number): void {
    this.credits = remaining;
  }

  /** Forgets every job; the account is back to INITIAL_CREDITS. */
  clear(): void {
    this.jobs.clear();
    this.credits = INITIAL_CREDITS;
  }
}

function duration(option: number | ((job: EmulatorJob) => number) | undefined, job: EmulatorJob, fallback: number): number {
  const value = typeof option === 'function' ? option(job) : (option ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : 0;
}
