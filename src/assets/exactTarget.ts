// Where a job that must save at exactly a given path goes: checked before any request, so nothing
// is spent on a path outside the workspace (also through a symbolic link), on a format the model
// cannot write, or on a file that exists already (exact paths are never overwritten).
import * as vscode from 'vscode';
import { UserFacingError } from '../common/userFacingError';
import { MODELS, isModelSlug } from '../shared/catalog';
import { exactFileName, formatParameters, parseExactImagePath, type ImageFormat } from './exactPath';
import { fileExists } from './save';
import { assertInsideWorkspace, workspaceFolderFor, type SaveTarget } from './target';

export interface ExactTarget {
  readonly target: SaveTarget & { readonly fileName: string };
  readonly format: ImageFormat;
}

/** Resolves the workspace-relative `path` in the workspace folder of `document` (else the first). */
export async function resolveExactTarget(path: string, document: vscode.Uri | undefined): Promise<ExactTarget> {
  const parsed = parseExactImagePath(path);
  if (!parsed.ok) throw new UserFacingError(parsed.message);
  const folder = workspaceFolderFor(document);
  if (!folder) throw new UserFacingError(`Open a folder or workspace to save an image at "${parsed.value.path}".`);
  const folderUri = vscode.Uri.joinPath(folder.uri, ...parsed.value.folder);
  await assertInsideWorkspace(folderUri, folder.uri, parsed.value.folder.join('/') || '.');
  return {
    target: { folderUri: folderUri.toString(), workspaceFolderUri: folder.uri.toString(), fileName: parsed.value.fileName },
    format: parsed.value.format,
  };
}

/** `params` with the model's format parameter set to `format`; refused when the model cannot write it. */
export function paramsForFormat(model: string, params: Readonly<Record<string, unknown>>, format: ImageFormat): Record<string, unknown> {
  if (!isModelSlug(model)) return { ...params }; // the request builder refuses it with the list of models
  const formatParams = formatParameters(MODELS[model], format);
  if (!formatParams.ok) throw new UserFacingError(`${formatParams.message}.`);
  return { ...params, ...formatParams.params };
}

/** Refuses when one of the `count` files of the batch exists: an exact path never replaces a file. */
export async function assertExactFilesAbsent(target: ExactTarget['target'], count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const file = vscode.Uri.joinPath(vscode.Uri.parse(target.folderUri), exactFileName(target.fileName, index));
    if (await fileExists(file)) {
      throw new UserFacingError(`"${vscode.workspace.asRelativePath(file, false)}" already exists, and an image is never saved over a file. Choose another path, or delete that file first.`);
    }
  }
}
