// Benchmark 3: what the extension ships. Reads the production build's metafile (bench.mjs
// copies it aside before the test build overwrites dist/) and the newest .vsix if one exists.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { productionDir, repoRoot } from './paths';
import type { Metric } from './report';
import { runBenchmark } from './result-file';
import { bundleSizes, kilobytes, shippedBundles, type BundleSize, type Metafile } from './size-analysis';

function newestVsix(): string | undefined {
  const candidates: string[] = [];
  for (const dir of [path.join(repoRoot, 'test-output'), repoRoot]) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: dir !== repoRoot })) {
      if (entry.isFile() && entry.name.endsWith('.vsix')) candidates.push(path.join(entry.parentPath ?? dir, entry.name));
    }
  }
  return candidates.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

function top(bundle: BundleSize | undefined, count = 5): string {
  if (!bundle) return 'missing';
  return bundle.contributors
    .slice(0, count)
    .map((c) => `${c.name} ${kilobytes(c.bytes).toFixed(1)}`)
    .join(', ');
}

void runBenchmark('size', '3. Size', async () => {
  const metaFile = path.join(productionDir(), 'meta.json');
  if (!existsSync(metaFile)) throw new Error(`${metaFile} not found: run the production build first`);
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Metafile;
  if (Object.keys(meta.outputs).some((f) => f.includes('dist/test/'))) throw new Error(`${metaFile} is from a test build, not the production build`);
  const shipped = shippedBundles(bundleSizes(meta));
  const find = (name: string) => shipped.find((b) => b.file.replace(/\\/g, '/').endsWith(`dist/${name}`));
  const extension = find('extension.js');
  const webview = find('webview.js');
  const features = find('features.js');
  const gallery = find('gallery.js');
  const http = find('http.js');
  const references = find('references.js');
  const allJs = shipped.reduce((sum, b) => sum + b.bytes, 0);
  const vsix = newestVsix();

  const metrics: Metric[] = [
    { label: 'dist/extension.js', value: extension ? kilobytes(extension.bytes) : null, unit: 'KB', target: { op: '<=', limit: 150 }, note: `top: ${top(extension)}` },
    { label: 'dist/features.js (lazy)', value: features ? kilobytes(features.bytes) : null, unit: 'KB', note: `top: ${top(features)}` },
    { label: 'dist/http.js (lazy)', value: http ? kilobytes(http.bytes) : null, unit: 'KB', note: `top: ${top(http)}` },
    { label: 'dist/references.js (lazy)', value: references ? kilobytes(references.bytes) : null, unit: 'KB', note: `top: ${top(references)}` },
    { label: 'dist/webview.js', value: webview ? kilobytes(webview.bytes) : null, unit: 'KB', target: { op: '<=', limit: 60 }, note: `top: ${top(webview)}` },
    { label: 'dist/gallery.js', value: gallery ? kilobytes(gallery.bytes) : null, unit: 'KB', target: { op: '<=', limit: 60 }, note: `top: ${top(gallery)}` },
    { label: 'all shipped JS', value: kilobytes(allJs), unit: 'KB', target: { op: '<=', limit: 800 }, note: shipped.map((b) => path.basename(b.file)).join(' + ') },
    vsix
      ? { label: '.vsix', value: kilobytes(statSync(vsix).size), unit: 'KB', target: { op: '<=', limit: 400 }, note: `${path.relative(repoRoot, vsix)} (built ${statSync(vsix).mtime.toISOString().slice(0, 16).replace('T', ' ')} UTC by npm run package)` }
      : { label: '.vsix', value: null, unit: 'KB', target: { op: '<=', limit: 400 }, note: 'not built (npm run package makes one)', skipped: true },
  ];
  return { metrics, details: { metaFile, bundles: shipped, vsix: vsix ?? null } };
});
