// Developer tool: how the client's poll policy fares on many seeds of the latency workload, in
// simulated time. `node dist/test/bench/poll-sim.main.js [--seeds 200] [--policy '{"requestCostMs":60}']`
import { DEFAULT_POLL_POLICY, type PollPolicy } from '../../src/segmind/polling';
import { simulateWorkload, type PollTargets, type WorkloadSimulation } from './poll-simulation';
import { argValue } from './report';
import { mean, percentile } from './stats';
import { drawWorkload } from './workload';

const seeds = Number(argValue(process.argv, '--seeds') ?? 200);
const override = JSON.parse(argValue(process.argv, '--policy') ?? '{}') as Partial<PollPolicy>;
const policy: PollPolicy = { ...DEFAULT_POLL_POLICY, ...override };
const runs = Array.from({ length: seeds }, (_, seed) => simulateWorkload(drawWorkload(seed + 1, 40).jobs, policy));
const pct = (all: number[], digits = 0) => {
  // A workload without outliers has no outlier figures.
  const values = all.filter((v) => !Number.isNaN(v));
  return `p10 ${percentile(values, 10).toFixed(digits)} / p50 ${percentile(values, 50).toFixed(digits)} / p90 ${percentile(values, 90).toFixed(digits)}`;
};
const across = (label: string, of: (r: WorkloadSimulation) => number, digits = 0) => console.log(`  ${label.padEnd(30)} ${pct(runs.map(of), digits)}`);
console.log(`policy ${JSON.stringify(policy)}`);
console.log(`${seeds} workloads of 40 jobs; across workloads:`);
across('ours p50 ms', (r) => r.ours.all.p50Ms);
across('fixed 1 s poll p50 ms', (r) => r.baseline.all.p50Ms);
across('p50 ratio %', (r) => (100 * r.ours.all.p50Ms) / r.baseline.all.p50Ms);
across('ours p95 ms', (r) => r.ours.all.p95Ms);
across('ours max ms', (r) => r.ours.all.maxMs);
across('ours outliers p50 ms', (r) => r.ours.outliers.p50Ms);
across('requests ours/fixed %', (r) => (100 * r.ours.meanStatusRequests) / r.baseline.meanStatusRequests);
across('worst requests / s', (r) => r.ours.worstRequestsPerSecond, 2);
across('worst requests − budget', (r) => r.ours.worstOverBudget);
console.log(`  mean requests per job: ours ${mean(runs.map((r) => r.ours.meanStatusRequests)).toFixed(2)}, fixed 1 s poll ${mean(runs.map((r) => r.baseline.meanStatusRequests)).toFixed(2)}`);
console.log(`  workloads meeting every target: ${runs.filter((r) => r.meetsTargets).length} of ${seeds}`);
for (const target of Object.keys(runs[0]?.targets ?? {}) as (keyof PollTargets)[]) {
  console.log(`    ${target.padEnd(18)} ${runs.filter((r) => r.targets[target]).length} of ${seeds}`);
}
