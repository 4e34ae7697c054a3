import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EmulatorJob } from '../../emulator/types';
import { fleetLatency, type JobOutcome } from '../../bench/latency-analysis';

function emulatorJob(requestId: string, completedAt: number, statusRequests: number): EmulatorJob {
  return { requestId, model: 'm', params: {}, status: 'COMPLETED', submittedAt: 0, processingAt: 0, completedAt, statusRequests, resultRequests: 1, outputs: [] };
}

describe('fleetLatency', () => {
  const jobs = [emulatorJob('a', 1000, 5), emulatorJob('b', 2000, 7), emulatorJob('c', 3000, 9), emulatorJob('d', 4000, 11)];
  const outcomes: JobOutcome[] = [
    { fleet: 'ours', index: 0, model: 'm', requestId: 'a', fileWrittenAt: 1100, files: ['x'] },
    { fleet: 'ours', index: 1, model: 'm', requestId: 'b', fileWrittenAt: 2300, files: ['y'] },
    { fleet: 'ours', index: 2, model: 'm', requestId: 'c', files: [], error: 'boom' },
    { fleet: 'baseline', index: 0, model: 'm', requestId: 'd', fileWrittenAt: 4500, files: ['z'] },
  ];

  it('measures file written − emulator completedAt per fleet, with the emulator\'s poll counts', () => {
    const ours = fleetLatency('ours', outcomes, jobs);
    assert.deepEqual(ours.latenciesMs, [100, 300]);
    assert.deepEqual(ours.statusRequests, [5, 7]);
    assert.equal(ours.p50Ms, 200);
    assert.equal(ours.meanStatusRequests, 6);
    assert.equal(ours.jobs, 3);
    assert.equal(ours.failed, 1);
    assert.deepEqual(fleetLatency('baseline', outcomes, jobs).latenciesMs, [500]);
  });

  it('counts a job the emulator never saw as failed', () => {
    const lost = fleetLatency('ours', [{ fleet: 'ours', index: 0, model: 'm', requestId: 'zz', fileWrittenAt: 5, files: [] }], jobs);
    assert.equal(lost.failed, 1);
    assert.ok(Number.isNaN(lost.p50Ms));
  });

  it('measures each job against its whole-job budget from the emulator\'s poll times, and marks outliers', () => {
    const ours = fleetLatency('ours', outcomes, jobs, { statusPollTimes: { a: [200, 900, 1_050], b: [1_990, 2_010] }, isOutlier: (index) => index === 1 });
    assert.deepEqual(ours.measures.map((m) => [m.elapsedMs, m.outlier]), [[1_050, false], [2_010, true]]);
    assert.equal(ours.figures.outliers.count, 1);
    assert.equal(ours.figures.worstOverBudget, 7 - (3 + 5), 'job b: 7 requests in 2.01 s');
  });
});
