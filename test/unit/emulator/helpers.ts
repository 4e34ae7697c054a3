// Shared helpers for the emulator's own tests: plain fetch over loopback against a started emulator.
import type { Emulator } from '../../emulator/emulator';

export const SD35L = 'stable-diffusion-3.5-large-txt2img';
export const SD3M = 'stable-diffusion-3-medium-txt2img';

export interface JsonResponse {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

/** POSTs JSON with the emulator's key (or `key`, or none when null). */
export async function post(emu: Emulator, path: string, body: unknown, key: string | null = emu.apiKey): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers['x-api-key'] = key;
  return fetch(`${emu.url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

export async function get(emu: Emulator, pathOrUrl: string, key: string | null = emu.apiKey): Promise<Response> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${emu.url}${pathOrUrl}`;
  return fetch(url, { headers: key === null ? {} : { 'x-api-key': key } });
}

export async function asJson(response: Promise<Response> | Response): Promise<JsonResponse> {
  const r = await response;
  return { status: r.status, headers: r.headers, json: (await r.json()) as Record<string, unknown> };
}

export async function bytesOf(response: Promise<Response> | Response): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const r = await response;
  return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
}

/** Submits a v2 job and returns its request id (asserting the submit succeeded). */
export async function submit(emu: Emulator, slug: string, body: Record<string, unknown>): Promise<string> {
  const r = await asJson(post(emu, `/v2/${slug}`, body));
  if (r.status !== 200 || typeof r.json.request_id !== 'string') throw new Error(`submit failed: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.request_id;
}

/** Resolves to the error a fetch fails with (e.g. a reset connection), or throws if it succeeds. */
export async function fetchError(p: Promise<unknown>): Promise<Error & { cause?: { code?: string } }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { cause?: { code?: string } };
  }
  throw new Error('expected the request to fail');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small SD 3.5 Large body, cheap to render, for the fault tests. */
export const FAULT_BODY = { prompt: 'faulty', seed: 11, width: 128, height: 128 };

/** Submits FAULT_BODY (queue and processing 0) and returns the completed job's first image URL. */
export async function completedImageUrl(emu: Emulator): Promise<string> {
  const id = await submit(emu, SD35L, FAULT_BODY);
  return emu.jobs.get(id)?.outputs[0] ?? '';
}

/** Waits until `condition()` holds or `ms` pass; returns whether it held. */
export async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await sleep(10);
  return condition();
}
