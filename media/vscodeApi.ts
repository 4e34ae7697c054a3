// The API VS Code gives a webview (`acquireVsCodeApi`), typed by what each webview sends and saves.

export interface VsCodeApi<Message, State> {
  postMessage(message: Message): void;
  getState(): unknown;
  setState(state: State): void;
}

declare function acquireVsCodeApi(): VsCodeApi<never, never>;

/** Call once per page: VS Code refuses a second call. */
export function vsCodeApi<Message, State>(): VsCodeApi<Message, State> {
  return acquireVsCodeApi() as unknown as VsCodeApi<Message, State>;
}

/** Calls `handle` with each message from the extension that `parse` accepts; anything else is never acted on. */
export function onExtensionMessage<T>(parse: (raw: unknown) => { ok: true; message: T } | { ok: false }, handle: (message: T) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = parse(event.data);
    if (parsed.ok) handle(parsed.message);
  });
}
