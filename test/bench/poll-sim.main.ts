// Developer tool: how the client's poll policy fares on many seeds of the latency workload, in
// simulated time. `node dist/test/bench/poll-sim.main.js [--seeds 200] [--policy '{"requestsPerSecond":1.6}']`
import { DEFAULT_POLL_POLICY, type PollPolicy } from '../../src/segmind/polling';
import { simulateWorkload } from './poll-simulation';
import { argValue } from './report';
import { mean, percentile } from './stats';
import { drawWorkload } from './workload';

const seeds = Number(argValue(process.argv, '--seeds') ?? 200);
const override = JSON.parse(argValue(process.argv, '--policy') ?? '{}') as Partial<PollPolicy>;
const policy: PollPolicy = { ...DEFAULT_POLL_POLICY, ...override };
const runs = Array.from({ length: seeds }, (_, seed) => simulateWorkload(drawWorkload(seed + 1, 40), policy));
const pct = (values: number[]) => `p10 ${percentile(values, 10).toFixed(0)} / p50 ${percentile(values, 50).toFixed(0)} / p90 ${percentile(values, 90).toFixed(0)}`;
console.log(`policy ${JSON.stringify(policy)}`);
console.log(`${seeds} workloads of 40 jobs; across workloads:`);
console.log(`  ours p50 ms:      ${pct(runs.map((r) => r.ours.p50Ms))}   (baseline ${pct(runs.map((r) => r.baseline.p50Ms))})`);
console.log(`  ours p95 ms:      ${pct(runs.map((r) => r.ours.p95Ms))}`);
console.log(`  p50 ratio:        ${pct(runs.map((r) => (100 * r.ours.p50Ms) / r.baseline.p50Ms))} (%)`);
console.log(`  polls ours/base:  ${pct(runs.map((r) => (100 * r.ours.meanPolls) / r.baseline.meanPolls))} (%), mean ours ${mean(runs.map((r) => r.ours.meanPolls)).toFixed(2)} vs ${mean(runs.map((r) => r.baseline.meanPolls)).toFixed(2)}`);
console.log(`  workloads meeting all four targets: ${runs.filter((r) => r.meetsTargets).length} of ${seeds}`);
for (const [name, ok] of [
  ['p50 <= 150', (r: (typeof runs)[number]) => r.ours.p50Ms <= 150],
  ['ratio <= 0.3', (r: (typeof runs)[number]) => r.ours.p50Ms <= 0.3 * r.baseline.p50Ms],
  ['p95 <= 400', (r: (typeof runs)[number]) => r.ours.p95Ms <= 400],
  ['polls <= baseline', (r: (typeof runs)[number]) => r.ours.meanPolls <= r.baseline.meanPolls],
] as const) {
  console.log(`    ${name.padEnd(18)} ${runs.filter(ok).length} of ${seeds}`);
}
