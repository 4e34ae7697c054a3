// Shared helpers for the project's task scripts (test, start, bench, package).
// Plain JavaScript with no dependencies: these run before `npm install` may have happened.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs `npm install` when node_modules is missing or older than package-lock.json. */
export function ensureNpmDeps() {
  const lock = path.join(root, 'package-lock.json');
  const stamp = path.join(root, 'node_modules', '.install-stamp');
  const want = fs.existsSync(lock) ? createHash('sha256').update(fs.readFileSync(lock)).digest('hex') : 'none';
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return;
  console.log('[setup] installing npm packages (npm ci)…');
  const ci = fs.existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  const r = spawnSync('npm', ci, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm ${ci[0]} failed (exit ${r.status})`);
  fs.writeFileSync(stamp, want);
}

/** Runs a command, inheriting stdio; resolves to its exit code. */
export function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', (err) => {
      console.error(`[run] ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Lists files under `dir` (relative to root) whose names match `pattern`. */
export function findFiles(dir, pattern) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}
