// One client operation (a submit, a wait, a whole generation): the overall deadline and the
// caller's AbortSignal merged into one signal, told apart afterwards (timeout vs cancel), and
// sleeps that end early when either fires. Timers are cleared in dispose(): no leaked handles.

export class Operation {
  readonly startedAt = Date.now();
  readonly deadlineAt: number;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private timedOutFlag = false;
  private readonly onUserAbort = (): void => this.controller.abort();

  constructor(private readonly userSignal: AbortSignal | undefined, readonly timeoutMs: number) {
    this.deadlineAt = this.startedAt + timeoutMs;
    this.timer = setTimeout(() => {
      this.timedOutFlag = true;
      this.controller.abort();
    }, timeoutMs);
    this.timer.unref?.();
    if (userSignal?.aborted) this.controller.abort();
    else userSignal?.addEventListener('abort', this.onUserAbort, { once: true });
  }

  get signal(): AbortSignal { return this.controller.signal; }
  get cancelled(): boolean { return this.userSignal?.aborted === true && !this.timedOutFlag; }
  get timedOut(): boolean { return this.timedOutFlag; }
  remainingMs(): number { return this.deadlineAt - Date.now(); }
  elapsedMs(): number { return Date.now() - this.startedAt; }

  /** Resolves after `ms`, or rejects (with the abort reason) as soon as the operation is aborted. */
  sleep(ms: number): Promise<void> {
    const signal = this.controller.signal;
    if (signal.aborted) return Promise.reject(new Error('aborted'));
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
  }
}
