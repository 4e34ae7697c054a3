// The editor services behind the generator panel (src/panel/editorServices.ts): generation through the
// same job runner as the commands (persisted, saved, in the history) and the same inserter.
import * as vscode from 'vscode';
import { InsertionAnchors, insertReferences } from '../assets/insert';
import type { History } from '../history/history';
import type { EditorServices } from '../panel/editorServices';
import { overBalanceText } from '../credits/costText';
import { confirmOverBalance, costEstimateText } from './costConfirmation';
import { presentError } from './errorMessage';
import type { CommandServices } from './services';

export function panelEditorServices(services: CommandServices, history: History): EditorServices {
  return {
    history,
    logger: services.log.logger('panel'),
    settings: services.settings,
    estimate(model, params) {
      const over = services.credits.overBalance(model, params);
      return { text: costEstimateText(services.credits, model, params), ...(over ? { warning: overBalanceText(over, vscode.l10n.t) } : {}) };
    },
    async generate(request, progress) {
      const params = { ...request.params, prompt: request.prompt };
      const over = services.credits.overBalance(request.model, params);
      if (over && !(await confirmOverBalance(over))) throw new Error(vscode.l10n.t('Not started: {0}', overBalanceText(over, vscode.l10n.t)));
      try {
        const job = await services.runner.start({ model: request.model, params, onEvent: (e) => progress.event(e), ...(over ? { overBalanceConfirmed: true } : {}) });
        progress.started(job.record().seed);
        const outcome = await job.done;
        return { uris: outcome.files, ...(outcome.job.requestId ? { requestId: outcome.job.requestId } : {}) };
      } catch (e) {
        const presented = presentError(e);
        if (!presented) throw new vscode.CancellationError();
        throw new Error(presented.message);
      }
    },
    async insert(files, editor) {
      const prompt = history.findByUri(files[0]?.toString() ?? '')?.prompt ?? '';
      await insertReferences(InsertionAnchors.capture(editor), files, prompt);
    },
  };
}
