// Builds the extension (node, cjs, `vscode` external), its lazily loaded features, HTTP stack and reference finder,
// the webview (browser) and, unless --production, the test bundles under dist/test/.
// Usage: node esbuild.js [--production] [--watch] [--no-tests]
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = !production && !process.argv.includes('--no-tests');

/** @type {import('esbuild').BuildOptions} */
const shared = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
  legalComments: 'none',
  target: 'es2022',
};

/** Test entries: every `*.test.ts` and `*.main.ts` under test/ (main = runnable script). */
function testEntries(dir = 'test') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile() && /\.(test|main)\.ts$/.test(entry.name) && !full.includes(`${path.sep}fixtures${path.sep}`)) {
      out.push(full);
    }
  }
  return out.sort();
}

/**
 * One copy of `name` in a bundle: markdown-it, htmlparser2 and dom-serializer each nest their own `entities`
 * (the same version; npm cannot hoist it over another package's newer one), and two copies of its
 * decode tables cost ~22 KB. Imports of `name` from `importers` resolve from the first importer's
 * copy; a version mismatch fails the build rather than mixing two APIs.
 */
function onePackageCopy(name, importers) {
  // By folder, not require.resolve: these packages do not export their package.json.
  const findUp = (from, pkg) => {
    for (let dir = from; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', pkg);
      if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
      if (path.dirname(dir) === dir) throw new Error(`${pkg} is not installed (npm ci)`);
    }
  };
  const dirOf = (pkg) => findUp(__dirname, pkg);
  const versionIn = (dir) => JSON.parse(fs.readFileSync(path.join(findUp(dir, name), 'package.json'), 'utf8')).version;
  const canonical = dirOf(importers[0]);
  const version = versionIn(canonical);
  for (const other of importers.slice(1)) {
    const found = versionIn(dirOf(other));
    if (found !== version) throw new Error(`${other} needs ${name}@${found}, ${importers[0]} ${name}@${version}: the bundle would mix two versions`);
  }
  const filter = new RegExp(`^${name}(/|$)`);
  return {
    name: `one-copy-of-${name}`,
    setup(build) {
      build.onResolve({ filter }, (args) => {
        if (args.pluginData === 'canonical') return undefined;
        return build.resolve(args.path, { kind: args.kind, resolveDir: canonical, pluginData: 'canonical' });
      });
    },
  };
}

const configs = [
  {
    ...shared,
    entryPoints: { extension: 'src/extension.ts', features: 'src/featuresBundle.ts', http: 'src/httpBundle.ts', references: 'src/references/references.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    // features.js, http.js and references.js are required lazily at run time: keep them separate files.
    external: ['vscode', './features', './features.js', './http', './http.js', './references', './references.js'],
    plugins: [onePackageCopy('entities', ['htmlparser2', 'markdown-it', 'dom-serializer'])],
  },
  {
    ...shared,
    entryPoints: { webview: 'media/main.ts', gallery: 'media/gallery/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    loader: { '.ttf': 'file' },
  },
];
if (withTests) {
  configs.push({
    ...shared,
    entryPoints: testEntries(),
    outbase: 'test',
    outdir: 'dist/test',
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    external: ['vscode'],
    sourcemap: 'inline',
  });
}

async function main() {
  const started = Date.now();
  // Stale bundles of deleted tests would otherwise still run.
  if (withTests) fs.rmSync('dist/test', { recursive: true, force: true });
  const contexts = await Promise.all(configs.filter((c) => hasEntries(c)).map((c) => esbuild.context(c)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[esbuild] watching for changes');
    return;
  }
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  const metafile = { inputs: {}, outputs: {} };
  for (const r of results) {
    Object.assign(metafile.inputs, r.metafile.inputs);
    Object.assign(metafile.outputs, r.metafile.outputs);
  }
  fs.mkdirSync('dist', { recursive: true });
  fs.writeFileSync('dist/meta.json', JSON.stringify(metafile));
  console.log(`[esbuild] built ${Object.keys(metafile.outputs).filter((o) => o.endsWith('.js')).length} bundles in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}

function hasEntries(config) {
  const e = config.entryPoints;
  return Array.isArray(e) ? e.length > 0 : Object.values(e).every((file) => fs.existsSync(file));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
