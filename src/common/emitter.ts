// A minimal event emitter without `vscode`, so services built on it (the job runner, the history)
// run in plain Node. Its `event` has the shape of vscode.Event: listeners get a disposable back.

export type Event<T> = (listener: (value: T) => unknown) => { dispose(): void };

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => unknown>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  dispose(): void {
    this.listeners.clear();
  }
}
