// One saved image in the workspace's history, and the store the history is kept in.

/** One saved image. The editor's job runner adds one entry per saved file. */
export interface HistoryEntry {
  /** Unique per image: `${requestId}#${index}`, or `${jobId}#${index}` when Segmind gave no request id. */
  readonly id: string;
  /** Epoch milliseconds when the image was saved. */
  readonly createdAt: number;
  /** The saved file, as `Uri.toString()`. */
  readonly uri: string;
  /** Workspace-relative POSIX path (`workspace.asRelativePath(uri, false)`), for display and filtering. */
  readonly path: string;
  readonly model: string;
  readonly prompt: string;
  /** Every API parameter sent (prompt included), so the image can be regenerated exactly. */
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly seed: number;
  readonly requestId?: string;
  /** Credits this image cost (its job's cost over its images), when the job's cost could be learned. */
  readonly credits?: number;
}

/** The subset of `vscode.Memento` the history needs. */
export interface HistoryStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}
