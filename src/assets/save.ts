// Writes an image into a folder: a free `name-N` (never overwrites), written to a temporary file in
// the same folder and renamed, so no half-written image appears. Local folders go through
// diskWrite.ts (the image's parts are written as they are, not joined into a second copy); other
// schemes (remote, virtual) through vscode.workspace.fs.
import * as vscode from 'vscode';
import { concatBytes } from '../segmind/metadataBytes';
import { MAX_NAME_ATTEMPTS, saveNewFile } from './diskWrite';
import { moveIfAbsent } from './exclusive';
import { candidateName, noFreeNameError } from './fileName';
import { assertInsideWorkspace } from './target';

/** Whether a file or folder is at `uri`; other errors (permissions, offline remote) are thrown. */
export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return false;
    throw e;
  }
}

/** The file's bytes: one buffer, or consecutive parts (see embedMetadataParts) written in order. */
export type FileContent = Uint8Array | readonly Uint8Array[];

function partsOf(content: FileContent): readonly Uint8Array[] {
  return content instanceof Uint8Array ? [content] : content;
}

function joined(content: FileContent): Uint8Array {
  return content instanceof Uint8Array ? content : content.length === 1 && content[0] ? content[0] : concatBytes(content);
}

/** Saves `content` as `fileName` (or `-2`, `-3`, …; only `fileName` with `exactName`) in `folder`; returns the file written. */
export async function saveImageFile(folder: vscode.Uri, fileName: string, content: FileContent, workspaceFolder?: vscode.Uri, options: { exactName?: boolean } = {}): Promise<vscode.Uri> {
  const attempts = options.exactName ? 1 : MAX_NAME_ATTEMPTS;
  await vscode.workspace.fs.createDirectory(folder);
  // Checked again now that the folder exists: a link created meanwhile must not take the file out.
  if (workspaceFolder) await assertInsideWorkspace(folder, workspaceFolder, vscode.workspace.asRelativePath(folder, false));
  if (folder.scheme === 'file') return vscode.Uri.file(await saveNewFile(folder.fsPath, fileName, partsOf(content), attempts));
  const temp = vscode.Uri.joinPath(folder, `.${fileName}.${globalThis.crypto.randomUUID()}.tmp`);
  await vscode.workspace.fs.writeFile(temp, joined(content));
  try {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const target = vscode.Uri.joinPath(folder, candidateName(fileName, attempt));
      if (await fileExists(target)) continue;
      if (await moveIfAbsent(temp, target)) return target; // else another job took the name just now
    }
    throw noFreeNameError(fileName, attempts);
  } catch (e) {
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw e;
  }
}

/** Keeps a paid-for image that could not be saved in the workspace, in the extension's global storage. */
export async function keepInGlobalStorage(globalStorage: vscode.Uri, fileName: string, content: FileContent): Promise<vscode.Uri> {
  const folder = vscode.Uri.joinPath(globalStorage, 'unsaved');
  await vscode.workspace.fs.createDirectory(folder);
  if (folder.scheme === 'file') return vscode.Uri.file(await saveNewFile(folder.fsPath, fileName, partsOf(content)));
  for (let attempt = 1; ; attempt++) {
    const target = vscode.Uri.joinPath(folder, candidateName(fileName, attempt));
    if (await fileExists(target)) continue;
    await vscode.workspace.fs.writeFile(target, joined(content));
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
