// `npm start`: installs what is missing (npm packages; Node 24, code-server and Chromium into the
// cache folder), builds, and opens a real VS Code (code-server) with the extension loaded and a
// sample workspace, against the built-in Segmind emulator — or real Segmind when SEGMIND_API_KEY is
// exported. Prints the URL to open; Ctrl-C stops everything.
//   npm start [-- --fresh] [-- --check]   --fresh: start over from a new copy of the sample workspace;
//                                         --check: headless, see test/launcher/startCheck.ts
import path from 'node:path';
import { ensureNpmDeps, root, run } from './lib.mjs';
import { ensureVsCodeDeps } from './vscode-deps.mjs';

try {
  ensureNpmDeps();
  const deps = ensureVsCodeDeps();
  if ((await run(process.execPath, ['esbuild.js'])) !== 0) process.exit(1);
  const { env, ...paths } = deps;
  // The launcher gets Ctrl-C from the terminal too and stops everything; wait for it here.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});
  process.exitCode = await run(deps.node24, [path.join(root, 'dist', 'test', 'launcher', 'start.main.js'), ...process.argv.slice(2)], {
    env: { ...env, SEGMIND_VSCODE_DEPS: JSON.stringify(paths) },
  });
} catch (err) {
  console.error(`[start] ${err.message}`);
  process.exitCode = 1;
}
