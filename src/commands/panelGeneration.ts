// The editor services behind the generator panel (src/panel/editorServices.ts): generation through the
// same job runner as the commands (persisted, saved, in the history) and the same inserter.
import * as vscode from 'vscode';
import { InsertionAnchors, insertReferences } from '../assets/insert';
import type { History } from '../history/history';
import type { EditorServices } from '../panel/editorServices';
import { presentError } from './errorMessage';
import type { CommandServices } from './services';

export function panelEditorServices(services: CommandServices, history: History): EditorServices {
  return {
    history,
    logger: services.log.logger('panel'),
    settings: services.settings,
    async generate(request, progress) {
      try {
        const job = await services.runner.start({ model: request.model, params: { ...request.params, prompt: request.prompt }, onEvent: (e) => progress.event(e) });
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
