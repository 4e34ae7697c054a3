// Shared helpers for the project's task scripts (test, start, bench, package).
// Plain JavaScript with no dependencies: these run before `npm install` may have happened.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The environment for a child install (a nested `npm`, a tool's install script): this process's
 * environment without what npm injects into the scripts it runs. `npm test` and `npm start` export
 * `npm_config_user_agent` (naming the outer Node), `npm_node_execpath`, `npm_config_*` and friends;
 * an install script that reads them sees the wrong Node (code-server's refuses to install on Node
 * 20 while running on 24). Configuration that lives in npmrc files is read again by the child
 * itself; a user's own upper-case NPM_CONFIG_* variables are theirs and are kept.
 */
export function childEnv(base = process.env, extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(base)) {
    if (key.startsWith('npm_') || key === 'NODE' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** A set-up step that failed: says which step and the one command that retries it. */
export class SetupError extends Error {
  constructor(step, cause, retry) {
    super(`set-up step "${step}" failed: ${cause}\n  Retry it with:  ${retry}`);
    this.name = 'SetupError';
  }
}

/** Runs `npm ci` when node_modules is missing or was installed from another package-lock.json. */
export function ensureNpmDeps() {
  const lock = path.join(root, 'package-lock.json');
  const stamp = path.join(root, 'node_modules', '.install-stamp');
  const want = fs.existsSync(lock) ? createHash('sha256').update(fs.readFileSync(lock)).digest('hex') : 'none';
  // The stamp is written after a successful install, so an interrupted one is redone.
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return;
  console.log('[setup] installing npm packages (npm ci)…');
  const ci = fs.existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  const r = spawnSync('npm', ci, { cwd: root, stdio: 'inherit', env: childEnv() });
  if (r.error || r.status !== 0) throw new SetupError('npm packages', r.error?.message ?? `npm ${ci[0]} exited with ${r.status}`, `npm ${ci.join(' ')}`);
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
