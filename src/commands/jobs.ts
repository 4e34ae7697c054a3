// `segmind.cancel`, `segmind.showJobs` and `segmind.showLog`.
import * as vscode from 'vscode';
import { formatCredits } from '../credits/costText';
import { MODELS, isModelSlug } from '../shared/catalog';
import { promptOf } from '../jobs/job';
import { confirmCancel, phaseLabel } from '../jobs/progress';
import type { RunningJob } from '../jobs/runner';
import type { CommandServices } from './services';

const CANCEL_NOTE = 'Segmind has no cancel endpoint: the job may still finish and be billed.';

function describe(job: RunningJob): vscode.QuickPickItem & { job: RunningJob } {
  const record = job.record();
  const model = isModelSlug(record.model) ? MODELS[record.model].name : record.model;
  const seconds = Math.round((Date.now() - job.startedAt) / 1000);
  return {
    label: promptOf(record).replace(/\s+/g, ' ').slice(0, 80) || record.id,
    description: `${phaseLabel(job.phase())} · ${seconds}s`,
    detail: `${model}${record.requestId ? ` · ${record.requestId}` : ''}`,
    job,
  };
}

export function jobCommands(services: CommandServices) {
  const { runner } = services;
  const stop = (job: RunningJob) => {
    job.cancel();
    services.logger.info(`stopped waiting for job ${job.id}${job.record().requestId ? ` (request ${job.record().requestId})` : ''}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Stopped waiting for the generation. {0}', CANCEL_NOTE));
  };
  return {
    'segmind.cancel': async (arg?: unknown): Promise<boolean> => {
      if (typeof arg === 'string') {
        const job = runner.jobs().find((j) => j.id === arg || j.record().requestId === arg);
        if (!job) throw new Error(`No running generation has the request id ${arg}.`);
        stop(job);
        return true;
      }
      const jobs = runner.jobs();
      if (jobs.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No Segmind generation is running.'));
        return false;
      }
      const picked = jobs.length === 1 ? jobs[0] : (await vscode.window.showQuickPick(jobs.map(describe), { title: vscode.l10n.t('Cancel which generation?'), placeHolder: CANCEL_NOTE }))?.job;
      if (!picked) return false;
      stop(picked);
      return true;
    },
    'segmind.showJobs': async (): Promise<void> => {
      const jobs = runner.jobs();
      if (jobs.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No Segmind generation is running.'));
        return;
      }
      const balance = services.credits.balance();
      const credits = balance ? vscode.l10n.t(' · {0} credits left', formatCredits(balance.credits)) : '';
      const picked = await vscode.window.showQuickPick(jobs.map(describe), { title: vscode.l10n.t('Running generations{0}', credits), placeHolder: vscode.l10n.t('Pick one to stop waiting for it') });
      if (picked) await confirmCancel(picked.job);
    },
    'segmind.showLog': () => services.log.show(),
  };
}
