// Runs mocha inside the extension host (for a tests module's `run()`) and writes
// {passed, failed, failures, tests, done} to the file named by SEGMIND_TEST_RESULTS after every
// test, because the host's console only reaches the browser.
//
// Which files: every *.test.js under `dir` except reload/** (phases the launcher runs one by one),
// or the comma-separated list in SEGMIND_TEST_FILES (paths relative to `dir`, e.g.
// "reload/phase1.test.js"). SEGMIND_TEST_GREP filters test titles; SEGMIND_TEST_TIMEOUT_MS sets
// mocha's per-test timeout (default 60 s).
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

interface Results {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
  tests: { title: string; state: 'passed' | 'failed' | 'pending'; durationMs?: number }[];
  done: boolean;
}

export function testFiles(dir: string, only = process.env.SEGMIND_TEST_FILES): string[] {
  if (only) {
    return only
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean)
      .map((f) => path.resolve(dir, f));
  }
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.js'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !path.relative(dir, f).split(path.sep).includes('reload'))
    .sort();
}

function errorText(err: unknown): string {
  if (err instanceof Error) return (err.stack ?? `${err.name}: ${err.message}`).split('\n').slice(0, 12).join('\n');
  return String(err);
}

/** Runs the tests; rejects when one failed or none ran. */
export function runMocha(dir: string): Promise<void> {
  const resultsFile = process.env.SEGMIND_TEST_RESULTS;
  const results: Results = { passed: 0, failed: 0, failures: [], tests: [], done: false };
  const save = () => {
    if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  };
  save();

  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.SEGMIND_TEST_TIMEOUT_MS) || 60_000,
    ...(process.env.SEGMIND_TEST_GREP ? { grep: process.env.SEGMIND_TEST_GREP } : {}),
  });
  const files = testFiles(dir);
  for (const file of files) {
    if (!fs.existsSync(file)) {
      results.failed++;
      results.failures.push({ title: `load ${path.basename(file)}`, error: `test file not found: ${file}` });
    } else {
      mocha.addFile(file);
    }
  }

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        results.done = true;
        save();
        if (results.failed > 0) reject(new Error(`${results.failed} test(s) failed`));
        else if (results.passed === 0) reject(new Error(`no test ran (files: ${files.join(', ') || 'none'})`));
        else resolve();
      });
      runner.on('pass', (test) => {
        results.passed++;
        results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
        save();
      });
      runner.on('fail', (test, err) => {
        // Hooks fail too ("before all" hook…): they count as a failure of their title.
        results.failed++;
        results.failures.push({ title: test.fullTitle(), error: errorText(err) });
        results.tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0 });
        save();
      });
      runner.on('pending', (test) => {
        results.tests.push({ title: test.fullTitle(), state: 'pending' });
        save();
      });
    } catch (err) {
      // A test file that throws while loading lands here.
      results.failed++;
      results.failures.push({ title: 'loading the test files', error: errorText(err) });
      results.done = true;
      save();
      reject(err);
    }
  });
}
