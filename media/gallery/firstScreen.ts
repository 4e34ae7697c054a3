// Says when the first screen is on display, thumbnails decoded: only then does the extension send the
// rest of the history, thousands of items whose validation and indexing would otherwise run ahead of
// the first thumbnails' load and paint.

/** The first screen is not held longer than this for thumbnails that are slow to come. */
const MAX_WAIT_MS = 400;

export class FirstScreen {
  private done = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly grid: HTMLElement, private readonly shown: () => void) {}

  /** The first chunk is rendered; from now on at most MAX_WAIT_MS. */
  rendered(): void {
    if (!this.done && this.timer === undefined) this.timer = setTimeout(() => this.finish(), MAX_WAIT_MS);
  }

  /** Cached thumbnails (or word that there are none) arrived: once they are decoded, the screen is shown. */
  async thumbnailsArrived(): Promise<void> {
    if (this.done) return;
    const images = [...this.grid.querySelectorAll('img')];
    await Promise.all(images.map((image) => image.decode().catch(() => undefined)));
    requestAnimationFrame(() => this.finish());
  }

  /** Shown as it will be for a while: nothing on screen, or thumbnails still to be made. */
  finish(): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.shown();
  }
}
