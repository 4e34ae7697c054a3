// The `npm test` stages that need a real VS Code (imported by test/tasks/test.mjs):
//   start        the README's `npm start`, headless (--check): workbench served, workspace open,
//                extension active; installs the tools on a cold cache
//   integration  test/integration/** in code-server's extension host (+ reload phases)
//   ui           test/ui/** — playwright-core drives the workbench in headless Chromium
//   package      production build, .vsix via vsce, contents check, install it into code-server and
//                run test/package/** against the installed copy
// Each resolves to { passed, failed }. Node 24, code-server and Chromium are installed on first use
// (test/tasks/vscode-deps.mjs); the launchers run under Node 24.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnv, root, run } from './lib.mjs';
import { buildVsix, checkVsixContents, listVsix } from './package.mjs';
import { ensureVsCodeDeps } from './vscode-deps.mjs';

let deps;
let setupFailure;
function prepare() {
  // A failed install is reported once, by the first stage that needs it, not retried by each.
  if (setupFailure) throw setupFailure;
  if (!deps) {
    const started = Date.now();
    try {
      deps = ensureVsCodeDeps();
    } catch (err) {
      setupFailure = err;
      throw err;
    }
    console.log(`[vscode-deps] Node 24, code-server and Chromium ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  const { env, ...paths } = deps;
  return { node24: deps.node24, env: { ...env, SEGMIND_VSCODE_DEPS: JSON.stringify(paths) } };
}

/** Runs a Node 24 script that writes {passed, failed} to the file given as `--summary`/argument. */
async function runCounting(args, summaryArg = '--summary') {
  const { node24, env } = prepare();
  return runWithSummary(node24, (summary) => (summaryArg ? [...args, summaryArg, summary] : [...args, summary]), { env });
}

/** Runs `cmd` with the path of a counts file in its arguments; resolves to the counts it wrote. */
async function runWithSummary(cmd, argsWith, options) {
  const summary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'segmind-stage-')), 'counts.json');
  const code = await run(cmd, argsWith(summary), options);
  let counts = { passed: 0, failed: 0 };
  try {
    counts = JSON.parse(fs.readFileSync(summary, 'utf8'));
  } catch {
    // the script died before writing: counted below
  } finally {
    fs.rmSync(path.dirname(summary), { recursive: true, force: true });
  }
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // a crash is a failure
  return counts;
}

/**
 * The README's `npm start`, run as a user runs it (a fresh npm from a clean environment, with
 * this run's SEGMIND_DEV_CACHE) but headless: it installs whatever the cache lacks, serves the
 * workbench, and `--check` confirms the sample workspace is open and the extension active. It
 * runs first, so on a cold cache (as in CI) it is `npm start` that does the first install.
 */
async function start() {
  return runWithSummary('npm', (summary) => ['start', '--', '--check', '--summary', summary], { env: childEnv() });
}

async function integration() {
  return runCounting(['dist/test/launcher/integration.main.js']);
}

async function ui() {
  return runCounting(['test/tasks/ui-tests.mjs'], null);
}

async function packageStage() {
  const { node24, env } = prepare();
  const counts = { passed: 0, failed: 0 };
  const check = (ok, what, detail = '') => {
    console.log(`  ${ok ? '✓' : '✗'} ${what}${detail ? `\n    ${detail}` : ''}`);
    if (ok) counts.passed++;
    else counts.failed++;
  };
  let vsix;
  try {
    vsix = await buildVsix(path.join(root, 'test-output'));
  } finally {
    // The production build replaced dist/ bundles: rebuild the development ones (with tests).
    await run(node24, ['esbuild.js'], { env });
  }
  const entries = listVsix(vsix);
  const size = fs.statSync(vsix).size;
  console.log(`\n${path.relative(root, vsix)}: ${(size / 1024).toFixed(1)} KB, ${entries.length} files`);
  for (const e of entries) console.log(`  ${String(e.size).padStart(9)}  ${e.name}`);
  const problems = checkVsixContents(entries);
  check(problems.length === 0, 'the .vsix holds what users need and nothing else (no src/, tests, maps, node_modules)', problems.join('\n    '));
  const installed = await runCounting(['dist/test/launcher/package.main.js', '--vsix', vsix]);
  return { passed: counts.passed + installed.passed, failed: counts.failed + installed.failed };
}

export const vscodeStages = [
  ['start', start],
  ['integration', integration],
  ['ui', ui],
  ['package', packageStage],
];
