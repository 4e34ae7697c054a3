// Webview entry (dist/webview.js + dist/webview.css): the generator panel's form and job cards.
// Everything from the extension is validated with the shared protocol; state lives in setState so the
// panel survives being hidden and window reloads without keeping a hidden page alive.
import '@vscode/codicons/dist/codicon.css';
import './main.css';
import { DEFAULT_MODEL, MODELS, MODEL_SLUGS, isModelSlug, seedParameter, type ModelSlug, type ModelSpec } from '../src/shared/catalog';
import { validateParams } from '../src/shared/validation';
import { parseExtensionMessage, parseInitialData } from '../src/shared/extensionMessages';
import {
  type InitialData,
  type ErrorReply,
  type JobMessage,
  type PrefillMessage,
  type Params,
  type RequestMessage,
  type RequestReplies,
  type RequestType,
  type WebviewMessage,
} from '../src/shared/protocol';
import { coerceInput, defaultValues, isVisible, renderForm, requestParams, summarize, type FieldIssue, type FormValues } from './form';
import { isActive, jobElapsed, elapsedText, renderJob, type JobView } from './jobs';
import { MAX_JOBS, announcement, restoreState, type PanelState } from './state';
import { pageLayout } from './layout';
import { onExtensionMessage, vsCodeApi } from './vscodeApi';
import { PresetBar } from './presets';
import { installDropTarget } from './drop';

const vscode = vsCodeApi<WebviewMessage, PanelState>();
const app = document.getElementById('app') as HTMLElement;
const init = readInitialData();
const restored = restoreState(vscode.getState(), Date.now());
const state = restored?.state ?? freshState();
/** Fields the user has touched: an untouched empty prompt is not an error worth shouting about. */
const touched = new Set<string>();
let issues: FieldIssue[] = [];

function readInitialData(): InitialData {
  try {
    const parsed = parseInitialData(JSON.parse(app.dataset.init ?? '{}'));
    if (parsed.ok) return parsed.message;
  } catch {
    // fall through to defaults
  }
  return { model: DEFAULT_MODEL, userDefaults: {}, platform: 'other' };
}

function freshState(): PanelState {
  const model = isModelSlug(init.model) ? init.model : DEFAULT_MODEL;
  const values = defaultsFor(model);
  if (init.prompt) values.prompt = init.prompt;
  return { version: 1, model, values: { [model]: values }, randomSeed: true, jobs: [] };
}

function defaultsFor(model: ModelSlug): FormValues {
  return defaultValues(MODELS[model], init.userDefaults[model] ?? {});
}

function model(): ModelSpec {
  return MODELS[state.model];
}

function values(): FormValues {
  return (state.values[state.model] ??= defaultsFor(state.model));
}

function save(): void {
  state.jobs = state.jobs.slice(0, MAX_JOBS);
  vscode.setState(state);
}

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

/** Requests sent and not answered yet: a reply or error is acted on only for one of these. */
const pending = new Map<string, RequestType>();

function request(message: RequestMessage): void {
  pending.set(message.id, message.type);
  post(message);
}

/** True once for the answer to a request this page sent (same id, same request type). */
function answers(message: { readonly request: RequestType; readonly id: string }): boolean {
  if (pending.get(message.id) !== message.request) return false;
  pending.delete(message.id);
  return true;
}

// ---------- layout ----------
const isMac = init.platform === 'mac';
app.innerHTML = pageLayout(MODEL_SLUGS.map((slug) => ({ slug, name: MODELS[slug].name })), isMac);

const form = document.getElementById('generator') as HTMLFormElement;
const modelSelect = document.getElementById('model') as HTMLSelectElement;
const fields = document.getElementById('fields') as HTMLElement;
const formErrors = document.getElementById('form-errors') as HTMLElement;
const generateButton = document.getElementById('generate') as HTMLButtonElement;
const summary = document.getElementById('summary') as HTMLElement;
const jobsSection = document.getElementById('jobs-section') as HTMLElement;
const jobsList = document.getElementById('jobs') as HTMLElement;
const notice = document.getElementById('notice') as HTMLElement;
const costWarning = document.getElementById('cost-warning') as HTMLElement;
const announcer = document.getElementById('announcer') as HTMLElement;
const presetBar = new PresetBar(document.getElementById('presets') as HTMLElement, {
  current: () => ({ model: state.model, params: requestParams(model(), values(), state.randomSeed) }),
  apply: applyPreset,
  request,
  selected: () => state.preset,
  select: (name) => {
    if (name === undefined) delete state.preset;
    else state.preset = name;
    save();
  },
});

/** Tells screen readers what changed in a job, once per state. */
function announce(job: JobView, previous: JobView['state'] | undefined): void {
  const text = previous === job.state ? '' : announcement(job);
  if (text) announcer.textContent = text;
}

function renderFields(): void {
  modelSelect.value = state.model;
  (document.getElementById('model-description') as HTMLElement).textContent = model().description;
  validate();
  fields.innerHTML = renderForm(model(), values(), visibleIssues(), state.randomSeed);
  updateDerived();
}

/** Issues shown next to fields: all of them, except "prompt is required" before the prompt was touched. */
function visibleIssues(): FieldIssue[] {
  return issues.filter((i) => !(i.field === 'prompt' && !touched.has('prompt') && !String(values().prompt ?? '').trim()));
}

function validate(): void {
  const spec = model();
  issues = validateParams(spec.slug, requestParams(spec, values(), state.randomSeed));
}

/** Updates what depends on values without re-rendering the fields (keeps focus and caret). */
function updateDerived(): void {
  const spec = model();
  const shown = visibleIssues();
  for (const p of spec.parameters) {
    const row = fields.querySelector<HTMLElement>(`[data-field="${CSS.escape(p.name)}"]`);
    if (!row) continue;
    row.hidden = !isVisible(p, values());
    const message = shown.find((i) => i.field === p.name)?.message;
    const error = row.querySelector<HTMLElement>('.error');
    if (error) {
      error.hidden = !message;
      error.textContent = message ?? '';
    }
    row.toggleAttribute('data-invalid', Boolean(message));
    row.querySelector(`#f-${CSS.escape(p.name)}`)?.setAttribute('aria-invalid', message ? 'true' : 'false');
  }
  // Issues about fields not on the form (should not happen, but the server's rules may be stricter).
  const orphan = shown.filter((i) => !spec.parameters.some((p) => p.name === i.field && isVisible(p, values())));
  formErrors.hidden = orphan.length === 0;
  formErrors.textContent = orphan.map((i) => i.message).join(' ');
  generateButton.disabled = issues.length > 0;
  generateButton.setAttribute('aria-disabled', String(issues.length > 0));
  const reuse = document.getElementById('reuse-seed') as HTMLButtonElement | null;
  if (reuse) {
    reuse.disabled = state.lastSeed === undefined;
    reuse.title = state.lastSeed === undefined ? 'No seed used yet' : `Use seed ${state.lastSeed}`;
  }
  // The estimate is always shown; problems are counted only when the user can see them.
  let estimate = '';
  try {
    estimate = summarize(spec, values());
  } catch {
    estimate = '';
  }
  const problems = shown.length === 0 ? '' : shown.length === 1 ? '1 problem to fix' : `${shown.length} problems to fix`;
  summary.textContent = [[estimate, cost.text].filter(Boolean).join(' · '), problems].filter(Boolean).join(' — ');
  costWarning.hidden = !cost.warning;
  costWarning.textContent = cost.warning ?? '';
  requestEstimate();
  generateButton.title = issues.length && !problems ? 'Enter a prompt to generate' : `Generate (${isMac ? '⌘' : 'Ctrl'}+Enter)`;
}

// ---------- cost estimate (the extension learns costs from finished jobs) ----------
/** The latest answer; `asked` is the form the latest request described, so an unchanged form is not asked again. */
const cost: { text?: string; warning?: string; asked?: string; latestId?: string } = {};
let estimateTimer: ReturnType<typeof setTimeout> | undefined;

function requestEstimate(force = false): void {
  const params = requestParams(model(), values(), state.randomSeed);
  const asked = JSON.stringify([state.model, params]);
  if (!force && asked === cost.asked) return;
  cost.asked = asked;
  clearTimeout(estimateTimer);
  // Typing asks once it pauses, not at every key.
  estimateTimer = setTimeout(() => {
    cost.latestId = crypto.randomUUID();
    request({ type: 'estimate', id: cost.latestId, model: state.model, params });
  }, 150);
}

function onFieldInput(target: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): void {
  const spec = model();
  if (target.dataset.seedRandom !== undefined) {
    state.randomSeed = (target as HTMLInputElement).checked;
    const seedInput = fields.querySelector<HTMLInputElement>('input.seed');
    if (seedInput) {
      seedInput.disabled = state.randomSeed;
      if (!state.randomSeed && seedInput.value === '' && state.lastSeed !== undefined) seedInput.value = String(state.lastSeed);
      if (!state.randomSeed) setValueFrom(seedInput);
    }
  } else if (target.dataset.sliderFor) {
    const name = target.dataset.sliderFor;
    const number = fields.querySelector<HTMLInputElement>(`#f-${CSS.escape(name)}`);
    if (number) {
      number.value = target.value;
      setValueFrom(number);
    }
  } else if (target.dataset.param) {
    setValueFrom(target);
    const slider = fields.querySelector<HTMLInputElement>(`#r-${CSS.escape(target.dataset.param)}`);
    if (slider && target.value.trim() !== '' && Number.isFinite(Number(target.value))) slider.value = target.value;
  }
  validate();
  updateDerived();
  save();
  void spec;
}

function setValueFrom(input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): void {
  const name = input.dataset.param;
  const spec = model().parameters.find((p) => p.name === name);
  if (!name || !spec) return;
  touched.add(name);
  values()[name] = coerceInput(spec, input.value, input instanceof HTMLInputElement && input.checked);
}

fields.addEventListener('input', (e) => onFieldInput(e.target as HTMLInputElement));
fields.addEventListener('change', (e) => onFieldInput(e.target as HTMLInputElement));
fields.addEventListener('click', (e) => {
  const button = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-action="reuse-seed"]');
  if (!button || state.lastSeed === undefined) return;
  const seedSpec = seedParameter(model());
  if (!seedSpec) return;
  state.randomSeed = false;
  values()[seedSpec.name] = state.lastSeed;
  renderFields();
  save();
  fields.querySelector<HTMLInputElement>('input.seed')?.focus();
});

modelSelect.addEventListener('change', () => {
  const next = modelSelect.value;
  if (!isModelSlug(next)) return;
  const prompt = values().prompt;
  const negative = values().negative_prompt;
  state.model = next;
  // The prompt is the user's text, not a model setting: it follows them across models.
  if (typeof prompt === 'string') values().prompt = prompt;
  if (typeof negative === 'string' && negative && model().parameters.some((p) => p.name === 'negative_prompt')) values().negative_prompt = negative;
  renderFields();
  save();
});

document.getElementById('reset')?.addEventListener('click', () => {
  const prompt = values().prompt;
  state.values[state.model] = defaultsFor(state.model);
  if (typeof prompt === 'string') values().prompt = prompt;
  state.randomSeed = true;
  touched.clear();
  renderFields();
  save();
  showNotice(`${model().name}: parameters reset to their defaults.`);
});

function showNotice(text: string | undefined, isError = false): void {
  notice.hidden = !text;
  notice.textContent = text ?? '';
  notice.classList.toggle('notice-error', isError);
}

// ---------- generating ----------
function startGeneration(params: Params, label?: string): void {
  const jobId = crypto.randomUUID();
  const job: JobView = { jobId, state: 'starting', model: state.model, modelName: model().name, params, startedAt: Date.now() };
  if (label) job.label = label;
  state.jobs.unshift(job);
  renderJobs();
  jobsList.firstElementChild?.scrollIntoView({ block: 'nearest' });
  save();
  request({ type: 'generate', id: jobId, model: state.model, params, ...(label ? { label } : {}) });
}

function generateFromForm(): void {
  touched.add('prompt');
  validate();
  updateDerived();
  if (issues.length) {
    const first = issues[0];
    fields.querySelector<HTMLElement>(`#f-${CSS.escape(first?.field ?? '')}`)?.focus();
    return;
  }
  startGeneration(presetBar.styled(requestParams(model(), values(), state.randomSeed)));
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  generateFromForm();
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    generateFromForm();
  }
});

// ---------- job cards ----------
function renderJobs(): void {
  jobsSection.hidden = state.jobs.length === 0;
  app.classList.toggle('has-jobs', state.jobs.length > 0);
  const now = Date.now();
  const focused = document.activeElement as HTMLElement | null;
  const focusKey = focused?.closest('[data-job]') ? focusSelector(focused) : undefined;
  jobsList.innerHTML = state.jobs.map((j) => renderJob(j, now)).join('');
  if (focusKey) jobsList.querySelector<HTMLElement>(focusKey)?.focus();
}

function focusSelector(el: HTMLElement): string | undefined {
  const job = el.closest<HTMLElement>('[data-job]')?.dataset.job;
  if (!job) return undefined;
  const base = `[data-job="${CSS.escape(job)}"] `;
  if (el.dataset.fileAction) return `${base}[data-file-action="${el.dataset.fileAction}"][data-uri="${CSS.escape(el.dataset.uri ?? '')}"]`;
  if (el.dataset.jobAction) return `${base}[data-job-action="${el.dataset.jobAction}"]`;
  return undefined;
}

jobsList.addEventListener('click', (e) => {
  const target = e.target as HTMLElement;
  const fileButton = target.closest<HTMLElement>('[data-file-action]');
  if (fileButton?.dataset.uri) {
    const action = fileButton.dataset.fileAction;
    if (action === 'insert' || action === 'reveal' || action === 'open' || action === 'copyPath') {
      request({ type: 'fileAction', id: crypto.randomUUID(), action, uri: fileButton.dataset.uri });
    }
    return;
  }
  const jobButton = target.closest<HTMLElement>('[data-job-action]');
  const jobId = target.closest<HTMLElement>('[data-job]')?.dataset.job;
  const job = state.jobs.find((j) => j.jobId === jobId);
  if (!jobButton || !job) return;
  switch (jobButton.dataset.jobAction) {
    case 'cancel':
      request({ type: 'cancel', id: crypto.randomUUID(), jobId: job.jobId });
      break;
    case 'regenerate': {
      const params = { ...job.params };
      const seedName = isModelSlug(job.model) ? seedParameter(MODELS[job.model])?.name : undefined;
      if (seedName) delete params[seedName];
      if (isModelSlug(job.model) && job.model !== state.model) {
        state.model = job.model;
        renderFields();
      }
      startGeneration(params, job.label ? `${job.label.replace(/ · seed \d+$/, '')}` : undefined);
      break;
    }
    case 'dismiss':
      state.jobs = state.jobs.filter((j) => j !== job);
      renderJobs();
      save();
      generateButton.focus();
      break;
  }
});

function applyJob(message: JobMessage): void {
  let job = state.jobs.find((j) => j.jobId === message.jobId);
  if (!job) {
    const modelName = isModelSlug(message.model) ? MODELS[message.model].name : message.model;
    job = { jobId: message.jobId, state: message.state, model: message.model, modelName, params: message.params, startedAt: Date.now() - (message.elapsedMs ?? 0) };
    state.jobs.unshift(job);
  }
  const previous = job.state === message.state && job.files === undefined && message.files !== undefined ? undefined : job.state;
  job.state = message.state;
  job.params = message.params;
  if (message.seed !== undefined) noteSeed(job, message.seed);
  if (message.label !== undefined) job.label = message.label;
  if (message.requestId !== undefined) job.requestId = message.requestId;
  if (message.files !== undefined) job.files = message.files;
  if (message.error !== undefined) job.error = message.error;
  else if (message.state === 'done') delete job.error;
  if (isActive(job)) {
    // Shown again after being hidden: the job was still running in the extension host.
    delete job.endedAfterMs;
    if (message.error === undefined) delete job.error;
  }
  if (!isActive(job)) job.endedAfterMs = job.endedAfterMs ?? message.elapsedMs ?? Date.now() - job.startedAt;
  announce(job, previous);
  renderJobs();
  updateDerived();
  // A finished job may have taught the extension what such runs cost.
  if (message.state === 'done' && previous !== 'done') requestEstimate(true);
  save();
}

function noteSeed(job: JobView, seed: number): void {
  job.seed = seed;
  state.lastSeed = seed;
}

/** What each request's reply does, by request type. */
const onReply: { readonly [K in RequestType]: (reply: RequestReplies[K]) => void } = {
  generate: (reply) => {
    const job = state.jobs.find((j) => j.jobId === reply.id);
    if (job) noteSeed(job, reply.seed);
    save();
  },
  fileAction: () => undefined,
  cancel: () => undefined,
  estimate: (reply) => {
    if (reply.id !== cost.latestId) return; // the form changed since
    cost.text = reply.text;
    cost.warning = reply.warning;
    updateDerived();
  },
  ...presetBar.onReply,
  dropImage: (reply) => applyPrefill(reply),
};

/** A failed generate fails its card; any other failed request is shown as an error notice (the form is left as it was). */
function showFailure(error: ErrorReply): void {
  const job = error.request === 'generate' ? state.jobs.find((j) => j.jobId === error.id) : undefined;
  if (job) applyJob({ type: 'job', jobId: job.jobId, state: 'failed', model: job.model, params: job.params, error: error.message });
  else showNotice(error.message, true);
}

/** Loads `params` over the model's defaults; the seed is kept only when `keepSeed`. */
function loadSettings(slug: ModelSlug, params: Params, keepSeed: boolean): void {
  state.model = slug;
  const next = { ...defaultsFor(slug) };
  for (const p of MODELS[slug].parameters) {
    const v = params[p.name];
    if (v !== undefined) next[p.name] = v;
  }
  const seedName = seedParameter(MODELS[slug])?.name;
  state.randomSeed = !keepSeed || seedName === undefined || next[seedName] === undefined;
  state.values[slug] = next;
  touched.clear();
  renderFields();
}

function applyPrefill(message: Omit<PrefillMessage, 'type'>): void {
  if (!isModelSlug(message.model)) return;
  loadSettings(message.model, message.params, message.keepSeed);
  showNotice(message.notice);
  save();
}

/** A preset's model and values (a seed in it is kept), or the default settings; the prompt stays. */
function applyPreset(preset: { model: string; params: Params; name: string } | undefined): void {
  const slug = preset && isModelSlug(preset.model) ? preset.model : isModelSlug(init.model) ? init.model : DEFAULT_MODEL;
  const prompt = values().prompt;
  loadSettings(slug, { ...preset?.params, ...(typeof prompt === 'string' ? { prompt } : {}) }, true);
  showNotice(preset ? `Preset "${preset.name}" loaded.` : 'Default settings loaded.');
  save();
}

onExtensionMessage(parseExtensionMessage, (message) => {
  switch (message.type) {
    case 'job':
      applyJob(message);
      break;
    case 'prefill':
      applyPrefill(message);
      break;
    case 'error':
      if (answers(message)) showFailure(message);
      break;
    case 'presets':
      presetBar.update(message.presets);
      break;
    case 'setPrompt':
      values().prompt = message.prompt;
      renderFields();
      save();
      fields.querySelector<HTMLElement>('#f-prompt')?.focus();
      break;
    case 'reply':
      if (answers(message)) (onReply[message.request] as (reply: typeof message) => void)(message);
      break;
  }
});

installDropTarget(document.body, {
  send: (source) => request({ type: 'dropImage', id: crypto.randomUUID(), source }),
  refuse: (message) => showNotice(message, true),
});

// The elapsed counters tick locally; only their text changes, so focus and screen readers are undisturbed.
setInterval(() => {
  const now = Date.now();
  for (const job of state.jobs) {
    if (!isActive(job)) continue;
    const el = jobsList.querySelector<HTMLElement>(`[data-job="${CSS.escape(job.jobId)}"] .elapsed`);
    if (el) el.textContent = elapsedText(jobElapsed(job, now));
  }
}, 1000);

renderFields();
renderJobs();
save();
post({ type: 'ready' });
if (restored?.waiting.length) post({ type: 'track', jobs: restored.waiting });
