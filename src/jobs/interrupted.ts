// Activation's cheap look at the job store: only when a reload or restart cut jobs short does it load
// the job runner (dist/features.js) to resume or report them (src/jobs/resume.ts).
import { resumeDecision } from './job';
import type { JobStore } from './jobStore';

/**
 * Drops old finished records, then calls `resume` if any stored job still needs the runner, or
 * `otherWork` says something else left behind needs it (a prompt queue with prompts to go).
 */
export async function resumeIfInterrupted(store: JobStore, resume: () => Promise<void>, now = Date.now(), otherWork = false): Promise<void> {
  await store.prune(now);
  if (otherWork || store.all().some((job) => resumeDecision(job, now) !== 'done')) await resume();
}
