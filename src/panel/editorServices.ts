// What the panel and gallery need from the editor side. An interface, so extension.ts wires the real
// services in one line and tests can pass their own.
import type * as vscode from 'vscode';
import type { History } from '../gallery/history';
import type { ModelSlug } from '../segmind/catalog';

export interface PanelLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Progress of one job, as the core's client reports it (`JobEvent`). */
export type PanelJobEvent =
  | { readonly type: 'submitted'; readonly requestId: string }
  | { readonly type: 'status'; readonly status: 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'FAILED'; readonly elapsedMs: number }
  | { readonly type: 'downloading' }
  | { readonly type: 'credits'; readonly remaining: number };

export interface PanelGenerateRequest {
  readonly model: ModelSlug;
  readonly prompt: string;
  /** API parameters without `prompt`, already validated by `validateParams`, with a concrete `seed`. */
  readonly params: Readonly<Record<string, string | number | boolean>>;
}

export interface PanelGenerateResult {
  /** The saved images, in the API's output order. */
  readonly uris: readonly vscode.Uri[];
  readonly requestId?: string;
}

export interface PanelDeps {
  /** The history the editor's job runner adds an entry to after each saved image. */
  readonly history: History;
  readonly logger: PanelLogger;
  /**
   * Runs one generation through the editor's job runner (like `segmind.generateFromSelection` with
   * `insert: false`): persisted, saved into the output folder, added to `history`. Reports progress
   * through `onEvent`. Rejects with an Error whose message is what the user should read, or with
   * `vscode.CancellationError` when the user cancelled.
   */
  generate(request: PanelGenerateRequest, onEvent: (event: PanelJobEvent) => void): Promise<PanelGenerateResult>;
  /**
   * Inserts a reference to each file (Markdown link, `<img>`, … by language) into `editor`, after its
   * selection, as the editor's inserter does. `editor` is the text editor the user last worked in
   * (the panel has focus when the button is clicked, so there is no active text editor then).
   */
  insert(files: readonly vscode.Uri[], editor: vscode.TextEditor): Promise<void>;
}
