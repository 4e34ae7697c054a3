// `npm run bench`: measures the production bundles and runs every benchmark against the
// emulator on loopback, then prints one table and writes bench/results.json.
// Usage: npm run bench [-- --full] [-- latency size ...]   (--full: the exact 10 s rate-limit window)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureNpmDeps, root, run } from './lib.mjs';

const BENCHMARKS = ['latency', 'activation', 'size', 'load', 'ratelimit', 'gallery'];
const args = process.argv.slice(2);
const full = args.includes('--full');
const selected = args.filter((a) => !a.startsWith('--'));
for (const name of selected) {
  if (!BENCHMARKS.includes(name)) {
    console.error(`unknown benchmark "${name}"; choose from ${BENCHMARKS.join(', ')}`);
    process.exit(2);
  }
}
const benchmarks = selected.length ? BENCHMARKS.filter((b) => selected.includes(b)) : BENCHMARKS;
const started = Date.now();

ensureNpmDeps();

// The production build is what ships: measure its sizes and activate it. The test build below
// overwrites dist/, so keep a copy of the production files aside.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'segmind-bench-'));
const prodDir = path.join(work, 'production');
if ((await run(process.execPath, ['esbuild.js', '--production', '--no-tests'])) !== 0) {
  console.error('production build failed');
  process.exit(1);
}
fs.mkdirSync(prodDir);
for (const file of fs.readdirSync(path.join(root, 'dist'))) {
  if (file.endsWith('.js') || file === 'meta.json') fs.copyFileSync(path.join(root, 'dist', file), path.join(prodDir, file));
}
if ((await run(process.execPath, ['esbuild.js'])) !== 0) {
  console.error('test build failed');
  process.exit(1);
}

const resultFiles = [];
for (const name of benchmarks) {
  const out = path.join(work, `${name}.json`);
  resultFiles.push(out);
  console.log(`\n=== bench: ${name} ===`);
  const benchStarted = Date.now();
  const extra = full ? ['--full'] : [];
  await run(process.execPath, [path.join('dist', 'test', 'bench', `${name}.main.js`), '--out', out, '--prod-dir', prodDir, ...extra]);
  console.log(`[${name}] ${((Date.now() - benchStarted) / 1000).toFixed(1)} s`);
}

const code = await run(process.execPath, [path.join('dist', 'test', 'bench', 'summary.main.js'), '--out', path.join('bench', 'results.json'), ...(full ? ['--full'] : []), ...resultFiles]);
console.log(`Total ${((Date.now() - started) / 1000).toFixed(0)} s`);
fs.rmSync(work, { recursive: true, force: true });
process.exit(code);
