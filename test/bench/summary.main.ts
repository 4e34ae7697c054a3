// Collects the benchmarks' result files into one table and bench/results.json.
// Usage: node summary.main.js --out bench/results.json <result.json>...
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { argValue, renderTable, tableRows, verdict, type BenchResult } from './report';

const out = argValue(process.argv, '--out');
const files = process.argv.slice(2).filter((a, i, all) => a !== '--out' && all[i - 1] !== '--out' && a !== '--full');
const results: BenchResult[] = files.map((file) => {
  const name = path.basename(file, '.json');
  if (!existsSync(file)) return { name, title: name, metrics: [], error: 'the benchmark wrote no result (crashed?)' };
  return JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
});

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
const table = renderTable(tableRows(results));
console.log(`\nMachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}${process.argv.includes('--full') ? ' (--full)' : ''}`);
console.log(table);
const failed = results.flatMap((r) => r.metrics.map((m) => verdict(m, r)).concat(r.error ? ['ERROR'] : [])).filter((v) => v === 'FAIL' || v === 'ERROR').length;
console.log(failed === 0 ? 'All targets met.' : `${failed} target(s) missed or not measured.`);
if (out) {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), full: process.argv.includes('--full'), machine, table, results }, null, 2));
  console.log(`Wrote ${out}`);
}
process.exitCode = failed === 0 ? 0 : 1;
