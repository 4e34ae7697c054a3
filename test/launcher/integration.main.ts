// Runs the integration suite (test/integration/**/*.test.ts, mocha, inside the real extension host)
// in code-server + headless Chromium. This is what `npm test` uses (stage "integration").
//
//   node dist/test/launcher/integration.main.js [--files a.test.js,b.test.js] [--summary out.json]
//                                               [--timeout-ms 300000] [--no-reload]
//
// Needs Node 24 and the tools from test/tasks/vscode-deps.mjs (test/tasks/stages.mjs passes them).
//
// Phases and reloads: a window reload ends the extension host, and the tests module with it. So a
// test of "X survives a reload" is split into numbered phase files under test/integration/reload/:
//   test/integration/reload/phase1.test.ts   prepares (e.g. starts a slow job) and finishes
//   test/integration/reload/phase2.test.ts   runs after the reload and checks the outcome
//   (phase3.test.ts, … likewise)
// They are NOT part of the main suite run. After the main suite, this launcher starts a fresh
// session and loads the workbench once per phase file, in order, in the same browser profile
// (SecretStorage and workbench state survive, as on a real reload), the same code-server
// (user-data dir: globalState, workspaceState) and the same emulator (its jobs, its request log) —
// each load after the first is a real page reload. Each phase gets SEGMIND_TEST_PHASE=<n> and the
// usual SEGMIND_API_KEY / SEGMIND_TEST_EMULATOR_URL (the emulator's /__emulator/* control API) in
// its environment. A phase that fails does not stop the next one (its results say more).
import fs from 'node:fs';
import path from 'node:path';
import { cleanupAll } from './cleanup';
import { repoRoot } from './deps';
import { report, type Counts } from './report';
import { VsCodeSession } from './session';

const integrationDir = path.join(repoRoot, 'dist', 'test', 'integration');
const suite = path.join(integrationDir, 'suite.main.js');


function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** reload/phase1.test.js, reload/phase2.test.js, … in numeric order. */
export function reloadPhases(): string[] {
  const dir = path.join(integrationDir, 'reload');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => /^phase(\d+)\.test\.js$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => `reload/${m[0]}`);
}

async function main(): Promise<Counts> {
  const timeoutMs = Number(arg('--timeout-ms')) || 5 * 60_000;
  const files = arg('--files') ?? process.env.SEGMIND_TEST_FILES;
  if (!fs.existsSync(suite)) throw new Error(`${suite} is missing: run \`node esbuild.js\` first`);
  const totals: Counts = { passed: 0, failed: 0 };
  const add = (c: Counts) => {
    totals.passed += c.passed;
    totals.failed += c.failed;
  };

  const session = await VsCodeSession.start({ label: 'integration' });
  try {
    const outcome = await session.runTests(suite, files ? { SEGMIND_TEST_FILES: files } : {}, timeoutMs);
    add(report('integration', outcome, session));
  } finally {
    await session.close();
  }

  const phases = files || process.argv.includes('--no-reload') ? [] : reloadPhases();
  if (phases.length > 0) {
    const reload = await VsCodeSession.start({ label: 'integration-reload' });
    try {
      for (const [i, file] of phases.entries()) {
        const outcome = await reload.runTests(suite, { SEGMIND_TEST_FILES: file, SEGMIND_TEST_PHASE: String(i + 1) }, timeoutMs);
        add(report(`reload phase ${i + 1} (${file})`, outcome, reload));
      }
    } finally {
      await reload.close();
    }
  }
  return totals;
}

main()
  .then((totals) => {
    console.log(`\nintegration total: ${totals.passed} passed, ${totals.failed} failed`);
    const summary = arg('--summary');
    if (summary) fs.writeFileSync(summary, JSON.stringify(totals));
    process.exitCode = totals.failed === 0 && totals.passed > 0 ? 0 : 1;
  })
  .catch(async (err: unknown) => {
    console.error(`[integration] ${(err as Error)?.stack ?? String(err)}`);
    await cleanupAll();
    const summary = arg('--summary');
    if (summary) fs.writeFileSync(summary, JSON.stringify({ passed: 0, failed: 1 }));
    process.exitCode = 1;
  });
