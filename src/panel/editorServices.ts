// What the generator panel needs from the editor side. An interface, so src/featuresBundle.ts wires the job
// runner in (src/commands/panelGeneration.ts) and tests can pass their own.
import type * as vscode from 'vscode';
import type { History } from '../history/history';
import type { Logger } from '../logging/log';
import type { JobEvent } from '../segmind/client-types';
import type { SettingsSnapshot } from '../settings/snapshot';
import type { ModelSlug } from '../shared/catalog';

export interface PanelGenerateRequest {
  readonly model: ModelSlug;
  readonly prompt: string;
  /** API parameters without `prompt`, already validated by `validateParams`; no seed means a random one. */
  readonly params: Readonly<Record<string, string | number | boolean>>;
}

export interface PanelGenerateResult {
  /** The saved images, in the API's output order. */
  readonly uris: readonly vscode.Uri[];
  readonly requestId?: string;
}

/** How a generation reports back while it runs. */
export interface GenerationProgress {
  /** The job was accepted, with the concrete seed the request builder chose. */
  started(seed: number): void;
  event(event: JobEvent): void;
}

/** What the panel shows next to the Generate button. */
export interface PanelCostEstimate {
  /** "≈ 0.42 credits", or that there is no estimate yet. */
  readonly text: string;
  /** Set when the estimate exceeds the last known balance. */
  readonly warning?: string;
}

export interface EditorServices {
  /** The history the editor's job runner adds an entry to after each saved image. */
  readonly history: History;
  readonly logger: Logger;
  readonly settings: { snapshot(): SettingsSnapshot };
  /**
   * Runs one generation through the editor's job runner (like `segmind.generateFromSelection` with
   * `insert: false`): persisted, saved into the output folder, added to `history`. Rejects with an
   * Error whose message is what the user should read, or with `vscode.CancellationError` when the
   * user cancelled.
   */
  generate(request: PanelGenerateRequest, progress: GenerationProgress): Promise<PanelGenerateResult>;
  /** The expected cost of a request with these parameters (prompt included or not). */
  estimate(model: ModelSlug, params: Readonly<Record<string, string | number | boolean>>): PanelCostEstimate;
  /**
   * Inserts a reference to each file (Markdown link, `<img>`, … by language) into `editor`, after its
   * selection, as the editor's inserter does. `editor` is the text editor the user last worked in
   * (the panel has focus when the button is clicked, so there is no active text editor then).
   */
  insert(files: readonly vscode.Uri[], editor: vscode.TextEditor): Promise<void>;
}
