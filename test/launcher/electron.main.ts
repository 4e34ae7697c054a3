// `npm run test:electron` (via test/tasks/test-electron.mjs): the same integration suite in desktop
// VS Code, downloaded by @vscode/test-electron — for machines that can reach the VS Code download
// servers. Starts the emulator here and hands its URL and key to the extension host.
// On machines without that access it stops with a clear message; `npm test` (code-server) is the
// launcher that works everywhere.
//
//   node dist/test/launcher/electron.main.js [--version 1.139.1]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startEmulator } from '../emulator/emulator';
import { repoRoot } from './deps';
import { copyWorkspaceFixture } from './session';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const version = arg('--version') ?? '1.139.1'; // = code-server 4.139.1: what engines.vscode allows
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'segmind-electron-'));
  const emulator = await startEmulator({ control: true });
  try {
    const workspace = copyWorkspaceFixture(path.join(temp, 'workspace'));
    const userDataDir = path.join(temp, 'user-data');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'segmind.apiBaseUrl': emulator.url }, null, 2),
    );
    const resultsFile = path.join(temp, 'results.json');
    try {
      await runTests({
        version,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: path.join(repoRoot, 'dist', 'test', 'integration', 'suite.main.js'),
        extensionTestsEnv: { SEGMIND_API_KEY: emulator.apiKey, SEGMIND_TEST_EMULATOR_URL: emulator.url, SEGMIND_TEST_RESULTS: resultsFile },
        launchArgs: [workspace, '--disable-extensions', '--user-data-dir', userDataDir, '--disable-workspace-trust'],
      });
    } catch (err) {
      const message = (err as Error)?.message ?? String(err);
      if (!fs.existsSync(resultsFile) && /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|getaddrinfo|download|fetch failed/i.test(message)) {
        console.error(
          `\n[test:electron] could not download VS Code ${version} (${message.split('\n')[0]}).\n` +
            'This machine cannot reach the VS Code download servers. The same suite runs in VS Code\'s\n' +
            'server build with `npm test` (stage "integration"), which needs only the npm registry.\n',
        );
        return 2;
      }
      console.error(`[test:electron] ${message}`);
    }
    if (!fs.existsSync(resultsFile)) return 1;
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { passed: number; failed: number; failures: { title: string; error: string }[] };
    for (const f of results.failures) console.log(`\n  FAILED: ${f.title}\n    ${f.error.split('\n').join('\n    ')}`);
    console.log(`\n${results.passed} passed, ${results.failed} failed`);
    return results.failed === 0 && results.passed > 0 ? 0 : 1;
  } finally {
    await emulator.close();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`[test:electron] ${(err as Error)?.stack ?? String(err)}`);
    process.exitCode = 1;
  },
);
