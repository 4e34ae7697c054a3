// `npm run package`: production build (minified, no source maps) and a .vsix made by @vscode/vsce
// under Node 24 (vsce 4 needs Node >= 22; installed into the cache when missing). Offline:
// `--no-dependencies`, since everything the extension needs is bundled into dist/.
//
//   node test/tasks/package.mjs [--out DIR]      (default: the repository root)
//
// Also exports buildVsix() and listVsix() for the "package" test stage.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNpmDeps, root, run } from './lib.mjs';
import { ensureNode24, node24Env } from './vscode-deps.mjs';

/** Builds in production mode and packages; returns the .vsix path. */
export async function buildVsix(outDir = root) {
  const node24 = ensureNode24();
  const env = node24Env();
  if ((await run(node24, ['esbuild.js', '--production'], { env })) !== 0) throw new Error('production build failed');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.mkdirSync(outDir, { recursive: true });
  const vsix = path.join(outDir, `${manifest.name}-${manifest.version}.vsix`);
  fs.rmSync(vsix, { force: true });
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  if ((await run(node24, [vsce, 'package', '--no-dependencies', '--out', vsix], { env })) !== 0) throw new Error('vsce package failed');
  return vsix;
}

/** Entries of a zip file (a .vsix is one): [{ name, size, compressedSize }], read from its central directory. */
export function listVsix(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLength), size, compressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Files the manifest points at: main, icon, view container and view icons. */
function manifestFiles(manifest) {
  const files = [manifest.main, manifest.icon];
  for (const containers of Object.values(manifest.contributes?.viewsContainers ?? {})) for (const c of containers) files.push(c.icon);
  for (const views of Object.values(manifest.contributes?.views ?? {})) for (const v of views) files.push(v.icon);
  for (const c of manifest.contributes?.commands ?? []) if (typeof c.icon === 'string') files.push(c.icon);
  return files.filter((f) => typeof f === 'string' && !f.startsWith('$(')).map((f) => `extension/${path.posix.normalize(f)}`);
}

/** What must be in the package, and what must never be. Returns problems (empty = fine). */
export function checkVsixContents(entries, manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))) {
  const names = entries.map((e) => e.name);
  const lower = new Set(names.map((n) => n.toLowerCase()));
  const problems = [];
  const required = ['extension/package.json', 'extension/package.nls.json', 'extension/dist/extension.js', 'extension/dist/features.js', 'extension/dist/http.js', 'extension/dist/references.js', 'extension/dist/webview.js', 'extension/dist/gallery.js', 'extension/dist/gallery.css', 'extension/readme.md', 'extension/changelog.md', 'extension/license.txt', ...manifestFiles(manifest)];
  for (const r of new Set(required)) if (!lower.has(r.toLowerCase())) problems.push(`missing ${r}`);
  const forbidden = [
    [/^extension\/src\//, 'source (src/)'],
    [/^extension\/test\//, 'tests (test/)'],
    [/^extension\/dist\/test\//, 'test bundles (dist/test/)'],
    [/(^|\/)node_modules\//, 'node_modules'],
    [/\.map$/, 'source map'],
    [/\.ts$/, 'TypeScript source'],
    [/^extension\/(tsconfig\.json|esbuild\.js|eslint\.config\.mjs|package-lock\.json)$/, 'build config'],
    [/^extension\/(\.vscode|\.ci|\.git)\//, 'repository folder'],
    [/^extension\/dist\/meta\.json$/, 'esbuild metafile'],
    [/^extension\/media\/readme\//, 'README screenshots (the README links them from the repository)'],
    [/\.vsix$/, 'another .vsix'],
  ];
  for (const name of names) {
    for (const [pattern, what] of forbidden) if (pattern.test(name)) problems.push(`${what}: ${name}`);
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureNpmDeps();
    const i = process.argv.indexOf('--out');
    const vsix = await buildVsix(i >= 0 ? path.resolve(process.argv[i + 1]) : root);
    const entries = listVsix(vsix);
    for (const e of entries) console.log(`  ${String(e.size).padStart(9)}  ${e.name}`);
    const problems = checkVsixContents(entries);
    console.log(`${vsix}: ${fs.statSync(vsix).size} bytes, ${entries.length} files`);
    if (problems.length) {
      console.error(`package problems:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    }
  } catch (err) {
    console.error(`[package] ${err.message}`);
    process.exitCode = 1;
  }
}
