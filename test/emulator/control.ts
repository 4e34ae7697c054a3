// Opt-in control API (/__emulator/*) for processes that cannot import the emulator
// (a reloaded extension host, the launcher). Control requests are not recorded.
import type { ParsedRequest } from './api-routes';
import { faultProblem } from './faults';
import { errorReply, jsonReply, sendReply } from './replies';
import type { Emulator, Fault } from './types';

export const CONTROL_PREFIX = '/__emulator/';

export function handleControlRequest(emulator: Emulator, r: ParsedRequest): Promise<void> {
  const method = r.req.method ?? 'GET';
  const send = (status: number, value: unknown) => sendReply(r.req, r.res, jsonReply(status, value));
  const action = `${method} ${r.path.slice(CONTROL_PREFIX.length - 1)}`;
  switch (action) {
    case 'GET /requests':
      return send(200, emulator.requests.map((q) => ({ ...q, body: q.body.toString('base64') })));
    case 'GET /jobs':
      return send(200, [...emulator.jobs.values()]);
    case 'GET /info':
      return send(200, { url: emulator.url, outputUrl: emulator.outputUrl, acceptedSubmits: emulator.acceptedSubmits() });
    case 'POST /fault': {
      const problem = r.jsonError ? 'body must be JSON' : faultProblem(r.json);
      if (problem) return sendReply(r.req, r.res, errorReply(400, problem));
      emulator.fault(r.json as Fault);
      return send(200, { ok: true });
    }
    case 'POST /clear-faults':
      emulator.clearFaults();
      return send(200, { ok: true });
    case 'POST /reset':
      emulator.reset();
      return send(200, { ok: true });
    case 'POST /clock': {
      const advanceMs = (r.json as { advanceMs?: unknown } | undefined)?.advanceMs;
      if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs)) return sendReply(r.req, r.res, errorReply(400, 'advanceMs (number) is required'));
      emulator.advanceClock(advanceMs);
      return send(200, { ok: true });
    }
    case 'POST /credits': {
      const remaining = (r.json as { remaining?: unknown } | undefined)?.remaining;
      if (typeof remaining !== 'number' || !Number.isFinite(remaining)) return sendReply(r.req, r.res, errorReply(400, 'remaining (number) is required'));
      emulator.setCredits(remaining);
      return send(200, { ok: true });
    }
    default:
      return sendReply(r.req, r.res, errorReply(404, `Unknown control endpoint: ${action}`));
  }
}
