// The fastest any client can finish under a submit rate limit.

/**
 * `jobs` submits at `submitsPerWindow` per (sliding or fixed) window: the last batch can be
 * submitted at (⌈jobs / submitsPerWindow⌉ − 1) windows, then needs one job's duration.
 */
export function rateLimitFloorMs(jobs: number, submitsPerWindow: number, windowMs: number, jobMs: number): number {
  if (jobs <= 0) return 0;
  return (Math.ceil(jobs / submitsPerWindow) - 1) * windowMs + jobMs;
}
