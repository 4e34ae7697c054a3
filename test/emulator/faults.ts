// Faults queued by tests; each one is consumed by the next request(s) its target matches.
import type { Fault, FaultKind, FaultTarget } from './types';

const TARGETS: readonly FaultTarget[] = ['submit', 'status', 'result', 'image', 'sync'];
const KINDS: readonly FaultKind[] = [
  'http', 'rate-limit', 'job-failed', 'long-queue', 'reset-before', 'reset-after', 'delay-headers', 'stall-body', 'malformed-json',
  'wrong-content-type', 'truncated-image', 'oversized-image', 'html-instead-of-image', 'json-instead-of-image',
  'image-instead-of-json', 'output-url', 'no-cost-metrics',
];

/** Faults handled before the request is processed (the request has no effect on the emulator's state). */
export const REFUSING_FAULTS: ReadonlySet<FaultKind> = new Set(['http', 'rate-limit', 'reset-before']);

export class FaultQueue {
  private readonly queue: { fault: Fault; remaining: number }[] = [];

  add(fault: Fault): void {
    const problem = faultProblem(fault);
    if (problem) throw new TypeError(`Invalid emulator fault: ${problem}`);
    this.queue.push({ fault, remaining: fault.times ?? 1 });
  }

  /** Takes one use of the oldest fault queued for `target`. */
  take(target: FaultTarget): Fault | undefined {
    const index = this.queue.findIndex((entry) => entry.fault.on === target);
    const entry = this.queue[index];
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return entry.fault;
  }

  clear(): void {
    this.queue.length = 0;
  }
}

/** Describes what is wrong with a fault (as received from the control API), or undefined. */
export function faultProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'expected an object';
  const f = value as Record<string, unknown>;
  if (!TARGETS.includes(f.on as FaultTarget)) return `'on' must be one of ${TARGETS.join(', ')}`;
  if (!KINDS.includes(f.kind as FaultKind)) return `'kind' must be one of ${KINDS.join(', ')}`;
  if (f.times !== undefined && !(Number.isInteger(f.times) && (f.times as number) > 0)) return "'times' must be a positive integer";
  const need = (field: string, type: 'number' | 'string') =>
    typeof f[field] === type ? undefined : `fault '${String(f.kind)}' needs '${field}' (${type})`;
  switch (f.kind) {
    case 'http': return need('status', 'number');
    case 'job-failed': return need('detail', 'string');
    case 'delay-headers':
    case 'long-queue': return need('ms', 'number');
    case 'stall-body': return need('afterBytes', 'number');
    case 'wrong-content-type': return need('contentType', 'string');
    case 'oversized-image': return need('bytes', 'number');
    case 'output-url': return need('url', 'string');
    default: return undefined;
  }
}
