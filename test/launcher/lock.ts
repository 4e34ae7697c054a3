// One VS Code (code-server + Chromium, ~2 GB and both cores) at a time on this machine: a lock file
// in the cache folder holds the owner's pid. A lock whose owner is gone is taken over.
import fs from 'node:fs';
import path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until the lock is ours; resolves to a release function (idempotent, also safe in 'exit'). */
export async function acquireLock(dir: string, name = 'vscode.lock', timeoutMs = 30 * 60_000): Promise<() => void> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner = NaN;
    try {
      owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    } catch {
      continue; // released between our two calls
    }
    if (!Number.isFinite(owner) || owner === process.pid || !alive(owner)) {
      // Stale: its owner died without releasing. Remove and retry (wx decides who wins a race).
      try {
        fs.unlinkSync(file);
      } catch {
        // someone else removed it
      }
      continue;
    }
    if (!told) {
      console.log(`[launcher] waiting for another VS Code test run to finish (pid ${owner}, lock ${file})`);
      told = true;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting for ${file} (held by pid ${owner})`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
