// Messages between a benchmark and the emulator host process.
import type { EmulatorJob, EmulatorOptions } from '../emulator/types';
import type { TimingTable } from './workload';

/** Emulator options that survive IPC: timings are numbers or a table keyed by prompt. */
export type HostEmulatorOptions = Omit<EmulatorOptions, 'queueMs' | 'processingMs'> & {
  queueMs?: number;
  processingMs?: number;
  timings?: TimingTable;
  /** Render each job's images at submit, as the real service has them ready at COMPLETED (default true). */
  prerender?: boolean;
  /** Start rendering this long before the job completes instead of at submit (big images). */
  prerenderLeadMs?: number;
};

export type HostRequest = { type: 'start'; options: HostEmulatorOptions } | { type: 'snapshot' } | { type: 'close' };

export interface EmulatorSnapshot {
  jobs: EmulatorJob[];
  acceptedSubmits: number;
  /** Requests since the previous snapshot, by origin, method and path pattern. */
  requestCounts: Record<string, number>;
  /** Since the previous snapshot: when each job's status requests arrived (emulator clock, ms). */
  statusPollTimes: Record<string, number[]>;
}

export type HostReply =
  | { type: 'started'; url: string; outputUrl: string; apiKey: string }
  | ({ type: 'snapshot' } & EmulatorSnapshot)
  | { type: 'closed' }
  | { type: 'error'; message: string };
