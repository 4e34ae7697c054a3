// Segmind's API surface: POST /v1/{slug} (sync), POST /v2/{slug} (submit),
// GET /v2/requests/{id}/status and GET /v2/requests/{id} (result).
import { randomInt, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ImageCache } from './images';
import { imageKeyFor } from './images';
import { jobCost, type JobRecord, type JobStore } from './jobs';
import { MIME, SERVER_MODELS, planRender } from './models';
import type { FaultQueue } from './faults';
import { REFUSING_FAULTS } from './faults';
import type { SubmitRateLimiter } from './rate-limit';
import type { Reply } from './replies';
import { errorReply, htmlReply, httpFaultReply, imageReply, jsonReply, rateLimitReply, resetConnection, sendReply } from './replies';
import type { Fault } from './types';
import { validateBody } from './validation';

export interface ApiContext {
  apiKey: string;
  jobs: JobStore;
  faults: FaultQueue;
  limiter: SubmitRateLimiter;
  images: ImageCache;
  incompressible: boolean;
  clock: () => number;
  apiUrl: () => string;
  outputUrl: () => string;
  /** Runs `task` after `delayMs` unless the emulator is reset or closed first. */
  schedule: (task: () => void, delayMs: number) => void;
}

export interface ParsedRequest {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  body: Buffer;
  json: unknown;
  jsonError: boolean;
}

type Route =
  | { target: 'sync' | 'submit'; slug: string }
  | { target: 'status' | 'result'; requestId: string };

function routeOf(method: string, path: string): Route | 'wrong-method' | undefined {
  const submit = /^\/(v1|v2)\/([^/]+)$/.exec(path);
  const status = /^\/v2\/requests\/([^/]+)\/status$/.exec(path);
  const result = /^\/v2\/requests\/([^/]+)$/.exec(path);
  if (status?.[1]) return method === 'GET' ? { target: 'status', requestId: decodeURIComponent(status[1]) } : 'wrong-method';
  if (result?.[1]) return method === 'GET' ? { target: 'result', requestId: decodeURIComponent(result[1]) } : 'wrong-method';
  if (submit?.[1] && submit[2]) {
    if (method !== 'POST') return 'wrong-method';
    return { target: submit[1] === 'v1' ? 'sync' : 'submit', slug: decodeURIComponent(submit[2]) };
  }
  return undefined;
}

/** Handles one API request (already read and recorded). */
export async function handleApiRequest(ctx: ApiContext, r: ParsedRequest): Promise<void> {
  const route = routeOf(r.req.method ?? 'GET', r.path);
  if (route === undefined) return sendReply(r.req, r.res, errorReply(404, `Endpoint not found: ${r.path}`));
  if (route === 'wrong-method') return sendReply(r.req, r.res, htmlReply(405, 'Method Not Allowed'));

  const authProblem = checkAuth(r.req, ctx.apiKey);
  if (authProblem) return sendReply(r.req, r.res, errorReply(401, authProblem));

  const fault = ctx.faults.take(route.target);
  if (fault && REFUSING_FAULTS.has(fault.kind)) return refuse(r, fault);

  let reply: Reply | undefined;
  switch (route.target) {
    case 'submit':
      reply = await submit(ctx, r, route.slug, fault);
      break;
    case 'sync':
      reply = await syncGenerate(ctx, r, route.slug, fault);
      break;
    case 'status':
      reply = status(ctx, route.requestId, fault);
      break;
    case 'result':
      reply = await result(ctx, route.requestId, fault);
      break;
  }
  if (reply) await sendReply(r.req, r.res, reply, fault);
}

/** Answers a request that a refusing fault (http, rate-limit, reset-before) stops before any processing. */
export function refuse(r: ParsedRequest, fault: Fault): Promise<void> | void {
  switch (fault.kind) {
    case 'http':
      return sendReply(r.req, r.res, httpFaultReply(fault));
    case 'rate-limit':
      return sendReply(r.req, r.res, rateLimitReply(fault));
    default:
      return resetConnection(r.res);
  }
}

function checkAuth(req: IncomingMessage, apiKey: string): string | undefined {
  const sent = req.headers['x-api-key'];
  if (sent === undefined || sent === '') return 'Missing API key: pass your key in the x-api-key header';
  return sent === apiKey ? undefined : 'Invalid API key';
}

/** Shared first half of v1 and v2: model, rate limit, body, validation; creates (bills) the job. */
function acceptJob(ctx: ApiContext, r: ParsedRequest, slug: string, api: 'v1' | 'v2', fault: Fault | undefined): JobRecord | Reply {
  const model = SERVER_MODELS.get(slug);
  if (!model) return errorReply(404, `Model not found: ${slug}`);
  const retryAfter = ctx.limiter.admit();
  if (retryAfter !== undefined) {
    return errorReply(429, 'Rate limit exceeded: too many requests, retry later', { 'retry-after': String(retryAfter) });
  }
  if (r.jsonError) return errorReply(400, 'Invalid request format: body must be valid JSON');
  const problem = validateBody(model, r.json);
  if (problem) return errorReply(400, problem);
  const params = r.json as Record<string, unknown>;
  const plan = planRender(model, params, () => randomInt(1, 2 ** 32));
  if (jobCost(model, plan) > ctx.jobs.remainingCredits) return errorReply(406, 'Not enough credits to process this request');
  const job = ctx.jobs.create(randomUUID(), model, params, plan, api);
  const ext = plan.format;
  job.outputs = Array.from({ length: plan.count }, (_, i) => `${ctx.outputUrl()}/outputs/${job.requestId}/${i}.${ext}`);
  if (fault?.kind === 'long-queue') job.delay(fault.ms);
  if (fault?.kind === 'job-failed') job.failure = fault.detail;
  else warmImages(ctx, job);
  return job;
}

/**
 * Renders the job's images while it is PROCESSING, as the real service does, so that a download right
 * after COMPLETED measures the client, not the emulator's encoder.
 */
function warmImages(ctx: ApiContext, job: JobRecord): void {
  ctx.schedule(() => {
    renderAll(ctx, job).catch(() => undefined);
  }, Math.max(0, job.processingAt - ctx.clock()));
}

async function submit(ctx: ApiContext, r: ParsedRequest, slug: string, fault: Fault | undefined): Promise<Reply> {
  const job = acceptJob(ctx, r, slug, 'v2', fault);
  if (!('requestId' in job)) return job;
  const statusUrl = `${ctx.apiUrl()}/v2/requests/${job.requestId}/status`;
  const responseUrl = `${ctx.apiUrl()}/v2/requests/${job.requestId}`;
  return jsonReply(200, { request_id: job.requestId, status: 'QUEUED', status_url: statusUrl, response_url: responseUrl, poll_url: responseUrl });
}

async function syncGenerate(ctx: ApiContext, r: ParsedRequest, slug: string, fault: Fault | undefined): Promise<Reply | undefined> {
  const job = acceptJob(ctx, r, slug, 'v1', fault);
  if (!('requestId' in job)) return job;
  // v1 blocks until the job is done; a client that gives up has still been billed.
  const waitMs = job.completedAt - ctx.clock();
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs).unref());
  if (r.res.destroyed) return undefined;
  if (job.failure !== undefined) return jsonReply(422, { status: 'FAILED', request_id: job.requestId, error: job.failure });
  const headers = {
    'x-request-id': job.requestId,
    'x-seed-value': String(job.plan.seed),
    'x-remaining-credits': String(job.remainingCredits),
    'x-cost': String(job.cost),
    'x-generation-time': String((job.completedAt - job.processingAt) / 1000),
  };
  const images = await renderAll(ctx, job);
  if (job.plan.base64) {
    const encoded = images.map((b) => b.toString('base64'));
    return jsonReply(200, { image: encoded[0], ...(encoded.length > 1 ? { images: encoded } : {}), seed: job.plan.seed, request_id: job.requestId }, headers);
  }
  const first = images[0] ?? Buffer.alloc(0);
  return imageReply(first, MIME[job.plan.format], headers);
}

function status(ctx: ApiContext, requestId: string, fault: Fault | undefined): Reply {
  const job = ctx.jobs.retained(requestId);
  if (!job) return notFound(requestId);
  job.statusRequests++;
  if (fault?.kind === 'job-failed') job.failure = fault.detail;
  const state = job.status;
  if (state === 'COMPLETED') return jsonReply(200, { status: state, request_id: requestId, metrics: job.metrics() });
  if (state === 'FAILED') return jsonReply(200, { status: state, request_id: requestId, error: job.failure, metrics: job.metrics() });
  return jsonReply(200, { status: state, request_id: requestId });
}

async function result(ctx: ApiContext, requestId: string, fault: Fault | undefined): Promise<Reply> {
  const job = ctx.jobs.retained(requestId);
  if (!job) return notFound(requestId);
  job.resultRequests++;
  if (fault?.kind === 'job-failed') job.failure = fault.detail;
  const state = job.status;
  if (state === 'FAILED') return jsonReply(422, { status: state, request_id: requestId, error: job.failure, metrics: job.metrics() });
  if (state !== 'COMPLETED') return jsonReply(200, { status: state, request_id: requestId });
  let outputs: string[];
  if (fault?.kind === 'output-url') outputs = job.outputs.map(() => fault.url);
  else if (job.plan.base64) outputs = (await renderAll(ctx, job)).map((b) => b.toString('base64'));
  else outputs = job.outputs;
  const output = outputs.length === 1 ? outputs[0] : outputs;
  const metrics: Record<string, number> = job.metrics();
  if (fault?.kind === 'no-cost-metrics') {
    delete metrics.cost;
    delete metrics.remaining_credits;
  }
  // The account's balance now, as Segmind's success responses carry it.
  return jsonReply(200, { status: state, request_id: requestId, output, metrics }, { 'x-remaining-credits': String(ctx.jobs.remainingCredits) });
}

function notFound(requestId: string): Reply {
  return errorReply(404, `Request not found or expired: ${requestId}`);
}

function renderAll(ctx: ApiContext, job: JobRecord): Promise<Buffer[]> {
  return Promise.all(Array.from({ length: job.plan.count }, (_, i) => ctx.images.get(imageKeyFor(job.plan, i, ctx.incompressible))));
}
