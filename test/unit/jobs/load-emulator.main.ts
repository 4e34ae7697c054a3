// The emulator for the load test, in its own process (forked by load.test.ts): its image cache and
// its PNG encoding must count neither in the measured process's RSS nor in its event loop.
// Before answering "ready" it runs the load job once itself, so the big noise PNGs are rendered
// and cached, as the real service has them ready at COMPLETED.
import { startEmulator } from '../../emulator/emulator';

export interface LoadEmulatorReady { readonly url: string; readonly apiKey: string }

const SLUG = process.argv[2] ?? '';
const BODY = JSON.parse(process.argv[3] ?? '{}') as Record<string, unknown>;

async function get(url: string, headers: Record<string, string>): Promise<Response> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ incompressible: true, queueMs: 20, processingMs: 300 });
  const headers = { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' };
  const submit = await fetch(`${emulator.url}/v2/${SLUG}`, { method: 'POST', headers, body: JSON.stringify(BODY) });
  const { request_id: id } = (await submit.json()) as { request_id: string };
  for (;;) {
    const { status } = (await (await get(`${emulator.url}/v2/requests/${id}/status`, headers)).json()) as { status: string };
    if (status === 'COMPLETED') break;
    if (status === 'FAILED') throw new Error('warm-up job failed');
    await new Promise((r) => setTimeout(r, 50));
  }
  const { output } = (await (await get(`${emulator.url}/v2/requests/${id}`, headers)).json()) as { output: string | string[] };
  for (const url of [output].flat()) await (await get(url, {})).arrayBuffer();
  emulator.reset(); // the warm-up job is not one of the test's
  const ready: LoadEmulatorReady = { url: emulator.url, apiKey: emulator.apiKey };
  process.send?.(ready);
  process.on('disconnect', () => void emulator.close().then(() => process.exit(0)));
}

main().catch((e: unknown) => {
  process.stderr.write(`load emulator: ${(e as Error).message}\n`);
  process.exit(1);
});
