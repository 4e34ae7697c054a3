// The thumbnail cache's files through `vscode.workspace.fs` (works in remote and virtual workspaces).
import * as vscode from 'vscode';
import type { ThumbnailFiles } from './thumbnailCache';

export class WorkspaceThumbnailFiles implements ThumbnailFiles {
  constructor(readonly folder: vscode.Uri) {}

  async statSource(uri: string): Promise<{ mtime: number; size: number } | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(uri, true));
      return { mtime: stat.mtime, size: stat.size };
    } catch {
      return undefined;
    }
  }

  async read(name: string): Promise<Uint8Array | undefined> {
    try {
      return await vscode.workspace.fs.readFile(this.file(name));
    } catch {
      return undefined;
    }
  }

  /** Written under a temporary name, then renamed over: a reader sees the old file or the new one. */
  async write(name: string, bytes: Uint8Array): Promise<void> {
    const temporary = this.file(`${name}.${crypto.randomUUID()}.tmp`);
    await vscode.workspace.fs.writeFile(temporary, bytes);
    try {
      await vscode.workspace.fs.rename(temporary, this.file(name), { overwrite: true });
    } catch (err) {
      await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
      throw err;
    }
  }

  async delete(name: string): Promise<void> {
    await vscode.workspace.fs.delete(this.file(name));
  }

  file(name: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, name);
  }
}
