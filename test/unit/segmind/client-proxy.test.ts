// The client through a real local HTTP proxy: explicit proxy URL, HTTP(S)_PROXY, NO_PROXY.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/emulator';
import { L, M, assertKeyOnlyToApi, body, client, closedPort, emulator, rejectsWith, startProxy, submits, type TestProxy } from './helpers';

describe('SegmindClient through a proxy', () => {
  let emu: Emulator;
  let proxy: TestProxy;
  before(async () => {
    emu = await emulator();
    proxy = await startProxy();
  });
  after(async () => {
    await proxy.close();
    await emu.close();
  });
  beforeEach(() => {
    emu.reset();
    proxy.connects.length = 0;
    proxy.forwards.length = 0;
  });

  const host = (url: string) => new URL(url).host;

  it('an explicit proxy URL carries every request (API and image origin)', async () => {
    const c = client(emu, { proxyUrl: proxy.url });
    const result = await c.generateAsync(L, body(L, { batch_size: 2 }));
    const sync = await c.generateSync(M, body(M));
    await c.dispose();
    assert.equal(result.images.length, 2);
    assert.equal(sync.images.length, 1);
    assert.ok(proxy.connects.includes(host(emu.url)), `tunnels: ${proxy.connects.join(', ')}`);
    assert.ok(proxy.connects.includes(host(emu.outputUrl)), 'images through the proxy too');
    assert.equal(submits(emu).length, 2);
    assertKeyOnlyToApi(emu, c);
  });

  it('HTTP_PROXY from the environment is used', async () => {
    const c = client(emu, { env: { HTTP_PROXY: proxy.url } });
    await c.generateAsync(M, body(M));
    await c.dispose();
    assert.ok(proxy.connects.length + proxy.forwards.length >= 3, 'submit, status, result, image went through it');
    assert.ok([...proxy.connects, ...proxy.forwards].some((t) => t.includes(host(emu.url))));
  });

  it('NO_PROXY bypasses the proxy', async () => {
    const c = client(emu, { env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
    await c.generateAsync(M, body(M));
    await c.dispose();
    assert.equal(proxy.connects.length + proxy.forwards.length, 0);
    assert.equal(emu.acceptedSubmits(), 1);
  });

  it('an unreachable proxy → network error, submit not billed', async () => {
    const port = await closedPort();
    const c = client(emu, { proxyUrl: `http://127.0.0.1:${port}` });
    const e = await rejectsWith(c.submit(M, body(M)), 'network', /Check your network and proxy settings/);
    await c.dispose();
    assert.equal(e.mayBeBilled, false);
    assert.equal(emu.requests.length, 0);
  });

  it('refuses a proxy URL that is not http(s)', async () => {
    assert.throws(() => client(emu, { proxyUrl: 'socks5://127.0.0.1:1080' }), (e: Error & { kind?: string }) => e.kind === 'validation' && /proxy URL must start with http/.test(e.message));
  });
});
