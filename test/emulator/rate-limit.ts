// Sliding-window limit on submits (v1 and v2 POSTs); status, result and image requests are never limited.
import type { Clock } from './jobs';

export class SubmitRateLimiter {
  private admitted: number[] = [];

  constructor(
    private readonly limit: { submits: number; windowMs: number } | undefined,
    private readonly clock: Clock,
  ) {}

  /** Counts the submit and returns undefined if allowed, else the whole seconds until a slot frees (Retry-After). */
  admit(): number | undefined {
    if (!this.limit) return undefined;
    const now = this.clock();
    const windowStart = now - this.limit.windowMs;
    this.admitted = this.admitted.filter((at) => at > windowStart);
    if (this.admitted.length < this.limit.submits) {
      this.admitted.push(now);
      return undefined;
    }
    const oldest = this.admitted[0] ?? now;
    return Math.max(1, Math.ceil((oldest + this.limit.windowMs - now) / 1000));
  }

  clear(): void {
    this.admitted = [];
  }
}
