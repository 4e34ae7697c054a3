// `npm test`: installs what is missing, builds, then runs every stage and ends with
// one line `N passed, N failed` summing the tests of all stages.
// Stages: typecheck, lint, architecture (one test each), unit (node:test, plain Node), then the stages
// that need a real VS Code (added by test/tasks/stages.mjs when present).
import { ensureNpmDeps, run, findFiles, root } from './lib.mjs';
import { runNodeTests } from './node-tests.mjs';

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0 };
const timings = [];

async function stage(name, fn) {
  if (only.length && !only.includes(name)) return;
  const started = Date.now();
  console.log(`\n=== stage: ${name} ===`);
  let result;
  try {
    result = await fn();
  } catch (err) {
    console.error(`[${name}] ${err?.stack ?? err}`);
    result = { passed: 0, failed: 1 };
  }
  if (result.passed + result.failed === 0) {
    console.error(`[${name}] ran no test: counted as a failure`);
    result = { passed: 0, failed: 1 };
  }
  totals.passed += result.passed;
  totals.failed += result.failed;
  timings.push({ name, seconds: (Date.now() - started) / 1000, ...result });
}

const exitStage = async (cmd, args) => ((await run(cmd, args)) === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });

ensureNpmDeps();
if ((await run(process.execPath, ['esbuild.js'])) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
await stage('typecheck', () => exitStage(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']));
await stage('lint', () => exitStage(process.execPath, ['node_modules/eslint/bin/eslint.js', 'src', 'media', 'test']));
await stage('architecture', () => exitStage(process.execPath, ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', 'src', 'media', '--config', '.dependency-cruiser.cjs']));
await stage('unit', () => runNodeTests(findFiles('dist/test/unit', /\.test\.js$/)));

try {
  const { vscodeStages } = await import('./stages.mjs');
  for (const [name, fn] of vscodeStages) await stage(name, fn);
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
}

console.log('\nstage          seconds  passed  failed');
for (const t of timings) console.log(`${t.name.padEnd(14)} ${t.seconds.toFixed(1).padStart(7)} ${String(t.passed).padStart(7)} ${String(t.failed).padStart(7)}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = totals.failed === 0 ? 0 : 1;
void root;
