// One activation measurement in a fresh process: require the extension bundle (and, for the
// "eager" comparison, the lazily loaded bundles too) with a `vscode` stand-in, then call activate().
// Prints one JSON line. Usage: node activation-probe.js <extension.js> <repo root> [--eager <bundle.js>...]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { installVscodeStandIn, standInContext } from './vscode-standin';

/** Built-ins VS Code's extension host itself uses (file system, crypto, networking with its proxy support). */
const HOST_PRELOADED_BUILTINS = [
  'node:crypto', 'node:fs', 'node:fs/promises', 'node:path', 'node:os', 'node:url', 'node:util', 'node:events',
  'node:stream', 'node:net', 'node:http', 'node:https',
];

async function main(): Promise<void> {
  const [extensionFile, repoRoot] = process.argv.slice(2);
  if (!extensionFile || !repoRoot) throw new Error('usage: activation-probe <extension.js> <repo root> [--eager <bundle.js>...]');
  const eagerIndex = process.argv.indexOf('--eager');
  const eagerFiles = eagerIndex > 0 ? process.argv.slice(eagerIndex + 1) : [];
  const load = createRequire(__filename);
  const storage = mkdtempSync(path.join(os.tmpdir(), 'segmind-activation-'));
  // The extension host has these Node built-ins loaded long before any extension activates;
  // a fresh process has not, and would bill their loading (~5 ms for node:crypto) to us.
  for (const builtin of HOST_PRELOADED_BUILTINS) load(builtin);
  installVscodeStandIn();
  const context = standInContext(repoRoot, storage);

  const started = performance.now();
  const extension = load(path.resolve(extensionFile)) as { activate(context: unknown): unknown };
  for (const file of eagerFiles) load(path.resolve(file));
  const required = performance.now();
  await extension.activate(context);
  const activated = performance.now();

  const loadedFiles = Object.keys(load.cache);
  const bundle = (name: string) => path.join(path.dirname(path.resolve(extensionFile)), name);
  const subscriptions = context['subscriptions'] as unknown[];
  process.stdout.write(
    `${JSON.stringify({
      requireMs: required - started,
      activateMs: activated - required,
      totalMs: activated - started,
      httpLoaded: loadedFiles.includes(bundle('http.js')) || loadedFiles.some((f) => /[\\/]undici[\\/]/.test(f)),
      featuresLoaded: loadedFiles.includes(bundle('features.js')),
      subscriptions: subscriptions.length,
    })}\n`,
  );
  rmSync(storage, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: err instanceof Error ? err.stack ?? err.message : String(err) })}\n`);
    process.exit(1);
  },
);
