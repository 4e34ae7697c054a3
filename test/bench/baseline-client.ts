// The comparison client: what Segmind's official SDK does for `run()` / `job.wait()`:
// submit to v2, poll the status every 1.0 s (first poll right away), fetch the result once
// COMPLETED, then download each output URL. Deliberately plain: no prediction, no retries.
import { setTimeout as sleep } from 'node:timers/promises';

export interface BaselineOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** The SDK's default interval. */
  readonly pollIntervalMs?: number;
  /** The SDK's default deadline. */
  readonly timeoutMs?: number;
}

export interface BaselineImage {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

export interface BaselineResult {
  readonly requestId: string;
  readonly images: BaselineImage[];
  readonly statusPolls: number;
}

async function getJson(url: string, apiKey: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { headers: { 'x-api-key': apiKey } });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, body };
}

/** Submits one job and waits for it the way the official SDK does; returns the downloaded images. */
export async function runLikeOfficialSdk(options: BaselineOptions, slug: string, body: Record<string, unknown>): Promise<BaselineResult> {
  const interval = options.pollIntervalMs ?? 1_000;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  const submit = await fetch(new URL(`/v2/${slug}`, options.baseUrl), {
    method: 'POST',
    headers: { 'x-api-key': options.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const submitted = (await submit.json()) as Record<string, unknown>;
  if (!submit.ok) throw new Error(`baseline submit: HTTP ${submit.status} ${JSON.stringify(submitted)}`);
  const requestId = String(submitted['request_id']);
  const statusUrl = new URL(String(submitted['status_url']), options.baseUrl).href;
  const responseUrl = new URL(String(submitted['response_url']), options.baseUrl).href;

  let statusPolls = 0;
  for (;;) {
    const { status, body: reply } = await getJson(statusUrl, options.apiKey);
    statusPolls++;
    if (status !== 200) throw new Error(`baseline status: HTTP ${status}`);
    if (reply['status'] === 'COMPLETED') break;
    if (reply['status'] === 'FAILED') throw new Error(`baseline: job ${requestId} failed`);
    if (Date.now() >= deadline) throw new Error(`baseline: job ${requestId} timed out`);
    await sleep(interval);
  }

  const { status, body: result } = await getJson(responseUrl, options.apiKey);
  if (status !== 200) throw new Error(`baseline result: HTTP ${status}`);
  const output = result['output'];
  const urls = (Array.isArray(output) ? output : [output]).map(String);
  const images: BaselineImage[] = [];
  for (const url of urls) {
    // Output URLs live on another origin (a CDN for the real service): no key goes there.
    const download = await fetch(url);
    if (!download.ok) throw new Error(`baseline download: HTTP ${download.status}`);
    images.push({ bytes: new Uint8Array(await download.arrayBuffer()), contentType: download.headers.get('content-type') ?? '' });
  }
  return { requestId, images, statusPolls };
}
