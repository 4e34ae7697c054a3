// What a job cost, learned from Segmind's remaining-credits readings: the balance before the job
// minus the balance after it, trusted only when no other job of this window ran meanwhile (an
// overlapping job's spending would be counted twice). A cost Segmind reports itself wins.
// Pure: times and balances are passed in.

interface ActiveJob {
  /** The balance last read before the job was submitted, if any. */
  readonly before: number | undefined;
  overlapped: boolean;
}

export class CreditLedger {
  private latest: number | undefined;
  /**
   * False once a job that reached Segmind ended without a balance reading (failed, cancelled): what it
   * was billed is in no reading yet, so `latest` is no "before" for the next job until a new reading.
   */
  private latestIsBaseline = true;
  private readonly active = new Map<string, ActiveJob>();

  /** The last balance read, from any response. */
  get remaining(): number | undefined {
    return this.latest;
  }

  /** A balance read from a response (the `x-remaining-credits` header or the result's metrics). */
  reading(remaining: number): void {
    if (!Number.isFinite(remaining)) return;
    this.latest = remaining;
    this.latestIsBaseline = true;
  }

  /** Call just before submitting: the balance now is the job's "before". */
  jobStarted(jobId: string): void {
    const overlapped = this.active.size > 0;
    for (const other of this.active.values()) other.overlapped = true;
    this.active.set(jobId, { before: this.latestIsBaseline ? this.latest : undefined, overlapped });
  }

  /**
   * The job ended (saved, failed or cancelled); `remainingAfter` is the balance its result reported.
   * Returns what it cost when that can be known, else undefined.
   */
  jobFinished(jobId: string, remainingAfter?: number, reportedCost?: unknown): number | undefined {
    const job = this.active.get(jobId);
    this.active.delete(jobId);
    if (remainingAfter !== undefined) this.reading(remainingAfter);
    else if (job) this.latestIsBaseline = false;
    if (typeof reportedCost === 'number' && Number.isFinite(reportedCost) && reportedCost >= 0) return reportedCost;
    if (!job || job.overlapped || job.before === undefined || remainingAfter === undefined) return undefined;
    const cost = Math.round((job.before - remainingAfter) * 10_000) / 10_000;
    // A top-up (or a refund) between the readings makes the difference meaningless.
    return cost >= 0 ? cost : undefined;
  }

  /** Forgets a job that never reached Segmind (refused before the submit). */
  jobAbandoned(jobId: string): void {
    this.active.delete(jobId);
  }
}
