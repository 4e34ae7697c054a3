// Runs node:test files in plain Node with the spec reporter and counts leaf tests.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { Transform } from 'node:stream';

/** Runs the given test files; resolves to { passed, failed }. */
export function runNodeTests(files, { concurrency = 2, timeout = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    if (files.length === 0) return resolve({ passed: 0, failed: 0 });
    const counts = { passed: 0, failed: 0 };
    const stream = run({ files, concurrency, timeout });
    const counter = new Transform({
      objectMode: true,
      transform(event, _enc, done) {
        const leaf = event.data?.details?.type !== 'suite';
        if (event.type === 'test:pass' && leaf && !event.data.skip && !event.data.todo) counts.passed++;
        if (event.type === 'test:fail' && leaf) counts.failed++;
        done(null, event);
      },
    });
    stream.on('error', reject);
    stream.pipe(counter).compose(spec).pipe(process.stdout, { end: false });
    stream.on('end', () => setImmediate(() => resolve(counts)));
  });
}
