// Saving a new file on a local disk (file: URIs), without vscode so plain Node can run it too:
// the parts are written one after the other to a temporary file in the target folder (never
// joined in memory: a 13 MB image is not copied again), then hard-linked under the first free
// name (`name`, `name-2`, …). link() fails atomically when the name exists, so a half-written
// file never appears and two writers never overwrite each other.
import { randomUUID } from 'node:crypto';
import { link, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { candidateName, noFreeNameError } from './fileName';

export const MAX_NAME_ATTEMPTS = 1000;

/** Creates `file` (it must not exist) with `parts` written in order. */
export async function writeNewFile(file: string, parts: readonly Uint8Array[]): Promise<void> {
  try {
    await writeFile(file, parts, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') await unlink(file).catch(() => undefined); // e.g. disk full midway
    throw e;
  }
}

/** Saves `parts` as `fileName` (or `-2`, `-3`, … up to `attempts` names) in the existing folder `dir`; returns the path written. */
export async function saveNewFile(dir: string, fileName: string, parts: readonly Uint8Array[], attempts = MAX_NAME_ATTEMPTS): Promise<string> {
  const temp = path.join(dir, `.${fileName}.${randomUUID()}.tmp`);
  await writeNewFile(temp, parts);
  try {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const target = path.join(dir, candidateName(fileName, attempt));
      try {
        await link(temp, target);
        return target;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    throw noFreeNameError(fileName, attempts);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
