// How a benchmark entry hands its result to `npm run bench`: a JSON file named by --out
// (or stdout when run by hand), and an exit code that says whether every target passed.
import { writeFileSync } from 'node:fs';
import { argValue, renderTable, tableRows, verdict, type BenchResult } from './report';

export async function runBenchmark(name: string, title: string, body: () => Promise<Omit<BenchResult, 'name' | 'title'>>): Promise<void> {
  let result: BenchResult;
  try {
    result = { name, title, ...(await body()) };
  } catch (err) {
    result = { name, title, metrics: [], error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  const out = argValue(process.argv, '--out');
  if (out) writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(renderTable(tableRows([result])));
  if (result.error) console.error(`[${name}] ${result.error}`);
  const ok = !result.error && result.metrics.every((m) => verdict(m, result) !== 'FAIL');
  process.exitCode = ok ? 0 : 1;
}
