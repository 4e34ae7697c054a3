// Building replies and writing them to the socket, with the response-shaping faults applied on the way out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from './types';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A valid 1×1 PNG, for "an image where JSON was expected". */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWM4IScHAAK2AQVhu1gcAAAAAElFTkSuQmCC',
  'base64',
);

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(value)) };
}

/** Segmind's error shape: `{"error": "..."}`. */
export function errorReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { error: message }, headers);
}

export function imageReply(bytes: Buffer, mime: string, headers: Record<string, string> = {}): Reply {
  return { status: 200, headers: { 'content-type': mime, ...headers }, body: bytes };
}

/** Some Segmind errors (e.g. 405) come back as HTML rather than JSON. */
export function htmlReply(status: number, title: string): Reply {
  const html = `<!DOCTYPE html><html><head><title>${status} ${title}</title></head><body><h1>${title}</h1></body></html>`;
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(html) };
}

const DEFAULT_STATUS_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad Request: invalid parameters or request format',
  401: 'Unauthorized: missing or invalid API key',
  403: 'Forbidden: insufficient permissions',
  404: 'Not Found',
  406: 'Not enough credits to process this request',
  422: 'Unprocessable request',
  429: 'Too many requests, please slow down',
  500: 'Internal server error',
  502: 'Bad Gateway: service temporarily unavailable',
  503: 'Service unavailable',
  504: 'Gateway Timeout: request timed out',
};

/** The reply for an `http` fault: given body verbatim, or a Segmind-style error for the status. */
export function httpFaultReply(fault: Extract<Fault, { kind: 'http' }>): Reply {
  const reply = fault.body !== undefined
    ? { status: fault.status, headers: { 'content-type': 'application/json' }, body: Buffer.from(fault.body) }
    : errorReply(fault.status, DEFAULT_STATUS_MESSAGES[fault.status] ?? `HTTP ${fault.status}`);
  return { ...reply, headers: { ...reply.headers, ...fault.headers } };
}

export function rateLimitReply(fault: Extract<Fault, { kind: 'rate-limit' }>): Reply {
  const headers: Record<string, string> = {};
  if (fault.resetAtUtc !== undefined) headers['x-rate-limit-reset-at-utc'] = fault.resetAtUtc;
  if (fault.retryAfterSeconds !== undefined || fault.resetAtUtc === undefined) {
    headers['retry-after'] = String(fault.retryAfterSeconds ?? 1);
  }
  return errorReply(429, DEFAULT_STATUS_MESSAGES[429] ?? 'Too many requests', headers);
}

/** Destroys the connection with a TCP RST (the client sees ECONNRESET), without any response. */
export function resetConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (socket && !socket.destroyed) socket.resetAndDestroy();
}

function waitFor(ms: number, req: IncomingMessage): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      req.socket.off('close', onClose);
      resolve(true);
    }, ms);
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    req.socket.once('close', onClose);
  });
}

/** Writes `reply`, first reshaping it by a response-side fault (refusing faults are handled by the caller). */
export async function sendReply(req: IncomingMessage, res: ServerResponse, reply: Reply, fault?: Fault): Promise<void> {
  if (res.destroyed) return;
  switch (fault?.kind) {
    case 'reset-after':
      return resetConnection(res);
    case 'delay-headers':
      if (!(await waitFor(fault.ms, req))) return;
      break;
    case 'stall-body': {
      const cut = Math.max(0, Math.min(fault.afterBytes, reply.body.length - 1));
      res.writeHead(reply.status, { ...reply.headers, 'content-length': String(reply.body.length) });
      res.write(reply.body.subarray(0, cut));
      return; // never ends: the body stalls until the client (or close()) drops the connection
    }
    case 'malformed-json': {
      const text = reply.body.toString('utf8');
      const cut = text.startsWith('{') ? text.slice(0, Math.max(2, Math.floor(text.length / 2))) : '{"status": ';
      reply = { status: reply.status, headers: { ...reply.headers, 'content-type': 'application/json' }, body: Buffer.from(`${cut}<!--`) };
      break;
    }
    case 'wrong-content-type':
      reply = { ...reply, headers: { ...reply.headers, 'content-type': fault.contentType } };
      break;
    case 'truncated-image':
      reply = { ...reply, body: reply.body.subarray(0, Math.floor(reply.body.length / 2)) };
      break;
    case 'html-instead-of-image':
      reply = htmlReply(200, 'Segmind');
      break;
    case 'image-instead-of-json':
      reply = imageReply(TINY_PNG, 'image/png');
      break;
    case 'json-instead-of-image':
      reply = jsonReply(200, { status: 'COMPLETED', message: 'Output is being prepared' });
      break;
    case 'oversized-image':
      return sendOversized(res, reply, fault.bytes, fault.noContentLength === true);
    default:
      break;
  }
  if (res.destroyed) return;
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(reply.body.length) });
  res.end(reply.body);
}

/** The real image followed by zero padding up to `total` bytes, streamed with backpressure. */
async function sendOversized(res: ServerResponse, reply: Reply, total: number, chunked: boolean): Promise<void> {
  res.writeHead(reply.status, chunked ? reply.headers : { ...reply.headers, 'content-length': String(total) });
  const head = reply.body.subarray(0, Math.min(reply.body.length, total));
  let sent = head.length;
  if (!res.write(head)) await drained(res);
  const padding = Buffer.alloc(64 * 1024);
  while (sent < total && !res.destroyed) {
    const chunk = padding.subarray(0, Math.min(padding.length, total - sent));
    sent += chunk.length;
    if (!res.write(chunk)) await drained(res);
  }
  if (!res.destroyed) res.end();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
