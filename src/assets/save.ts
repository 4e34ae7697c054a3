// Writes an image into a folder through vscode.workspace.fs: a free `name-N` (never overwrites),
// written to a temporary file in the same folder and renamed, so no half-written image appears.
import * as vscode from 'vscode';
import { moveIfAbsent } from './exclusive';
import { candidateName } from './fileName';
import { assertInsideWorkspace } from './target';

const MAX_NAME_ATTEMPTS = 1000;

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return false;
    throw e;
  }
}

/** Saves `bytes` as `fileName` (or `-2`, `-3`, …) in `folder`; returns the file written. */
export async function saveImageFile(folder: vscode.Uri, fileName: string, bytes: Uint8Array, workspaceFolder?: vscode.Uri): Promise<vscode.Uri> {
  await vscode.workspace.fs.createDirectory(folder);
  // Checked again now that the folder exists: a link created meanwhile must not take the file out.
  if (workspaceFolder) await assertInsideWorkspace(folder, workspaceFolder, vscode.workspace.asRelativePath(folder, false));
  const temp = vscode.Uri.joinPath(folder, `.${fileName}.${globalThis.crypto.randomUUID()}.tmp`);
  await vscode.workspace.fs.writeFile(temp, bytes);
  try {
    for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
      const target = vscode.Uri.joinPath(folder, candidateName(fileName, attempt));
      if (await exists(target)) continue;
      if (await moveIfAbsent(temp, target)) return target; // else another job took the name just now
    }
    throw new Error(`no free file name like ${fileName}`);
  } catch (e) {
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw e;
  }
}

/** Keeps a paid-for image that could not be saved in the workspace, in the extension's global storage. */
export async function keepInGlobalStorage(globalStorage: vscode.Uri, fileName: string, bytes: Uint8Array): Promise<vscode.Uri> {
  const folder = vscode.Uri.joinPath(globalStorage, 'unsaved');
  await vscode.workspace.fs.createDirectory(folder);
  for (let attempt = 1; ; attempt++) {
    const target = vscode.Uri.joinPath(folder, candidateName(fileName, attempt));
    if (await exists(target)) continue;
    await vscode.workspace.fs.writeFile(target, bytes);
    return target;
  }
}

/** Short reason for a failed write ("read-only", "disk full", …) without the stack. */
export function saveFailureReason(e: unknown): string {
  if (e instanceof vscode.FileSystemError) {
    if (e.code === 'NoPermissions') return 'permission denied';
    if (e.code === 'Unavailable') return 'the file system is unavailable';
  }
  const message = e instanceof Error ? e.message : String(e);
  if (/ENOSPC/.test(message)) return 'the disk is full';
  if (/EROFS|EACCES|EPERM/.test(message)) return 'the folder is read-only';
  return message.replace(/\s+/g, ' ').slice(0, 200);
}
