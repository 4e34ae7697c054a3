// Starts the emulator host (dist/test/bench/emulator-host.main.js) as a child process and talks to it.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { EmulatorSnapshot, HostEmulatorOptions, HostReply, HostRequest } from './emulator-protocol';

export interface EmulatorProcess {
  readonly url: string;
  readonly outputUrl: string;
  readonly apiKey: string;
  readonly pid: number | undefined;
  /** Jobs and counters as the emulator sees them now. */
  snapshot(): Promise<EmulatorSnapshot>;
  close(): Promise<void>;
}

/** Bundled benchmarks live side by side in dist/test/bench/, so the host is next to the caller. */
const hostScript = path.join(__dirname, 'emulator-host.main.js');

export async function startEmulatorProcess(options: HostEmulatorOptions): Promise<EmulatorProcess> {
  const child = fork(hostScript, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const waiters: ((reply: HostReply) => void)[] = [];
  let exited = false;
  child.on('message', (reply: HostReply) => waiters.shift()?.(reply));
  child.on('exit', (code) => {
    exited = true;
    for (const w of waiters.splice(0)) w({ type: 'error', message: `emulator host exited with code ${code}` });
  });

  function request(message: HostRequest): Promise<HostReply> {
    if (exited) return Promise.reject(new Error('emulator host is not running'));
    return new Promise((resolve, reject) => {
      waiters.push((reply) => (reply.type === 'error' ? reject(new Error(`emulator host: ${reply.message}`)) : resolve(reply)));
      child.send(message);
    });
  }

  const started = await request({ type: 'start', options });
  if (started.type !== 'started') throw new Error(`emulator host answered ${started.type} to start`);
  return {
    url: started.url,
    outputUrl: started.outputUrl,
    apiKey: started.apiKey,
    pid: child.pid,
    async snapshot() {
      const reply = await request({ type: 'snapshot' });
      if (reply.type !== 'snapshot') throw new Error(`emulator host answered ${reply.type} to snapshot`);
      const { type: _type, ...snapshot } = reply;
      return snapshot;
    },
    async close() {
      if (exited) return;
      await request({ type: 'close' }).catch(() => undefined);
      await waitForExit(child);
    },
  };
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill(), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
