// Symbolic-link checks for file: URIs, where a folder inside the workspace by name can lead out of it.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const MAX_LINKS = 40; // like the OS's ELOOP limit

/**
 * The real path of `p`, also when (part of) it does not exist yet: the deepest existing ancestor is
 * resolved, and a dangling symbolic link is followed to where `mkdir -p` would create the folder.
 */
export async function realFolderOf(p: string): Promise<string> {
  let current = path.resolve(p);
  const rest: string[] = [];
  for (let links = 0; links <= MAX_LINKS; ) {
    try {
      return path.join(await fs.realpath(current), ...rest);
    } catch {
      const link = await fs.readlink(current).catch(() => undefined);
      if (link !== undefined) {
        // A dangling link: continue from its target (relative to the link's folder).
        current = path.resolve(path.dirname(current), link);
        links++;
        continue;
      }
      const parent = path.dirname(current);
      if (parent === current) return path.join(current, ...rest);
      rest.unshift(path.basename(current));
      current = parent;
    }
  }
  throw new Error(`too many symbolic links in ${p}`);
}

export function insideFolder(child: string, root: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
