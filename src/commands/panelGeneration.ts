// The editor services the generator panel and gallery use (src/panel/deps.ts): generation through
// the same job runner as the commands (persisted, saved, in the history) and the same inserter.
import * as vscode from 'vscode';
import { InsertionAnchors, insertReferences } from '../assets/insert';
import type { History } from '../gallery/history';
import type { PanelDeps } from '../panel/deps';
import { presentError } from './errorMessage';
import type { CommandServices } from './services';

export function panelDeps(services: CommandServices, history: History): PanelDeps {
  return {
    history,
    logger: services.log.logger('panel'),
    async generate(request, onEvent) {
      try {
        const job = await services.runner.start({ model: request.model, params: { ...request.params, prompt: request.prompt }, onEvent });
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
