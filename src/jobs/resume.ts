// On activation: continue the async jobs a reload or restart cut short (younger than Segmind's
// 1-hour retention; each image still saved exactly once), report older ones as expired and sync
// requests as interrupted (possibly billed). Without an API key the jobs wait, still persisted, and
// are resumed when a key is set.
import * as vscode from 'vscode';
import { resumeDecision, retryWaitsOnRequest, type JobRecord } from './job';
import type { JobStore } from './jobStore';
import { showJobProgress } from './progress';
import type { JobRunner, RunningJob } from './runner';
import type { Logger } from '../logging/log';

export interface ResumeHandlers {
  /** Shows a failure of a resumed job the way the command would (with "Retry" when `retry` is given). */
  readonly showError: (e: unknown, retry?: () => void) => void;
  /** Whether an API key is available now; without one, resumable jobs wait for onDidChangeApiKey. */
  readonly hasApiKey?: () => Promise<boolean>;
  readonly onDidChangeApiKey?: vscode.Event<void>;
}

export async function resumeJobs(store: JobStore, runner: JobRunner, logger: Logger, handlers: ResumeHandlers, now = Date.now()): Promise<void> {
  await store.prune(now);
  const waitForKey = handlers.hasApiKey !== undefined && !(await handlers.hasApiKey());
  let waiting = 0;
  for (const job of store.all()) {
    const decision = resumeDecision(job, now);
    if (decision === 'done' || runner.jobs().some((j) => j.id === job.id)) continue;
    if (decision === 'interrupted') {
      await store.update(job.id, { state: 'interrupted' });
      logger.warn(`job ${job.id} was interrupted by a reload: ${job.mode === 'sync' ? 'a sync request cannot be resumed' : 'no request id was stored yet'}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('A Segmind generation ("{0}") was interrupted by a window reload and cannot be resumed. It may still have been billed.', shortPrompt(job)));
      continue;
    }
    if (decision === 'expired') {
      await store.update(job.id, { state: 'expired' });
      logger.warn(`request ${job.requestId} is older than Segmind's 1-hour retention: not resumed`);
      void vscode.window.showWarningMessage(vscode.l10n.t('The Segmind generation "{0}" (request {1}) could not be resumed: Segmind keeps results for one hour.', shortPrompt(job), job.requestId ?? ''));
      continue;
    }
    if (waitForKey) {
      waiting++;
      continue;
    }
    logger.info(`resuming request ${job.requestId} after a reload`);
    follow(runner.resume(job), runner, handlers);
  }
  if (waiting > 0) {
    // Not failed: the request is still on Segmind (and paid for); it resumes once a key is set.
    logger.warn(`${waiting} job(s) wait for an API key to be resumed`);
    const subscription = handlers.onDidChangeApiKey?.(() => {
      subscription?.dispose();
      void resumeJobs(store, runner, logger, handlers).catch((e: unknown) => logger.error(`resume: ${(e as Error).message}`));
    });
  }
}

/** Progress, then a status bar message or the error (whose Retry waits on the same request again). */
function follow(running: RunningJob, runner: JobRunner, handlers: ResumeHandlers): void {
  const job = running.record();
  showJobProgress(running, vscode.l10n.t('Resuming generation "{0}"', shortPrompt(job)));
  running.done.then(
    (outcome) => {
      const first = outcome.files[0];
      if (first) vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Resumed generation saved {0}', vscode.workspace.asRelativePath(first, false)), 5000);
    },
    (e: unknown) => {
      const failed = running.record();
      handlers.showError(e, retryWaitsOnRequest(failed, e)
        ? () => void runner.continueFailed(failed.id).then((again) => follow(again, runner, handlers), (err: unknown) => handlers.showError(err))
        : undefined);
    },
  );
}

function shortPrompt(job: JobRecord): string {
  const prompt = typeof job.body.prompt === 'string' ? job.body.prompt.replace(/\s+/g, ' ') : '';
  return prompt.length > 40 ? `${prompt.slice(0, 39)}…` : prompt;
}
