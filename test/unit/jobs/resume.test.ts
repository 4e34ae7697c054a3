import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RETENTION_MS, resumeDecision, type JobState } from '../../../src/jobs/job';

const now = 10 * RETENTION_MS;
const job = (state: JobState, extra: { mode?: 'async' | 'sync'; requestId?: string; age?: number } = {}) => ({
  state, mode: extra.mode ?? 'async', createdAt: now - (extra.age ?? 1000), submittedAt: now - (extra.age ?? 1000),
  ...(extra.requestId !== undefined ? { requestId: extra.requestId } : {}),
});

describe('what a new window does with a persisted job', () => {
  it('resumes async jobs with a request id younger than one hour', () => {
    assert.equal(resumeDecision(job('submitted', { requestId: 'r' }), now), 'resume');
    assert.equal(resumeDecision(job('completed', { requestId: 'r', age: RETENTION_MS - 1 }), now), 'resume');
  });
  it('reports jobs past the one-hour retention as expired', () => {
    assert.equal(resumeDecision(job('submitted', { requestId: 'r', age: RETENTION_MS }), now), 'expired');
  });
  it('reports sync requests and submits without a stored request id as interrupted', () => {
    assert.equal(resumeDecision(job('submitting', { mode: 'sync' }), now), 'interrupted');
    assert.equal(resumeDecision(job('submitting'), now), 'interrupted');
    assert.equal(resumeDecision(job('submitted', { mode: 'sync', requestId: 'r' }), now), 'interrupted');
  });
  it('leaves finished jobs alone', () => {
    for (const state of ['saved', 'inserted', 'failed', 'cancelled', 'expired', 'interrupted'] as const) {
      assert.equal(resumeDecision(job(state, { requestId: 'r' }), now), 'done');
    }
  });
});
