// The parsers must stay out of the activation bundle: reached only through the lazily required
// dist/references.js, like the HTTP stack in dist/http.js.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import { loadReferenceFinder } from '../../../src/references';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const PARSERS = /node_modules[\\/](markdown-it|htmlparser2)[\\/]/;

describe('lazy reference finder bundle', () => {
  it('keeps markdown-it and htmlparser2 out of what src/references/index.ts pulls into extension.js', async () => {
    // Bundled as esbuild.js bundles extension.js, where './references' stays a run-time require.
    const result = await build({
      entryPoints: [path.join(repoRoot, 'src/references/index.ts')],
      bundle: true, write: false, metafile: true, platform: 'node', format: 'cjs', logLevel: 'silent',
      external: ['./references'],
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.deepEqual(inputs.filter((input) => PARSERS.test(input)), []);
    assert.match(result.outputFiles[0]!.text, /require\("\.\/references"\)/);
  });

  it('builds dist/references.js with the parsers and dist/extension.js without them', () => {
    const metaFile = path.join(repoRoot, 'dist/meta.json');
    assert.ok(existsSync(metaFile), 'run node esbuild.js first');
    const { outputs } = JSON.parse(readFileSync(metaFile, 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    const parsersIn = (bundle: string) => Object.keys(outputs[bundle]?.inputs ?? {}).filter((input) => PARSERS.test(input)).map((input) => PARSERS.exec(input)![1]);
    assert.ok(outputs['dist/extension.js'], 'dist/extension.js is built');
    assert.deepEqual(parsersIn('dist/extension.js'), []);
    assert.deepEqual([...new Set(parsersIn('dist/references.js'))].sort(), ['htmlparser2', 'markdown-it']);
  });

  it('loads the finder once and reuses it', () => {
    const finder = loadReferenceFinder();
    assert.equal(loadReferenceFinder(), finder);
    assert.equal(finder.findImageReferences({ text: '![a](a.png)', languageId: 'markdown', path: 'x.md' }).length, 1);
  });
});
