// Where a job's images go: the output folder inside the workspace folder of the document the
// command came from (multi-root), checked before any request so nothing is spent on a refused folder.
import * as vscode from 'vscode';
import { UserFacingError } from '../common/userFacingError';
import { USE_A_WORKSPACE_FOLDER, resolveOutputFolder } from './outputFolder';
import { insideFolder, realFolderOf } from './realPath';


/** Where the images are saved: a folder URI, and whether it was checked to be inside a workspace folder. */
export interface SaveTarget {
  readonly folderUri: string;
  /** The workspace folder it must stay in (symlinks are checked again when writing). */
  readonly workspaceFolderUri?: string;
  /** Save as exactly this name (image i > 1 as `name-i.ext`) rather than by the file-name template. */
  readonly fileName?: string;
}

export type TargetResult = { readonly kind: 'workspace'; readonly target: SaveTarget; readonly relative: string } | { readonly kind: 'no-workspace' };

/** The workspace folder a generation saves into: the document's, else the first. */
export function workspaceFolderFor(document: vscode.Uri | undefined): vscode.WorkspaceFolder | undefined {
  const own = document ? vscode.workspace.getWorkspaceFolder(document) : undefined;
  return own ?? vscode.workspace.workspaceFolders?.[0];
}

/** Resolves the output folder template for a job; throws UserFacingError when it leaves the workspace. */
export async function resolveSaveTarget(template: string, model: string, document: vscode.Uri | undefined, now = new Date()): Promise<TargetResult> {
  const folder = workspaceFolderFor(document);
  if (!folder) return { kind: 'no-workspace' };
  let documentDir: string | undefined;
  if (document && vscode.workspace.getWorkspaceFolder(document)?.uri.toString() === folder.uri.toString()) {
    const rel = vscode.workspace.asRelativePath(document, false).split('/');
    documentDir = rel.slice(0, -1).join('/');
  }
  const resolved = resolveOutputFolder(template, { date: now, model, ...(documentDir !== undefined ? { documentDir } : {}) });
  if (!resolved.ok) throw new UserFacingError(resolved.error.message);
  const folderUri = vscode.Uri.joinPath(folder.uri, ...resolved.segments);
  await assertInsideWorkspace(folderUri, folder.uri, resolved.path || '.');
  return { kind: 'workspace', target: { folderUri: folderUri.toString(), workspaceFolderUri: folder.uri.toString() }, relative: resolved.path };
}

/** Refuses a folder that a symbolic link takes out of the workspace folder (file: URIs only). */
export async function assertInsideWorkspace(folderUri: vscode.Uri, workspaceUri: vscode.Uri, shown: string): Promise<void> {
  if (folderUri.scheme !== 'file' || workspaceUri.scheme !== 'file') return;
  const [real, root] = await Promise.all([realFolderOf(folderUri.fsPath), realFolderOf(workspaceUri.fsPath)]);
  if (!insideFolder(real, root)) {
    throw new UserFacingError(
      `The output folder "${shown}" leads outside the workspace (through a symbolic link). ${USE_A_WORKSPACE_FOLDER}`,
    );
  }
}
