// A small counting semaphore for image downloads: however many jobs a client runs, at most `size`
// images are being downloaded (or handed to the caller) at once, so memory stays bounded by a few
// images rather than growing with the number of jobs. Each slot can lend a buffer that the next
// holder reuses: a steady stream of 13 MB images then allocates nothing new, instead of leaving
// hundreds of MB of dead buffers for the garbage collector to find. Spare buffers are dropped as
// soon as no slot is in use.

export interface DownloadSlot {
  /** A buffer of exactly `size` bytes, valid until release(); reused by the slot's next holder. */
  buffer(size: number): Buffer;
  release(): void;
}

export class DownloadSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  private readonly spare: Buffer[] = [];

  readonly size: number;

  constructor(size: number) {
    this.size = Math.max(1, Math.floor(size));
    this.free = this.size;
  }

  /** Waits for a slot (first come, first served). Rejects if `signal` aborts first. */
  acquire(signal: AbortSignal): Promise<DownloadSlot> {
    if (signal.aborted) return Promise.reject(new Error('aborted'));
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(this.slot());
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(this.slot());
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new Error('aborted'));
      };
      this.waiting.push(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private slot(): DownloadSlot {
    let released = false;
    let lent: Buffer | undefined;
    return {
      buffer: (size) => {
        if (released) return Buffer.allocUnsafe(size);
        if (!lent || lent.length < size) lent = this.spare.pop();
        if (!lent || lent.length < size) lent = Buffer.allocUnsafe(size);
        return lent.subarray(0, size);
      },
      release: () => {
        if (released) return;
        released = true;
        if (lent) this.spare.push(lent);
        const next = this.waiting.shift();
        if (next) next(); // the slot passes straight to the next waiter
        else if (++this.free === this.size) this.spare.length = 0; // idle: give the memory back
      },
    };
  }
}
