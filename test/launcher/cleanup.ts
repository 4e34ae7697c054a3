// Everything a launcher starts registers how to stop it here, so that processes and temp folders
// go away on success, on failure, on Ctrl-C (SIGINT), SIGTERM and SIGHUP.
import type { ChildProcess } from 'node:child_process';

type Step = { name: string; run: () => Promise<void> | void; sync?: () => void };

const steps: Step[] = [];
let installed = false;
let running: Promise<void> | undefined;

/** Registers a cleanup step; returns a function that unregisters it (when its owner closed it). */
export function onCleanup(name: string, run: () => Promise<void> | void, sync?: () => void): () => void {
  install();
  const step: Step = { name, run, ...(sync ? { sync } : {}) };
  steps.push(step);
  return () => {
    const i = steps.indexOf(step);
    if (i >= 0) steps.splice(i, 1);
  };
}

/** Runs (once) every registered step, newest first; errors are reported, never thrown. */
export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (steps.length > 0) {
      const step = steps.pop()!;
      try {
        await Promise.race([step.run(), new Promise((r) => setTimeout(r, 15_000))]);
      } catch (err) {
        console.error(`[launcher] cleanup "${step.name}" failed: ${(err as Error).message}`);
      }
    }
  })().finally(() => {
    running = undefined;
  });
  return running;
}

/** Kills a detached child's whole process group (code-server forks its extension host and others). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** SIGTERMs a detached child's group, waits for it, then SIGKILLs whatever is left. */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.pid === undefined) return;
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  killGroup(child, 'SIGKILL'); // the group may outlive its leader
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n[launcher] ${signal}: stopping everything…`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
  // Last resort when the process exits without awaiting cleanupAll (uncaught error, process.exit).
  process.on('exit', () => {
    for (const step of steps.splice(0).reverse()) {
      try {
        step.sync?.();
      } catch {
        // best effort
      }
    }
  });
}

/**
 * The cleanup steps of one owner (e.g. one VS Code session): registered globally (so Ctrl-C runs
 * them) and run in reverse order by close().
 */
export class CleanupScope {
  private readonly own: { name: string; run: () => Promise<void> | void; unregister: () => void }[] = [];

  add(name: string, run: () => Promise<void> | void, sync?: () => void): void {
    this.own.push({ name, run, unregister: onCleanup(name, run, sync) });
  }

  async close(): Promise<void> {
    while (this.own.length > 0) {
      const step = this.own.pop()!;
      step.unregister();
      try {
        await step.run();
      } catch (err) {
        console.error(`[launcher] cleanup "${step.name}" failed: ${(err as Error).message}`);
      }
    }
  }
}
