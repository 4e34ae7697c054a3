// "Create only if absent", atomically. workspace.fs.rename(…, { overwrite: false }) checks and then
// renames, so two writers can both succeed; on file: URIs the OS primitives are exclusive.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';

/** Moves `temp` to `target` unless `target` exists; false (temp untouched) when it does. */
export async function moveIfAbsent(temp: vscode.Uri, target: vscode.Uri): Promise<boolean> {
  if (temp.scheme === 'file' && target.scheme === 'file') {
    try {
      await fs.link(temp.fsPath, target.fsPath); // fails with EEXIST atomically, never replaces
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    await fs.unlink(temp.fsPath);
    return true;
  }
  try {
    await vscode.workspace.fs.rename(temp, target, { overwrite: false });
    return true;
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileExists') return false;
    throw e;
  }
}

/** Writes `bytes` to `target` unless it exists; false when it does. */
export async function createIfAbsent(target: vscode.Uri, bytes: Uint8Array): Promise<boolean> {
  if (target.scheme === 'file') {
    try {
      await fs.writeFile(target.fsPath, bytes, { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  }
  const temp = vscode.Uri.joinPath(target, '..', `.${globalThis.crypto.randomUUID()}.tmp`);
  await vscode.workspace.fs.writeFile(temp, bytes);
  const moved = await moveIfAbsent(temp, target);
  if (!moved) await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
  return moved;
}
