// Where things are, seen from a bundled benchmark in dist/test/bench/.
import path from 'node:path';
import { argValue } from './report';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Folder holding the production extension.js/http.js/webview.js/meta.json (bench.mjs passes a copy). */
export function productionDir(argv: readonly string[] = process.argv): string {
  return path.resolve(argValue(argv, '--prod-dir') ?? path.join(repoRoot, 'dist'));
}
