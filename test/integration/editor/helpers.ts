// Shared by the editor's integration tests: the emulator's control API (the emulator runs in the
// launcher's process), documents in the test workspace, and the generate command's contract.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'segmind-studio.segmind-image-studio';
export const SD35 = 'stable-diffusion-3.5-large-txt2img';
export const SD3M = 'stable-diffusion-3-medium-txt2img';

export interface GenerateResult { files: string[]; requestId?: string }
export interface RecordedRequest { origin: 'api' | 'output'; method: string; path: string; json?: unknown; body: string }
export interface EmulatorJob { requestId: string; model: string; params: Record<string, unknown>; status: string; outputs: string[]; resultRequests: number }

export function emulatorUrl(): string {
  const url = process.env.SEGMIND_TEST_EMULATOR_URL;
  assert.ok(url, 'SEGMIND_TEST_EMULATOR_URL is not set (the launcher provides it)');
  return url;
}

async function control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulatorUrl()}/__emulator/${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await res.text();
  assert.ok(res.ok, `emulator control ${method} ${path} → ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

export const emulator = {
  reset: () => control('POST', 'reset'),
  fault: (fault: Record<string, unknown>) => control('POST', 'fault', fault),
  clearFaults: () => control('POST', 'clear-faults'),
  advanceClock: (advanceMs: number) => control('POST', 'clock', { advanceMs }),
  /** The account's balance; reset() restores 1000. */
  setCredits: (remaining: number) => control('POST', 'credits', { remaining }),
  requests: () => control<RecordedRequest[]>('GET', 'requests'),
  jobs: () => control<EmulatorJob[]>('GET', 'jobs'),
  info: () => control<{ url: string; outputUrl: string; acceptedSubmits: number }>('GET', 'info'),
  /** API requests (not image downloads) as "METHOD /path". */
  apiCalls: async () => (await control<RecordedRequest[]>('GET', 'requests')).filter((r) => r.origin === 'api').map((r) => `${r.method} ${r.path}`),
};

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is not open');
  return folder.uri;
}

export function inWorkspace(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

export async function exists(relative: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(inWorkspace(relative));
    return true;
  } catch {
    return false;
  }
}

export async function listFolder(relative: string): Promise<string[]> {
  try {
    return (await vscode.workspace.fs.readDirectory(inWorkspace(relative))).map(([name]) => name).sort();
  } catch {
    return [];
  }
}

export async function readBytes(relative: string): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(inWorkspace(relative));
}

/** Creates `relative` with `text`, opens it in an editor and selects `select` (its first occurrence). */
export async function openDocument(relative: string, text: string, select?: string, languageId?: string): Promise<vscode.TextEditor> {
  await vscode.workspace.fs.writeFile(inWorkspace(relative), new TextEncoder().encode(text));
  let document = await vscode.workspace.openTextDocument(inWorkspace(relative));
  if (languageId && document.languageId !== languageId) document = await vscode.languages.setTextDocumentLanguage(document, languageId);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  if (select !== undefined) {
    const start = text.indexOf(select);
    assert.ok(start >= 0, `"${select}" is not in ${relative}`);
    editor.selection = new vscode.Selection(document.positionAt(start), document.positionAt(start + select.length));
  }
  return editor;
}

export async function closeEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function generate(options: Record<string, unknown>): Promise<GenerateResult> {
  return vscode.commands.executeCommand<GenerateResult>('segmind.generateFromSelection', options) as Promise<GenerateResult>;
}

/** Expects the command to reject with exactly `message`; returns the error. */
export async function expectRejection(options: Record<string, unknown>, message: string | RegExp): Promise<Error> {
  try {
    await generate(options);
  } catch (e) {
    assert.ok(e instanceof Error, `rejected with a non-Error: ${String(e)}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return e;
  }
  assert.fail('the command resolved but should have rejected');
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('segmind').update(key, value, vscode.ConfigurationTarget.Global);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface ExtensionApi {
  jobs: () => readonly { id: string; state: string; requestId?: string; mode: string; files: readonly (string | null)[]; credits?: number }[];
  credits: {
    balance(): { credits: number; at: number } | undefined;
    estimate(model: string, params: Record<string, unknown>): { credits: number; basis: 'learned' | 'scaled' } | undefined;
    flushed(): Promise<void>;
  };
}

export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  return (await ext.activate()) as ExtensionApi;
}

/** The image type from the file's magic bytes. */
export function imageType(bytes: Uint8Array): 'png' | 'jpeg' | 'webp' | 'unknown' {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  if (String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'webp';
  return 'unknown';
}

const HOLD_MS = 10 * 60_000;
let holding = false;

/**
 * Starts a job with `start` that stays QUEUED (a long-queue fault, however slow this machine is);
 * resolves once its request id is persisted. emulatorPerTest() lets it go.
 */
export async function startHeldJob<T>(start: () => Thenable<T>): Promise<{ pending: Promise<T>; requestId: string }> {
  await emulator.fault({ on: 'submit', kind: 'long-queue', ms: HOLD_MS });
  holding = true;
  const pending = Promise.resolve(start());
  pending.catch(() => undefined);
  const job = await waitFor('the submit', async () => (await emulator.jobs())[0]);
  const api = await extensionApi();
  await waitFor('the request id to be persisted', () => api.jobs().some((j) => j.requestId === job.requestId && j.state === 'submitted'));
  return { pending, requestId: job.requestId };
}

/** The hooks of a suite of emulator tests: a fresh emulator and no editors before each; after each, faults cleared and held jobs let go. */
export function emulatorPerTest(): void {
  beforeEach(async () => {
    await emulator.reset();
    await closeEditors();
  });
  afterEach(async () => {
    await emulator.clearFaults();
    if (holding) await emulator.advanceClock(HOLD_MS);
    holding = false;
  });
}
