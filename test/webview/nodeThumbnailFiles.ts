// The thumbnail cache's files on plain Node (node:fs), for the bench and the webview test: the same
// contract as the extension's WorkspaceThumbnailFiles (atomic writes by rename).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ThumbnailFiles } from '../../src/gallery/grid/thumbnailCache';

export class NodeThumbnailFiles implements ThumbnailFiles {
  constructor(readonly folder: string) {}

  async statSource(uri: string): Promise<{ mtime: number; size: number } | undefined> {
    try {
      const stat = await fs.stat(fileURLToPath(uri));
      return { mtime: stat.mtimeMs, size: stat.size };
    } catch {
      return undefined;
    }
  }

  async read(name: string): Promise<Uint8Array | undefined> {
    return fs.readFile(path.join(this.folder, name)).catch(() => undefined);
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true });
    const temporary = path.join(this.folder, `${name}.${randomUUID()}.tmp`);
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, path.join(this.folder, name));
  }

  async delete(name: string): Promise<void> {
    await fs.rm(path.join(this.folder, name), { force: true });
  }
}
