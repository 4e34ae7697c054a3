// Prints a tests module's results (one phase) the same way for every launcher.
import path from 'node:path';
import type { PhaseOutcome, VsCodeSession } from './session';

export interface Counts {
  passed: number;
  failed: number;
}

/** Prints one phase's results; returns its counts (a crash or timeout counts as one failure). */
export function report(label: string, outcome: PhaseOutcome, session: VsCodeSession): Counts {
  const r = outcome.results;
  console.log(`\n[${label}] ${outcome.seconds.toFixed(1)} s, exit ${outcome.exitCode ?? 'timeout'}`);
  for (const t of r?.tests ?? []) {
    const mark = t.state === 'passed' ? '✓' : t.state === 'failed' ? '✗' : '-';
    console.log(`  ${mark} ${t.title}${t.durationMs ? ` (${t.durationMs} ms)` : ''}`);
  }
  const counts = { passed: r?.passed ?? 0, failed: r?.failed ?? 0 };
  for (const f of r?.failures ?? []) console.log(`\n  FAILED: ${f.title}\n    ${f.error.split('\n').join('\n    ')}`);
  let problem: string | undefined;
  if (outcome.exitCode === null) problem = 'timed out waiting for the tests module to finish';
  else if (!r) problem = `the tests module wrote no results (exit ${outcome.exitCode}): it did not load, or the extension host did not start`;
  else if (!r.done) problem = 'the tests module stopped before mocha finished';
  else if (outcome.exitCode !== 0 && counts.failed === 0) problem = `run() rejected with no failed test (exit ${outcome.exitCode})`;
  if (problem) {
    counts.failed++;
    console.log(`\n  FAILED: ${label}: ${problem}`);
    console.log(`  logs: ${path.join('test-output', 'logs')}/ (browser console = extension host output)\n${indent(session.serverLogTail(15))}`);
  }
  console.log(`[${label}] ${counts.passed} passed, ${counts.failed} failed`);
  return counts;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    | ${l}`)
    .join('\n');
}

