// "Retry" after a failed job: wait on the same request again when Segmind accepted it (no second
// submit, no second bill), submit anew when it never got there or Segmind itself failed it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryWaitsOnRequest, type JobRecord } from '../../../src/jobs/job';
import { SegmindError, type SegmindErrorKind } from '../../../src/segmind/errors';

const failed: JobRecord = {
  id: 'j1', model: 'stable-diffusion-3.5-large-txt2img', body: { prompt: 'p' }, seed: 1, mode: 'async', createdAt: 0, state: 'failed',
  requestId: 'req-1', target: { folderUri: 'file:///w/assets' }, files: [], imageCount: 1,
};
const error = (kind: SegmindErrorKind, billed = true, requestId: string | null = 'req-1') =>
  new SegmindError(kind, `${kind}.`, { mayBeBilled: billed, ...(requestId ? { requestId } : {}) });

describe('what Retry does after a failed job', () => {
  it('waits on the request again after a timeout, a network or server failure while waiting, or a bad download', () => {
    for (const kind of ['timeout', 'network', 'server', 'rate-limited', 'malformed', 'not-an-image', 'too-large'] as const) {
      assert.equal(retryWaitsOnRequest(failed, error(kind)), true, kind);
    }
  });
  it('submits anew when the request never reached Segmind, failed there, or expired', () => {
    assert.equal(retryWaitsOnRequest(failed, error('network', false)), false, 'not billed');
    assert.equal(retryWaitsOnRequest(failed, error('network', true, null)), false, 'no request id in the error');
    assert.equal(retryWaitsOnRequest(failed, error('failed')), false, 'a FAILED job');
    assert.equal(retryWaitsOnRequest(failed, error('request-not-found')), false, 'expired');
    assert.equal(retryWaitsOnRequest(failed, new Error('disk')), false, 'not a Segmind error');
  });
  it('only for a failed async job that has a request id', () => {
    assert.equal(retryWaitsOnRequest(undefined, error('timeout')), false);
    assert.equal(retryWaitsOnRequest({ ...failed, mode: 'sync' }, error('timeout')), false, 'v1 cannot be waited on');
    const { requestId: _, ...noRequest } = failed;
    assert.equal(retryWaitsOnRequest(noRequest, error('timeout')), false);
    assert.equal(retryWaitsOnRequest({ ...failed, state: 'saved' }, error('timeout')), false);
  });
});
