// Answers the emulator never gives: a scripted loopback "API" that lies about outputs and ids.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type http from 'node:http';
import { SegmindClient } from '../../../src/segmind/client';
import { M, body, recordingLogger, rejectsWith, startServer } from './helpers';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

/** A fake API whose single job has `requestId` and whose result lists `outputs(self)`. */
async function scriptedApi(requestId: string, outputs: (self: string) => unknown) {
  let self = '';
  const server = await startServer((req: http.IncomingMessage, res: http.ServerResponse) => {
    const json = (value: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (req.method === 'POST') return json({ request_id: requestId, status: 'QUEUED', status_url: `${self}/s`, response_url: `${self}/r` });
    if (req.url?.startsWith('/img/')) return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
    if (req.url?.endsWith('/status')) return json({ status: 'COMPLETED', request_id: requestId });
    return json({ status: 'COMPLETED', request_id: requestId, output: outputs(self) });
  });
  self = server.url;
  return server;
}

describe('SegmindClient against hostile answers', () => {
  it('refuses a result that lists more images than were asked for, before downloading any', async () => {
    const api = await scriptedApi('job-1', (self) => Array.from({ length: 500 }, (_, i) => `${self}/img/${i}.jpg`));
    const c = new SegmindClient({ baseUrl: api.url, apiKey: 'k-123456', env: {} });
    const e = await rejectsWith(c.generateAsync(M, body(M, { samples: 2 })), 'malformed', /^Segmind listed 500 images for a request of 2; nothing was downloaded\./);
    await c.dispose();
    await api.close();
    assert.equal(e.mayBeBilled, true);
    assert.equal(api.requests.filter((r) => r.url?.startsWith('/img/')).length, 0);
  });

  it('refuses a request id with control characters or 5000 characters; logs stay one line each', async () => {
    const api = await scriptedApi(`abc\n[jobs] FORGED ${'z'.repeat(5000)}`, (self) => `${self}/img/0.jpg`);
    const log = recordingLogger();
    const c = new SegmindClient({ baseUrl: api.url, apiKey: 'k-123456', env: {}, logger: log });
    const e = await rejectsWith(c.generateAsync(M, body(M)), 'malformed', /request_id is not a printable id/);
    await c.dispose();
    await api.close();
    assert.equal(e.mayBeBilled, true);
    assert.equal(api.requests.filter((r) => r.method === 'GET').length, 0, 'never polled');
    for (const line of log.lines) assert.ok(!line.includes('\n'), line.slice(0, 80));
  });

  it('encodes an odd but printable request id in every poll', async () => {
    const api = await scriptedApi('../../v1/x?y=1#z', (self) => `${self}/img/0.jpg`);
    const c = new SegmindClient({ baseUrl: api.url, apiKey: 'k-123456', env: {} });
    const result = await c.generateAsync(M, body(M));
    await c.dispose();
    await api.close();
    assert.equal(result.images.length, 1);
    const polls = api.requests.filter((r) => r.method === 'GET' && !r.url?.startsWith('/img/')).map((r) => r.url);
    assert.deepEqual(polls, ['/v2/requests/..%2F..%2Fv1%2Fx%3Fy%3D1%23z/status', '/v2/requests/..%2F..%2Fv1%2Fx%3Fy%3D1%23z']);
  });
});
