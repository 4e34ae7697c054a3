// The editor's implementations of what the job runner needs (src/jobs/runnerDeps.ts): output folders
// resolved in the workspace, images saved through vscode.workspace.fs, workspace-relative paths.
import * as vscode from 'vscode';
import { resolveSaveTarget } from '../assets/target';
import { UserFacingError } from '../common/userFacingError';
import type { SaveClaims } from './claims';
import type { RunnerDeps } from './runnerDeps';
import { OutputSaver } from './saveOutputs';
import { assertExactFilesAbsent, paramsForFormat, resolveExactTarget } from '../assets/exactTarget';

type Given = Omit<RunnerDeps, 'saveTarget' | 'exactTarget' | 'saver' | 'relativePath'>;

export function editorRunnerDeps(given: Given & { readonly claims: SaveClaims; readonly globalStorage: vscode.Uri }): RunnerDeps {
  const { claims, globalStorage, ...deps } = given;
  return {
    ...deps,
    async saveTarget(request, model) {
      if (request.pickedFolder) return { folderUri: request.pickedFolder.toString() };
      const resolved = await resolveSaveTarget(request.folder, model, request.documentUri);
      if (resolved.kind === 'workspace') return resolved.target;
      throw new UserFacingError('Open a folder or workspace to save generated images into (or run the command from the Command Palette to choose a folder).');
    },
    async exactTarget(file, documentUri, model, params) {
      const exact = await resolveExactTarget(file, documentUri);
      return { target: exact.target, params: paramsForFormat(model, params, exact.format), assertAbsent: (count) => assertExactFilesAbsent(exact.target, count) };
    },
    saver: (job, settings, onSaved) => new OutputSaver(job, { settings, claims, globalStorage, logger: deps.logger, onSaved }),
    relativePath: (uri) => vscode.workspace.asRelativePath(uri, false),
  };
}
