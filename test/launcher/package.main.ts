// Installs a packaged .vsix into a fresh code-server extensions folder with `--install-extension`
// (as a user would) and runs test/package/*.test.ts in that VS Code: the extension comes from the
// package, not from source. Used by the "package" stage of `npm test`.
//
//   node dist/test/launcher/package.main.js --vsix FILE [--summary out.json]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanupAll } from './cleanup';
import { node24Env, repoRoot, vsCodeDeps } from './deps';
import { report } from './report';
import { VsCodeSession } from './session';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `code-server --install-extension`; returns the folder the extension was installed into. */
function installVsix(vsix: string, extensionsDir: string, userDataDir: string): string {
  const deps = vsCodeDeps();
  const r = spawnSync(
    deps.node24,
    [deps.codeServerEntry, '--config', path.join(deps.cacheDir, 'code-server.yaml'), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix],
    { encoding: 'utf8', env: node24Env(deps), timeout: 120_000 },
  );
  const output = `${r.stdout}${r.stderr}`.trim();
  if (r.status !== 0) throw new Error(`--install-extension failed (exit ${r.status}):\n${output}`);
  const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('segmind-studio.segmind-image-studio-'));
  if (installed.length !== 1) throw new Error(`--install-extension reported success but ${extensionsDir} holds: ${fs.readdirSync(extensionsDir).join(', ')}\n${output}`);
  console.log(`[package] ${output.split('\n').pop()}`);
  return path.join(extensionsDir, installed[0]!);
}

async function main(): Promise<{ passed: number; failed: number }> {
  const vsix = arg('--vsix');
  if (!vsix || !fs.existsSync(vsix)) throw new Error(`--vsix FILE is required (got ${vsix})`);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'segmind-vsix-'));
  try {
    const extensionsDir = path.join(temp, 'extensions');
    fs.mkdirSync(extensionsDir);
    installVsix(path.resolve(vsix), extensionsDir, path.join(temp, 'install-user-data'));
    // The workbench runs a tests module only alongside an extension under development: an empty one.
    const runnerExtension = path.join(temp, 'test-runner-extension');
    fs.mkdirSync(runnerExtension);
    fs.writeFileSync(
      path.join(runnerExtension, 'package.json'),
      JSON.stringify({ name: 'package-test-runner', publisher: 'segmind-studio-tests', version: '0.0.0', engines: { vscode: '^1.100.0' } }),
    );
    const session = await VsCodeSession.start({
      label: 'package',
      extensionDevelopmentPath: runnerExtension,
      extensionsDir,
      extensionEnvironment: { SEGMIND_TEST_EXTENSIONS_DIR: extensionsDir },
    });
    try {
      const outcome = await session.runTests(path.join(repoRoot, 'dist', 'test', 'package', 'suite.main.js'), {}, 3 * 60_000);
      return report('installed .vsix', outcome, session);
    } finally {
      await session.close();
    }
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

main()
  .then((totals) => {
    const summary = arg('--summary');
    if (summary) fs.writeFileSync(summary, JSON.stringify(totals));
    process.exitCode = totals.failed === 0 && totals.passed > 0 ? 0 : 1;
  })
  .catch(async (err: unknown) => {
    console.error(`[package] ${(err as Error)?.stack ?? String(err)}`);
    await cleanupAll();
    const summary = arg('--summary');
    if (summary) fs.writeFileSync(summary, JSON.stringify({ passed: 0, failed: 1 }));
    process.exitCode = 1;
  });
