// Benchmark 2: activation cost. Each run is a fresh Node process that loads the production
// extension bundle with a `vscode` stand-in and calls activate(); "eager" also requires the
// features and HTTP bundles up front, which is what activation would cost without lazy loading
// (the same code dist/extension.js held with http.js split off; references.js stays out of both).
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
  featuresLoaded: boolean;
  subscriptions: number;
}

async function probe(extensionFile: string, eagerFiles: readonly string[]): Promise<ProbeReply> {
  const args = [path.join(__dirname, 'activation-probe.main.js'), extensionFile, repoRoot];
  if (eagerFiles.length) args.push('--eager', ...eagerFiles);
  const { stdout } = await run(process.execPath, args, { cwd: repoRoot }).catch((err: { stdout?: string; message: string }) => ({ stdout: err.stdout ?? JSON.stringify({ error: err.message }) }));
  const reply = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ProbeReply & { error?: string };
  if (reply.error) throw new Error(`activation probe failed: ${reply.error}`);
  return reply;
}

void runBenchmark('activation', '2. Activation', async () => {
  const runs = Number(argValue(process.argv, '--runs') ?? 15);
  const dir = productionDir();
  const extensionFile = path.join(dir, 'extension.js');
  const eagerFiles = ['features.js', 'http.js'].map((name) => path.join(dir, name));
  for (const file of [extensionFile, ...eagerFiles]) if (!existsSync(file)) throw new Error(`${file} not found: build first`);

  // One warm-up of each kind (disk cache), then alternate so drift hits both alike.
  await probe(extensionFile, []);
  await probe(extensionFile, eagerFiles);
  const lazy: ProbeReply[] = [];
  const eager: ProbeReply[] = [];
  for (let i = 0; i < runs; i++) {
    lazy.push(await probe(extensionFile, []));
    eager.push(await probe(extensionFile, eagerFiles));
  }
  const lazyTotal = median(lazy.map((r) => r.totalMs));
  const eagerTotal = median(eager.map((r) => r.totalMs));
  const httpLoadedLazily = lazy.every((r) => !r.httpLoaded);
  const featuresLoadedLazily = lazy.every((r) => !r.featuresLoaded);
  return {
    metrics: [
      { label: 'require + activate (median)', value: lazyTotal, unit: 'ms', target: { op: '<=', limit: 15 }, note: `require ${median(lazy.map((r) => r.requireMs)).toFixed(2)} ms + activate ${median(lazy.map((r) => r.activateMs)).toFixed(2)} ms, ${runs} fresh processes with the host's Node built-ins preloaded` },
      { label: 'eager (+ features.js, http.js), median', value: eagerTotal, unit: 'ms', note: `require ${median(eager.map((r) => r.requireMs)).toFixed(2)} ms + activate ${median(eager.map((r) => r.activateMs)).toFixed(2)} ms` },
      { label: 'require + activate ÷ eager', value: lazyTotal / eagerTotal, unit: '×', target: { op: '<=', limit: 0.2 }, note: 'medians of the same run' },
      { label: 'features loaded at activation', value: featuresLoadedLazily ? 0 : 1, unit: '', target: { op: '==', limit: 0 }, note: featuresLoadedLazily ? 'no: loaded on first use (no interrupted job to resume)' : 'yes: activation pulls in features.js' },
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
