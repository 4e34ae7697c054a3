// The architecture, as rules the lint stage checks (`npm run lint`, `npm test lint`). Read top down:
//
//   media/  (webview, browser) ──► src/shared/  catalog, validation, message protocol: no vscode, no Node
//   src/extension.ts  the one composition root: the only module that registers features, each through
//                     its src/<feature>/register.ts; dist/extension.js holds only what ACTIVATION lists
//   src/featuresBundle.ts  dist/features.js: what runs behind the registrations (runner, commands, panel,
//                     gallery, drop, agent tool, zod), required on first use by src/loadFeatures.ts
//   src/<feature>/    editor features; each may import only the folders listed in FEATURES
//   src/segmind/      the API client core: no vscode (Node built-ins allowed: it runs in the host)
//
// Type-only imports count too: a type arrow is still an arrow a reader has to follow.
'use strict';

/**
 * Editor feature folders under src/, and what each may import besides itself. These arrows form no
 * circle (checked below), so neither can the folders. `httpBundle` is src/httpBundle.ts, the lazily
 * loaded HTTP stack.
 */
const FEATURES = {
  common: [],
  history: ['common'],
  logging: ['segmind'],
  settings: ['common', 'shared'],
  secrets: ['common', 'logging'],
  assets: ['common', 'settings', 'segmind', 'shared'],
  presets: ['common', 'logging', 'settings', 'shared'],
  jobs: ['assets', 'common', 'credits', 'history', 'httpBundle', 'logging', 'secrets', 'settings', 'segmind', 'shared'],
  panel: ['history', 'logging', 'presets', 'settings', 'segmind', 'shared'],
  gallery: ['common', 'history', 'logging', 'panel', 'settings', 'segmind', 'shared'],
  commands: ['assets', 'common', 'credits', 'history', 'jobs', 'logging', 'panel', 'presets', 'secrets', 'settings', 'segmind', 'shared'],
  queue: ['commands', 'common', 'jobs', 'presets', 'settings', 'shared'],
  references: ['assets', 'segmind', 'shared'],
  credits: ['common', 'shared'],
  imageDrop: ['assets', 'settings', 'shared'],
  agentTool: ['assets', 'credits', 'jobs', 'logging', 'segmind', 'settings', 'shared'],
  missingImages: ['assets', 'commands', 'common', 'credits', 'jobs', 'references', 'segmind', 'settings', 'shared'],
};

/**
 * What dist/extension.js is made of: the modules activation runs. A feature's src/<feature>/register.ts
 * registers its commands, views and providers under the names in its contributions.ts and reaches the
 * code behind them only through a function it is handed, which loads dist/features.js on first use.
 */
const ACTIVATION = [
  'src/extension\\.ts$', 'src/loadFeatures\\.ts$', 'src/[^/]+/(register|contributions)\\.ts$',
  // The services activation builds and hands over: log, settings, key, job store, history, claims, credits.
  'src/(common|logging|settings|secrets|history|credits)/', 'src/shared/catalog\\.ts$', 'src/segmind/errors\\.ts$',
  'src/jobs/(job|jobStore|claims|interrupted)\\.ts$', 'src/assets/(exclusive|reference)\\.ts$', 'src/panel/editorTracker\\.ts$',
].map((path) => `^${path}`);

/** Bundles required at run time, never imported: their code must not leak into the bundle that loads them. */
const LAZY_BUNDLES = ['^src/featuresBundle\\.ts$', '^src/httpBundle\\.ts$', '^src/references/references\\.ts$'];

/** Folders whose code never imports `vscode`, so it runs and is tested in plain Node. */
const VSCODE_FREE = ['segmind', 'shared', 'history', 'references', 'credits'];

/** `vscode` as resolved (to its type definitions: the module itself exists only in the host). */
const VSCODE = '^(vscode$|node_modules/@types/vscode/)';

const inSrc = (names) => names.map((name) => `^src/${name}(/|\\.ts$)`);

assertNoCircle(FEATURES);

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A module never depends on itself through others: every arrow points one way.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'vscode-free-folders',
      comment: `${VSCODE_FREE.join(', ')} run in plain Node (and, for shared, in the browser): no vscode.`,
      severity: 'error',
      from: { path: inSrc(VSCODE_FREE) },
      to: { path: VSCODE },
    },
    {
      name: 'shared-is-platform-free',
      comment: 'src/shared/ is bundled into the webview too: no Node built-ins, and nothing outside src/shared/ but zod.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { pathNot: ['^src/shared/', '^node_modules/zod/'] },
    },
    {
      name: 'webview-imports-only-shared',
      comment: 'media/ (the webview) reaches the extension only through src/shared/.',
      severity: 'error',
      from: { path: '^media/' },
      to: { pathNot: ['^media/', '^src/shared/', '^node_modules/(zod|@vscode/codicons)/'] },
    },
    {
      name: 'core-imports-only-shared',
      comment: 'src/segmind/ (the API client core) knows no editor feature.',
      severity: 'error',
      from: { path: '^src/segmind/' },
      to: { path: '^src/', pathNot: ['^src/segmind/', '^src/shared/'] },
    },
    {
      name: 'http-bundle-is-the-core',
      comment: 'src/httpBundle.ts (dist/http.js, loaded on the first request) holds the core and nothing else.',
      severity: 'error',
      from: { path: '^src/httpBundle\\.ts$' },
      to: { path: '^src/', pathNot: '^src/segmind/' },
    },
    ...Object.entries(FEATURES).map(([feature, allowed]) => ({
      name: `feature-arrows-${feature}`,
      comment: `src/${feature}/ may import only ${allowed.length ? allowed.join(', ') : 'itself'}.`,
      severity: 'error',
      from: { path: `^src/${feature}/` },
      to: { path: '^src/', pathNot: inSrc([feature, ...allowed]) },
    })),
    {
      name: 'one-composition-root',
      comment: 'Features are registered by their src/<feature>/register.ts, which only src/extension.ts imports.',
      severity: 'error',
      from: { pathNot: '^src/extension\\.ts$' },
      to: { path: ['^src/[^/]+/register\\.ts$', '^src/extension\\.ts$'] },
    },
    {
      name: 'activation-stays-light',
      comment: 'dist/extension.js holds only ACTIVATION: anything else (and any npm package) is reached through a type, and loaded later.',
      severity: 'error',
      from: { path: ACTIVATION },
      to: { path: '^(src|node_modules)/', pathNot: [...ACTIVATION, VSCODE], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'lazy-bundles-are-required',
      comment: 'dist/features.js, dist/http.js and dist/references.js are required by name at run time; an import would bundle them in.',
      severity: 'error',
      from: {},
      to: { path: LAZY_BUNDLES, dependencyTypesNot: ['type-only', 'require'] },
    },
    {
      name: 'every-feature-registered',
      comment: 'src/extension.ts registers every feature: each src/<feature>/register.ts is reachable from it.',
      severity: 'error',
      from: { path: '^src/extension\\.ts$' },
      to: { path: '^src/[^/]+/register\\.ts$', reachable: false },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves (a moved file leaves no dangling import behind).',
      severity: 'error',
      from: {},
      // vscode is the host's own module; ./features, ./http and ./references are dist/features.js,
      // dist/http.js and dist/references.js, required at run time (src/loadFeatures.ts,
      // src/jobs/clientCache.ts, src/references/load.ts).
      to: { couldNotResolve: true, pathNot: [VSCODE, '^\\./features$', '^\\./http$', '^\\./references$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

/** Throws when the feature arrows go round in a circle (a folder cycle waiting to happen). */
function assertNoCircle(graph) {
  const done = new Set();
  const visit = (node, path) => {
    if (path.includes(node)) throw new Error(`.dependency-cruiser.cjs: the feature arrows go round: ${[...path, node].join(' -> ')}`);
    if (done.has(node)) return;
    for (const next of graph[node] ?? []) visit(next, [...path, node]);
    done.add(node);
  };
  for (const node of Object.keys(graph)) visit(node, []);
}
