// Runs the UI tests (dist/test/ui/**/*.test.js, node:test + playwright-core against the real
// workbench) one file at a time, under the Node that runs this script (Node 24 from stages.mjs).
//   node test/tasks/ui-tests.mjs [counts.json] [file-filter-substring]
// Under `npm test`, SEGMIND_UI_FILTER=<substring> runs only the matching files (while working on one).
import fs from 'node:fs';
import path from 'node:path';
import { findFiles, root } from './lib.mjs';
import { runNodeTests } from './node-tests.mjs';

const [countsFile, filter = process.env.SEGMIND_UI_FILTER] = process.argv.slice(2);
const files = findFiles('dist/test/ui', /\.test\.js$/).filter((f) => !filter || f.includes(filter));
// One VS Code at a time (2 cores); each file starts and stops its own.
const started = Date.now();
const counts = await runNodeTests(files, { concurrency: 1, timeout: 10 * 60_000 });
const shots = findFiles('test-output/screenshots', /\.png$/).filter((f) => fs.statSync(f).mtimeMs >= started);
if (shots.length) console.log(`\nscreenshots (look at them):\n${shots.map((f) => `  ${path.relative(root, f)}`).join('\n')}`);
console.log(`ui: ${counts.passed} passed, ${counts.failed} failed`);
if (countsFile) fs.writeFileSync(countsFile, JSON.stringify(counts));
process.exitCode = counts.failed === 0 && counts.passed > 0 ? 0 : 1;
