// The one place an error becomes what the user sees: a message (what failed, why, what to do) and
// buttons ("Set API Key", "Retry", "Open Log", "Save As…"). Cancellation is silent.
import * as vscode from 'vscode';
import { UserFacingError } from '../common/userFacingError';
import { SaveFailedError } from '../jobs/saveOutputs';
import { isSegmindError, type SegmindErrorKind } from '../segmind/errors';

export const ACTIONS = {
  setApiKey: vscode.l10n.t('Set API Key'),
  retry: vscode.l10n.t('Retry'),
  openLog: vscode.l10n.t('Open Log'),
  saveAs: vscode.l10n.t('Save As…'),
  openSettings: vscode.l10n.t('Open Settings'),
} as const;

export interface PresentedError {
  readonly message: string;
  readonly actions: readonly string[];
}

const KEY_KINDS: ReadonlySet<SegmindErrorKind> = new Set(['missing-key', 'auth', 'forbidden']);
const RETRY_KINDS: ReadonlySet<SegmindErrorKind> = new Set(['rate-limited', 'server', 'network', 'timeout', 'malformed', 'not-an-image', 'too-large', 'credits', 'request-not-found']);

/** The message and buttons for `e`; undefined for a cancellation (nothing to show). */
export function presentError(e: unknown): PresentedError | undefined {
  if (e instanceof vscode.CancellationError) return undefined;
  if (isSegmindError(e)) {
    if (e.kind === 'cancelled') return undefined;
    let message = e.message;
    // The server's own words for a FAILED job, if the core's sentence did not already carry them.
    if (e.kind === 'failed' && e.detail && !message.includes(e.detail)) message = `${message} Segmind said: ${e.detail}`;
    const actions = [
      ...(KEY_KINDS.has(e.kind) ? [ACTIONS.setApiKey] : []),
      ...(RETRY_KINDS.has(e.kind) ? [ACTIONS.retry] : []),
      ...(e.kind === 'validation' && e.field === 'apiBaseUrl' ? [ACTIONS.openSettings] : []),
      ACTIONS.openLog,
    ];
    return { message, actions };
  }
  if (e instanceof SaveFailedError) return { message: e.message, actions: [...(e.kept.length ? [ACTIONS.saveAs] : []), ACTIONS.openLog] };
  if (e instanceof UserFacingError) return { message: e.message, actions: [...e.actions.map((a) => (a === 'Open Settings' ? ACTIONS.openSettings : a)), ACTIONS.openLog] };
  const text = e instanceof Error ? e.message : String(e);
  return { message: vscode.l10n.t('Image generation failed: {0}', text), actions: [ACTIONS.openLog] };
}

export interface ErrorHandlers {
  readonly retry?: () => void;
  readonly openLog: () => void;
  readonly setApiKey: () => void;
}

/**
 * Shows `e` (not awaited: the buttons are handled whenever the user clicks) and returns the message
 * shown, so a programmatic caller can reject with exactly that text.
 */
export function showError(e: unknown, handlers: ErrorHandlers): string | undefined {
  const presented = presentError(e);
  if (!presented) return undefined;
  const actions = presented.actions.filter((a) => a !== ACTIONS.retry || handlers.retry);
  void vscode.window.showErrorMessage(presented.message, ...actions).then(async (choice) => {
    if (choice === ACTIONS.setApiKey) handlers.setApiKey();
    else if (choice === ACTIONS.retry) handlers.retry?.();
    else if (choice === ACTIONS.openLog) handlers.openLog();
    else if (choice === ACTIONS.openSettings) await vscode.commands.executeCommand('workbench.action.openSettings', 'segmind');
    else if (choice === ACTIONS.saveAs && e instanceof SaveFailedError) await saveKeptAs(e.kept);
  });
  return presented.message;
}

/** "Save As…" for images kept in global storage after a failed save. */
export async function saveKeptAs(kept: readonly vscode.Uri[]): Promise<void> {
  for (const uri of kept) {
    const name = uri.path.split('/').pop() ?? 'image.png';
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({ ...(base ? { defaultUri: vscode.Uri.joinPath(base, name) } : {}), saveLabel: vscode.l10n.t('Save Image') });
    if (!target) return;
    await vscode.workspace.fs.copy(uri, target, { overwrite: true });
  }
}
