// The queue's jobs are the job runner's: persisted, saved into the output folder, in the history,
// resumed after a reload by src/jobs/resume.ts. No insertion: a batch has no single place to link.
import * as vscode from 'vscode';
import { presentError } from '../commands/errorMessage';
import { UserFacingError } from '../common/userFacingError';
import { retryWaitsOnRequest, type JobRecord } from '../jobs/job';
import type { JobStore } from '../jobs/jobStore';
import type { GenerationOutcome, JobRunner, RunningJob } from '../jobs/runner';
import type { SettingsService } from '../settings/service';
import type { JobOutcome, QueueJobResult, QueueJobs, StartedJob } from './queueScheduler';

export function runnerQueueJobs(runner: JobRunner, store: JobStore, settings: SettingsService): QueueJobs {
  const started = (job: RunningJob): StartedJob => ({ jobId: job.id, done: job.done.then(result) });
  return {
    async start(item) {
      return started(await runner.start({ model: item.model, params: item.params, ...(item.folder !== undefined ? { folder: item.folder } : {}) }));
    },
    async continue(jobId) {
      // Failed records are pruned 10 minutes after a reload; without one there is nothing to wait on.
      if (!store.get(jobId)?.requestId) throw new UserFacingError(vscode.l10n.t('The request of this prompt can no longer be waited on (its job was forgotten after a reload). Retry again to submit the prompt anew; that is billed again.'));
      return started(await runner.continueFailed(jobId));
    },
    running(jobId) {
      const job = runner.jobs().find((j) => j.id === jobId);
      return job && started(job);
    },
    outcome(jobId) {
      const record = store.get(jobId);
      return record ? outcomeOf(record) : { state: 'failed', error: vscode.l10n.t('The job of this prompt is no longer known (finished more than 10 minutes before the reload).') };
    },
    cancel: (jobId) => void runner.cancel(jobId),
    describe: (e) => presentError(e)?.message,
    acceptedRequest(jobId, e) {
      const record = store.get(jobId);
      // A cancel only stopped the waiting: the request goes on at Segmind, and is billed.
      const accepted = presentError(e) === undefined ? record?.mode === 'async' && record.requestId !== undefined : retryWaitsOnRequest(record, e);
      return accepted ? record?.requestId : undefined;
    },
    concurrency: () => settings.snapshot().queueConcurrency,
  };
}

function result(outcome: GenerationOutcome): QueueJobResult {
  return { files: outcome.files.map((f) => vscode.workspace.asRelativePath(f, false)), ...(outcome.job.requestId ? { requestId: outcome.job.requestId } : {}) };
}

function outcomeOf(record: JobRecord): JobOutcome | undefined {
  // The error itself is gone; a request Segmind accepted is waited on again, which cannot bill twice.
  const accepted = record.requestId && record.mode === 'async' ? { acceptedRequest: record.requestId } : {};
  switch (record.state) {
    case 'saved':
    case 'inserted':
      return {
        state: 'done',
        files: record.files.filter((f): f is string => f !== null).map((f) => vscode.workspace.asRelativePath(vscode.Uri.parse(f, true), false)),
        ...(record.requestId ? { requestId: record.requestId } : {}),
      };
    case 'cancelled':
      return { state: 'cancelled', ...accepted };
    case 'failed':
      return { state: 'failed', error: record.error ?? vscode.l10n.t('The generation failed.'), ...accepted };
    case 'expired':
      return { state: 'failed', error: vscode.l10n.t('Segmind keeps results for one hour: this one expired before it could be fetched.') };
    case 'interrupted':
      return { state: 'failed', error: vscode.l10n.t('A window reload interrupted this job, which cannot be resumed; it may still have been billed.') };
    default:
      return undefined;
  }
}
