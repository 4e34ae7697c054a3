// `npm run test:electron`: the integration suite in desktop VS Code via @vscode/test-electron
// (needs Node 24 — installed into the cache when missing — and access to the VS Code download
// servers). Where VS Code cannot be downloaded it says so; `npm test` runs the same suite in
// code-server instead.
import path from 'node:path';
import { ensureNpmDeps, root, run } from './lib.mjs';
import { ensureNode24, node24Env } from './vscode-deps.mjs';

try {
  ensureNpmDeps();
  const node24 = ensureNode24();
  if ((await run(process.execPath, ['esbuild.js'])) !== 0) process.exit(1);
  process.on('SIGINT', () => {});
  process.exitCode = await run(node24, [path.join(root, 'dist', 'test', 'launcher', 'electron.main.js'), ...process.argv.slice(2)], { env: node24Env() });
} catch (err) {
  console.error(`[test:electron] ${err.message}`);
  process.exitCode = 1;
}
