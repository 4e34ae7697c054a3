// The image origin (a CDN in real life): GET /outputs/{requestId}/{index}.{ext}. No key needed.
import type { ApiContext, ParsedRequest } from './api-routes';
import { refuse } from './api-routes';
import { REFUSING_FAULTS } from './faults';
import { imageKeyFor } from './images';
import { MIME } from './models';
import { errorReply, imageReply, sendReply } from './replies';

/** Output files outlive the 1-hour status/result retention (reported: about 7 days). */
const OUTPUT_RETENTION_MS = 7 * 24 * 3_600_000;

export const OUTPUT_PATH = /^\/outputs\/([^/]+)\/(\d+)\.(jpeg|png|webp)$/;

export async function handleOutputRequest(ctx: ApiContext, r: ParsedRequest): Promise<void> {
  const match = OUTPUT_PATH.exec(r.path);
  const method = r.req.method ?? 'GET';
  if (!match || (method !== 'GET' && method !== 'HEAD')) return sendReply(r.req, r.res, errorReply(404, 'Not Found'));
  const fault = ctx.faults.take('image');
  if (fault && REFUSING_FAULTS.has(fault.kind)) return refuse(r, fault);

  const [, requestId = '', index = '0', ext = ''] = match;
  const job = ctx.jobs.jobs.get(requestId);
  const usable = job && job.status === 'COMPLETED' && ctx.clock() < job.submittedAt + OUTPUT_RETENTION_MS;
  if (!job || !usable || Number(index) >= job.plan.count || ext !== job.plan.format) {
    return sendReply(r.req, r.res, errorReply(404, 'Not Found'), fault);
  }
  const bytes = await ctx.images.get(imageKeyFor(job.plan, Number(index), ctx.incompressible));
  await sendReply(r.req, r.res, imageReply(bytes, MIME[job.plan.format], { 'cache-control': 'public, max-age=604800' }), fault);
}
