// Job cards: live state of each generation and its results. Pure rendering to HTML strings.
import type { JobState, Params, ResultFile } from '../src/shared/protocol';

export interface JobView {
  readonly jobId: string;
  state: JobState;
  readonly model: string;
  modelName: string;
  params: Params;
  seed?: number;
  label?: string;
  /** Webview clock (Date.now()) when the job started, for the elapsed counter. */
  startedAt: number;
  /** Frozen once the job ends. */
  endedAfterMs?: number;
  requestId?: string;
  files?: ResultFile[];
  error?: string;
}

export const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STATE_TEXT: Record<JobState, string> = {
  starting: 'Submitting…',
  queued: 'Queued',
  processing: 'Processing',
  downloading: 'Saving…',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Stopped waiting',
};

export function isActive(job: JobView): boolean {
  return job.state === 'starting' || job.state === 'queued' || job.state === 'processing' || job.state === 'downloading';
}

export function elapsedText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

export function jobElapsed(job: JobView, now: number): number {
  return job.endedAfterMs ?? now - job.startedAt;
}

function fileHtml(job: JobView, file: ResultFile, index: number, count: number): string {
  const prompt = typeof job.params.prompt === 'string' ? job.params.prompt : '';
  const name = count > 1 ? ` (image ${index + 1})` : '';
  const uri = esc(file.uri);
  const image = file.src
    ? `<button type="button" class="thumb" data-file-action="open" data-uri="${uri}" title="Open ${esc(file.path)}"><img src="${esc(file.src)}" alt="${esc(`Open: ${prompt.slice(0, 120)}${name}`)}"></button>`
    : `<div class="no-thumb codicon codicon-file-media" aria-hidden="true"></div>`;
  const button = (action: string, icon: string, text: string): string =>
    `<button type="button" class="icon-button" data-file-action="${action}" data-uri="${uri}" title="${text}" aria-label="${text}: ${esc(file.path)}"><span class="codicon codicon-${icon}" aria-hidden="true"></span></button>`;
  return `<figure class="result">${image}<figcaption><span class="path" title="${esc(file.path)}">${esc(file.path)}</span><span class="file-actions">${button('insert', 'insert', 'Insert into editor')}${button('reveal', 'folder-opened', 'Reveal in Explorer')}${button('open', 'go-to-file', 'Open')}${button('copyPath', 'copy', 'Copy path')}</span></figcaption></figure>`;
}

export function renderJob(job: JobView, now: number): string {
  const prompt = typeof job.params.prompt === 'string' ? job.params.prompt : '';
  const title = job.label ? `${job.label}` : prompt;
  const seed = job.seed !== undefined ? ` · seed ${job.seed}` : '';
  const active = isActive(job);
  const stateIcon = active ? 'loading codicon-modifier-spin' : job.state === 'done' ? 'pass' : job.state === 'failed' ? 'error' : 'circle-slash';
  const files = job.files ?? [];
  const results = files.length ? `<div class="results">${files.map((f, i) => fileHtml(job, f, i, files.length)).join('')}</div>` : '';
  const error = job.error ? `<div class="job-error" role="alert">${esc(job.error)}</div>` : '';
  const cancel = active && job.requestId ? `<button type="button" class="secondary" data-job-action="cancel">Cancel</button>` : '';
  const again = active
    ? ''
    : `<button type="button" class="secondary" data-job-action="regenerate" title="Regenerate with the same parameters and a new random seed" aria-label="Regenerate with new seed"><span class="codicon codicon-refresh" aria-hidden="true"></span> New seed</button>`;
  const dismiss = active ? '' : `<button type="button" class="icon-button" data-job-action="dismiss" title="Remove from the list" aria-label="Remove from the list"><span class="codicon codicon-close" aria-hidden="true"></span></button>`;
  return `<article class="job job-${job.state}" data-job="${esc(job.jobId)}" aria-label="${esc(`${STATE_TEXT[job.state]}: ${title}`)}">
<header><span class="codicon codicon-${stateIcon}" aria-hidden="true"></span><span class="job-title" title="${esc(prompt)}">${esc(title)}</span>${dismiss}</header>
<div class="job-meta"><span class="job-state">${STATE_TEXT[job.state]}</span> · <span class="elapsed">${elapsedText(jobElapsed(job, now))}</span> · ${esc(job.modelName.replace('Stable Diffusion', 'SD'))}${esc(seed)}</div>
${error}${results}<div class="job-actions">${cancel}${again}</div></article>`;
}
