// `npm start` (via test/tasks/start.mjs): a real VS Code (code-server) with the extension loaded
// from this repository and a sample workspace, talking to the built-in Segmind emulator — or to
// real Segmind when SEGMIND_API_KEY is exported. Prints the URL (opens a browser when there is
// one); Ctrl-C stops everything.
//
//   node dist/test/launcher/start.main.js [--fresh] [--check [--summary FILE]]
//     --fresh  start from a new copy of the sample workspace
//     --check  headless: open the URL in Chromium, check that the workbench is served, the sample
//              workspace is open and the extension activated, stop everything; exit 0 when all hold
//              (counts to FILE as {passed, failed} for `npm test`)
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { cleanupAll, onCleanup } from './cleanup';
import { checkStartedSession } from './startCheck';
import { outputDir, VsCodeSession, workspaceFixture } from './session';

const REAL_SEGMIND = 'https://api.segmind.com';

function sampleWorkspace(fresh: boolean): string {
  // Kept between runs (under test-output/, ignored by git) so the images you generate stay.
  const dir = path.join(outputDir, 'sample-workspace');
  if (fresh) fs.rmSync(dir, { recursive: true, force: true });
  if (!fs.existsSync(dir)) fs.cpSync(workspaceFixture, dir, { recursive: true });
  return dir;
}

function openBrowser(url: string): boolean {
  const command = process.env.BROWSER || (process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? 'xdg-open' : undefined);
  if (!command) return false;
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const realKey = process.env.SEGMIND_API_KEY?.trim();
  const workspace = sampleWorkspace(process.argv.includes('--fresh'));
  const session = await VsCodeSession.start({
    label: 'start',
    workspace,
    browser: false,
    keyInUrl: false, // the URL is printed: the key goes through code-server's environment only
    lock: false, // a demo may run for hours: it must not hold up test runs
    // The smoke-test driver (needed only for the URL payload) hides notification toasts, progress
    // included: a person gets the extension installed as a link to this repository instead.
    smokeTestDriver: false,
    // The sample workspace lives inside this repository: without this, Git asks about it at once.
    settings: { 'git.openRepositoryInParentFolders': 'never' },
    ...(realKey ? { emulator: false as const, api: { baseUrl: REAL_SEGMIND, apiKey: realKey } } : { emulator: { queueMs: 1000, processingMs: 4000 } }),
  });
  const url = session.url();
  if (process.argv.includes('--check')) return runCheck(session, url);
  const line = '─'.repeat(78);
  console.log(`\n${line}`);
  if (session.emulator) {
    console.log(`Segmind emulator   ${session.emulator.url}   (no credits are spent; the extension gets its key)`);
  } else {
    console.log(`Segmind            ${REAL_SEGMIND}   (your SEGMIND_API_KEY: real credits are spent)`);
  }
  console.log(`Workspace          ${workspace}`);
  console.log(`VS Code            open this URL in a browser (Chrome/Chromium/Edge/Firefox):\n\n${url}\n`);
  console.log('Try: open README.md, select the prompt line, run "Segmind: Generate Image from Selection"');
  console.log('     (Ctrl+Alt+G, or F1), or "Segmind: Open Image Generator".');
  console.log(`Logs: ${path.join('test-output', 'logs', 'start-code-server.log')}. Ctrl-C stops everything.`);
  console.log(line);
  if (openBrowser(url)) console.log('(opened in your browser)');

  // Run until Ctrl-C (the cleanup registry stops everything) or until code-server dies.
  let stopping = false;
  onCleanup('start: stopping', () => {
    stopping = true; // registered last, so it runs first
  });
  await new Promise<void>((resolve) => session.codeServer.process.once('exit', () => resolve()));
  if (stopping) return;
  console.error(`code-server exited unexpectedly; last lines of its log:\n${session.serverLogTail(20)}`);
  await session.close();
  process.exitCode = 1;
}

async function runCheck(session: VsCodeSession, url: string): Promise<void> {
  const started = Date.now();
  const checks = await checkStartedSession(session, url).finally(() => session.close());
  for (const c of checks) console.log(`  ${c.ok ? '✓' : '✗'} ${c.name}${c.ok ? '' : `\n    ${c.detail}`}`);
  const counts = { passed: checks.filter((c) => c.ok).length, failed: checks.filter((c) => !c.ok).length };
  console.log(`[start --check] ${counts.passed} passed, ${counts.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s; everything it started is stopped`);
  const summary = process.argv[process.argv.indexOf('--summary') + 1];
  if (process.argv.includes('--summary') && summary) fs.writeFileSync(summary, JSON.stringify(counts));
  process.exitCode = counts.failed === 0 ? 0 : 1;
}

main().catch(async (err: unknown) => {
  console.error(`[start] ${(err as Error)?.stack ?? String(err)}`);
  await cleanupAll();
  process.exitCode = 1;
});
