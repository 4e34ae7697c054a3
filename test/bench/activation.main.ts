// Benchmark 2: activation cost. Each run is a fresh Node process that loads the production
// extension bundle with a `vscode` stand-in and calls activate(); "eager" also requires the
// HTTP bundle up front, which is what activation would cost without lazy loading.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { productionDir, repoRoot } from './paths';
import { argValue } from './report';
import { runBenchmark } from './result-file';
import { median, summarize } from './stats';

const run = promisify(execFile);

interface ProbeReply {
  requireMs: number;
  activateMs: number;
  totalMs: number;
  httpLoaded: boolean;
  subscriptions: number;
}

async function probe(extensionFile: string, httpFile: string | undefined): Promise<ProbeReply> {
  const args = [path.join(__dirname, 'activation-probe.main.js'), extensionFile, repoRoot];
  if (httpFile) args.push('--eager', httpFile);
  const { stdout } = await run(process.execPath, args, { cwd: repoRoot }).catch((err: { stdout?: string; message: string }) => ({ stdout: err.stdout ?? JSON.stringify({ error: err.message }) }));
  const reply = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ProbeReply & { error?: string };
  if (reply.error) throw new Error(`activation probe failed: ${reply.error}`);
  return reply;
}

void runBenchmark('activation', '2. Activation', async () => {
  const runs = Number(argValue(process.argv, '--runs') ?? 15);
  const dir = productionDir();
  const extensionFile = path.join(dir, 'extension.js');
  const httpFile = path.join(dir, 'http.js');
  if (!existsSync(extensionFile)) throw new Error(`${extensionFile} not found: build first`);

  // One warm-up of each kind (disk cache), then alternate so drift hits both alike.
  await probe(extensionFile, undefined);
  await probe(extensionFile, httpFile);
  const lazy: ProbeReply[] = [];
  const eager: ProbeReply[] = [];
  for (let i = 0; i < runs; i++) {
    lazy.push(await probe(extensionFile, undefined));
    eager.push(await probe(extensionFile, httpFile));
  }
  const lazyTotal = median(lazy.map((r) => r.totalMs));
  const eagerTotal = median(eager.map((r) => r.totalMs));
  const httpLoadedLazily = lazy.every((r) => !r.httpLoaded);
  return {
    metrics: [
      { label: 'require + activate (median)', value: lazyTotal, unit: 'ms', target: { op: '<=', limit: 15 }, note: `require ${median(lazy.map((r) => r.requireMs)).toFixed(2)} ms + activate ${median(lazy.map((r) => r.activateMs)).toFixed(2)} ms, ${runs} fresh processes with the host's Node built-ins preloaded` },
      { label: 'eager (+ require http.js), median', value: eagerTotal, unit: 'ms', note: `lazy is ${(lazyTotal / eagerTotal).toFixed(2)}× of eager` },
      { label: 'HTTP stack loaded at activation', value: httpLoadedLazily ? 0 : 1, unit: '', target: { op: '==', limit: 0 }, note: httpLoadedLazily ? 'no: loaded on first request' : 'yes: activation pulls in http.js' },
    ],
    details: {
      bundle: dir,
      runs,
      subscriptions: lazy[0]?.subscriptions,
      lazy: summarize(lazy.map((r) => r.totalMs)),
      eager: summarize(eager.map((r) => r.totalMs)),
      lazySamples: lazy,
      eagerSamples: eager,
    },
  };
});
