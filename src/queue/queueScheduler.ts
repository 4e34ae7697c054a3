// Runs the prompt queue: starts pending items in order while fewer than `concurrency` run (the
// HTTP client waits out 429s, so the rate limit needs nothing more here), follows each job to its
// end, and after a reload re-attaches to the jobs the runner resumed. Retry never submits a prompt
// whose request Segmind accepted a second time: it waits on that request again (the single-job path
// does the same, src/jobs/runner.ts continueFailed). Pure: jobs come through `QueueJobs`, so the
// state machine is unit-tested with fakes.
import type { PromptQueue, QueueItem } from './promptQueue';

export interface QueueJobResult {
  readonly files: readonly string[];
  readonly requestId?: string;
}

export interface StartedJob {
  readonly jobId: string;
  readonly done: Promise<QueueJobResult>;
}

/** What became of a job that is no longer running; undefined while it may still be resumed. */
export type JobOutcome = ({ readonly state: 'done' } & QueueJobResult)
  | { readonly state: 'failed' | 'cancelled'; readonly error?: string; readonly acceptedRequest?: string };

export interface QueueJobs {
  start(item: QueueItem): Promise<StartedJob>;
  /** Waits again on the request of a job that failed or was cancelled after Segmind accepted it; submits nothing. */
  continue(jobId: string): Promise<StartedJob>;
  /** A job this window runs (a reload resumed it), by the runner's id. */
  running(jobId: string): StartedJob | undefined;
  outcome(jobId: string): JobOutcome | undefined;
  cancel(jobId: string): void;
  /** The message a failure shows; undefined for a cancellation. */
  describe(e: unknown): string | undefined;
  /**
   * The request a retry should wait on after job `jobId` ended with `e`: Segmind accepted it and
   * did not itself fail it. Undefined when the prompt must be submitted again.
   */
  acceptedRequest(jobId: string, e: unknown): string | undefined;
  concurrency(): number;
}

export const INTERRUPTED = 'A window reload interrupted this prompt while it was being submitted: it may have been generated (and billed). Check the gallery before retrying.';

export class QueueScheduler {
  /** Items whose job is being started or continued: a cancel waits for the job. */
  private readonly starting = new Set<string>();
  /** Items whose cancel came while their job was being started or continued. */
  private readonly cancelled = new Set<string>();

  constructor(private readonly queue: PromptQueue, private readonly jobs: QueueJobs) {}

  /** Starts what may start now. */
  pump(): void {
    for (const item of this.queue.toStart(this.jobs.concurrency())) {
      this.queue.update(item.id, { state: 'running' });
      void this.run(item);
    }
  }

  cancel(id: string): boolean {
    const item = this.queue.get(id);
    if (item?.state === 'pending') {
      this.queue.update(id, { state: 'cancelled' });
      return true;
    }
    if (item?.state !== 'running') return false;
    if (this.starting.has(id) || !item.jobId) this.cancelled.add(id);
    else this.jobs.cancel(item.jobId);
    return true;
  }

  /** A failed or cancelled item runs again: on its accepted request when it has one, else as a new submit. */
  retry(id: string): boolean {
    const again = this.queue.waitAgain(id);
    if (again) {
      void this.attach(id, () => this.jobs.continue(again.jobId));
      return true;
    }
    const retried = this.queue.retry(id);
    if (retried) this.pump();
    return retried;
  }

  /** After a reload: follows the running items' jobs (resumed by the job runner), then starts pending ones. */
  reattach(): void {
    for (const item of this.queue.items()) {
      if (item.state !== 'running') continue;
      if (!item.jobId) {
        this.queue.update(item.id, { state: 'failed', error: INTERRUPTED });
        continue;
      }
      const job = this.jobs.running(item.jobId);
      if (job) {
        this.follow(item.id, job);
        continue;
      }
      const outcome = this.jobs.outcome(item.jobId);
      // No outcome yet: the job waits for an API key and is resumed, still counted as running.
      if (outcome) this.queue.update(item.id, outcome);
    }
    this.pump();
  }

  /** Resolves to the items of `runId` once all of them have finished. */
  whenSettled(runId: string): Promise<QueueItem[]> {
    const items = (): QueueItem[] => this.queue.items().filter((i) => i.runId === runId);
    if (this.queue.settled(runId)) return Promise.resolve(items());
    return new Promise((resolve) => {
      const subscription = this.queue.onDidChange(() => {
        if (!this.queue.settled(runId)) return;
        subscription.dispose();
        resolve(items());
      });
    });
  }

  private run(item: QueueItem): Promise<void> {
    return this.attach(item.id, () => this.jobs.start(item));
  }

  private async attach(id: string, begin: () => Promise<StartedJob>): Promise<void> {
    let job: StartedJob;
    this.starting.add(id);
    try {
      job = await begin();
    } catch (e) {
      this.fail(id, e);
      return;
    } finally {
      this.starting.delete(id);
    }
    this.queue.update(id, { jobId: job.jobId });
    if (this.cancelled.delete(id)) this.jobs.cancel(job.jobId);
    this.follow(id, job);
  }

  private follow(id: string, job: StartedJob): void {
    job.done.then(
      (result) => {
        this.queue.update(id, { state: 'done', files: result.files, ...(result.requestId ? { requestId: result.requestId } : {}) });
        this.pump();
      },
      (e: unknown) => this.fail(id, e),
    );
  }

  private fail(id: string, e: unknown): void {
    this.cancelled.delete(id);
    const message = this.jobs.describe(e);
    const jobId = this.queue.get(id)?.jobId;
    const accepted = jobId === undefined ? undefined : this.jobs.acceptedRequest(jobId, e);
    this.queue.update(id, {
      ...(message === undefined ? { state: 'cancelled' } : { state: 'failed', error: message }),
      ...(accepted !== undefined ? { acceptedRequest: accepted } : {}),
    });
    this.pump();
  }
}
