import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fleetFigures, requestBudget, type JobMeasure } from '../../bench/fleet-figures';

const job = (latencyMs: number, statusRequests: number, elapsedMs: number, outlier = false): JobMeasure => ({ latencyMs, statusRequests, elapsedMs, outlier });

describe('requestBudget', () => {
  it('is what a fixed 1 s poll sends in the elapsed time, plus 5', () => {
    assert.equal(requestBudget(10_000), 15);
    assert.equal(requestBudget(10_001), 16);
    assert.equal(requestBudget(0), 5);
  });
});

describe('fleetFigures', () => {
  const jobs = [job(100, 10, 9_500), job(200, 12, 11_000), job(300, 8, 6_000), job(1_200, 30, 20_000, true), job(50, 2, 1_500, true)];
  const figures = fleetFigures(jobs);

  it('spreads latency over the whole set and over the outliers alone', () => {
    const near = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} vs ${expected}`);
    assert.equal(figures.all.count, 5);
    assert.equal(figures.all.p50Ms, 200);
    near(figures.all.p95Ms, 1_020);
    assert.equal(figures.all.maxMs, 1_200);
    assert.equal(figures.outliers.count, 2);
    assert.equal(figures.outliers.p50Ms, 625);
    near(figures.outliers.p95Ms, 1_142.5);
    assert.equal(figures.outliers.maxMs, 1_200);
    near(figures.meanStatusRequests, 12.4);
  });

  it('finds the worst job against its budget and per elapsed second', () => {
    assert.equal(figures.worstOverBudget, 30 - 25, 'the outlier: 30 requests in 20 s');
    assert.equal(figures.worstRequestsPerSecond, 30 / 20);
  });

  it('counts a job seen done within a second as one second, not as a burst', () => {
    assert.equal(fleetFigures([job(10, 2, 400)]).worstRequestsPerSecond, 2);
  });

  it('has no outlier figures for a set without outliers', () => {
    assert.ok(Number.isNaN(fleetFigures([job(10, 2, 3_000)]).outliers.p50Ms));
  });
});
