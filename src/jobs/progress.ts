// The progress notification of a job: Queued / Processing with elapsed time, and an honest Cancel —
// Segmind has no cancel endpoint, so the user chooses between stopping to wait (the job may still be
// billed) and keeping it in the background (it finishes and saves as usual).
import * as vscode from 'vscode';
import type { RunningJob } from './runner';

/** The job's phase in the user's language. */
export function phaseLabel(phase: string): string {
  switch (phase) {
    case 'Submitting': return vscode.l10n.t('Submitting');
    case 'Waiting': return vscode.l10n.t('Waiting');
    case 'Queued': return vscode.l10n.t('Queued');
    case 'Processing': return vscode.l10n.t('Processing');
    case 'Downloading': return vscode.l10n.t('Downloading');
    case 'Saving': return vscode.l10n.t('Saving');
    default: return phase;
  }
}

export function showJobProgress(job: RunningJob, title: string): void {
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (progress, token) =>
      new Promise<void>((resolve) => {
        let last = '';
        const tick = () => {
          const seconds = Math.round((Date.now() - job.startedAt) / 1000);
          const text = vscode.l10n.t('{0} · {1}s', phaseLabel(job.phase()), seconds);
          if (text !== last) progress.report({ message: text });
          last = text;
        };
        tick();
        const timer = setInterval(tick, 1000);
        const finish = () => {
          clearInterval(timer);
          resolve();
        };
        void job.done.then(finish, finish);
        token.onCancellationRequested(() => {
          finish();
          void confirmCancel(job);
        });
      }),
  );
}

export async function confirmCancel(job: RunningJob): Promise<void> {
  const stop = vscode.l10n.t('Stop Waiting');
  const keep = vscode.l10n.t('Keep in Background');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Segmind has no way to cancel a job once it is sent: it may still finish and be billed. Stop waiting for it, or keep it running in the background and save the result as usual?'),
    stop,
    keep,
  );
  if (choice === stop) job.cancel();
}
