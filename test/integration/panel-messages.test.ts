// The generator panel's message boundary, in the real extension host: the webview is untrusted, so a
// forged or malformed message is ignored and logged, invalid parameters get an error reply and never
// reach the job runner, file actions are limited to files the panel produced, and a valid request
// runs with a concrete seed and reports its progress. The webview side of the channel is replaced by
// an in-memory one (a test cannot type into a webview from the extension host); everything else is real.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GeneratorPanel } from '../../src/panel/generatorPanel';
import { EditorTracker } from '../../src/panel/editorTracker';
import { History } from '../../src/history/history';
import { MemoryStore } from './memoryStore';
import type { EditorServices, PanelGenerateRequest } from '../../src/panel/editorServices';
import { buildSnapshot } from '../../src/settings/snapshot';
import { SettingsService } from '../../src/settings/service';
import { PresetLibrary } from '../../src/presets/presetLibrary';
import { WorkspacePresets } from '../../src/presets/workspacePresets';
import type { ExtensionMessage } from '../../src/shared/protocol';
import { embedMetadata } from '../../src/segmind/metadata';

/** A 1×1 PNG; the extension's own embedder adds the metadata where a test wants it. */
const PLAIN_PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64'));

/** A real webview panel whose message channel the test holds: what the webview would send and receive. */
function channelPanel(): { panel: vscode.WebviewPanel; send(message: unknown): void; received: ExtensionMessage[]; presets: ExtensionMessage[]; html(): string } {
  const real = vscode.window.createWebviewPanel('segmind.generator.test', 'test', vscode.ViewColumn.Active, { enableScripts: true });
  const incoming = new vscode.EventEmitter<unknown>();
  /** Every message but the list of presets, which has its own. */
  const received: ExtensionMessage[] = [];
  const presets: ExtensionMessage[] = [];
  const webview = new Proxy(real.webview, {
    get(target, prop) {
      if (prop === 'onDidReceiveMessage') return incoming.event;
      if (prop === 'postMessage') return async (m: ExtensionMessage) => ((m.type === 'presets' ? presets : received).push(m), true);
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    set(target, prop, value) {
      return Reflect.set(target, prop, value);
    },
  });
  const panel = new Proxy(real, {
    get(target, prop) {
      if (prop === 'webview') return webview;
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    set(target, prop, value) {
      return Reflect.set(target, prop, value);
    },
  });
  return { panel, send: (m) => incoming.fire(m), received, presets, html: () => real.webview.html };
}

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('generator panel message boundary', () => {
  let warnings: string[];
  let requests: PanelGenerateRequest[];
  let inserted: vscode.Uri[];
  let editors: EditorTracker;
  let deps: EditorServices;
  let generator: GeneratorPanel | undefined;
  let presets: PresetLibrary;
  let presetServices: vscode.Disposable[];
  const saved = vscode.Uri.file('/tmp/segmind-panel-test/cat-1.png');
  /** The seed the job runner's request builder chose; the panel never picks one itself. */
  const RUNNER_SEED = 4242;

  beforeEach(() => {
    warnings = [];
    requests = [];
    inserted = [];
    editors = new EditorTracker();
    const settings = new SettingsService();
    const workspacePresets = new WorkspacePresets();
    presets = new PresetLibrary(settings, workspacePresets, { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined });
    presetServices = [presets, workspacePresets, settings];
    deps = {
      history: new History(new MemoryStore()),
      logger: { debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
      settings: { snapshot: () => buildSnapshot({}) },
      async generate(request, progress) {
        requests.push(request);
        progress.started(RUNNER_SEED);
        progress.event({ type: 'submitted', requestId: 'req-1' });
        progress.event({ type: 'status', status: 'PROCESSING', elapsedMs: 10 });
        return { uris: [saved], requestId: 'req-1' };
      },
      estimate: (model) => ({ text: `≈ 0.5 credits for ${model}` }),
      async insert(files) {
        inserted.push(...files);
      },
    };
  });

  afterEach(() => {
    generator?.dispose();
    editors.dispose();
    for (const d of presetServices) d.dispose();
  });

  function open() {
    const channel = channelPanel();
    generator = new GeneratorPanel(channel.panel, { deps, extensionUri: vscode.Uri.file('/ext'), editors, presets });
    return channel;
  }

  it('serves a page with a strict CSP and a nonce, and waits for ready before posting', async () => {
    const channel = open();
    const html = channel.html().replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    assert.match(html, /default-src 'none'/);
    assert.match(html, /script-src 'nonce-[0-9a-f-]{36}'/);
    assert.ok(!html.includes('unsafe-inline'));
    generator?.setPrompt('hello');
    assert.equal(channel.received.length, 0, 'nothing is posted before the webview is ready');
    channel.send({ type: 'ready' });
    await until(() => channel.received.length === 1, 'the queued message');
    assert.deepEqual(channel.received[0], { type: 'setPrompt', prompt: 'hello' });
  });

  it('ignores and logs forged or malformed messages, and acts on none of them', async () => {
    const channel = open();
    channel.send({ type: 'ready' });
    for (const forged of [null, 'generate', { type: 'runCommand', command: 'workbench.action.terminal.new' }, { type: 'generate', model: 'x' }, { type: 'fileAction', id: 'a', action: 'delete', uri: 'file:///etc/passwd' }]) {
      channel.send(forged);
    }
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(warnings.filter((w) => w.includes('ignored a malformed message')).length, 5, warnings.join('\n'));
    assert.equal(requests.length, 0);
    assert.equal(channel.received.length, 0, 'no reply to a message that is not ours');
  });

  it('answers invalid parameters with the core\'s message and never calls the job runner', async () => {
    const channel = open();
    channel.send({ type: 'ready' });
    channel.send({ type: 'generate', id: 'j1', model: 'stable-diffusion-3.5-large-txt2img', params: { prompt: 'a cat', steps: 500 } });
    channel.send({ type: 'generate', id: 'j2', model: 'dall-e-3', params: { prompt: 'a cat' } });
    channel.send({ type: 'generate', id: 'j3', model: 'stable-diffusion-3.5-large-txt2img', params: { prompt: 'a cat', api_key: 'x' } });
    await until(() => channel.received.length === 3, 'three error replies');
    assert.deepEqual(channel.received.map((m) => (m.type === 'error' ? `${m.request} ${m.id}` : m.type)), ['generate j1', 'generate j2', 'generate j3']);
    const messages = channel.received.map((m) => (m.type === 'error' ? m.message : ''));
    assert.match(messages[0] ?? '', /steps must be an integer from 10 to 70 \(got 500\)/);
    assert.match(messages[1] ?? '', /Unknown model "dall-e-3"/);
    assert.match(messages[2] ?? '', /Unknown parameter "api_key"/);
    assert.equal(requests.length, 0);
  });

  it('answers an estimate request with the cost text, and refuses one for an unknown model', async () => {
    const channel = open();
    channel.send({ type: 'ready' });
    channel.send({ type: 'estimate', id: 'e1', model: 'stable-diffusion-3-medium-txt2img', params: { prompt: 'a cat', samples: 2 } });
    channel.send({ type: 'estimate', id: 'e2', model: 'dall-e-3', params: {} });
    await until(() => channel.received.length === 2, 'two replies');
    assert.deepEqual(channel.received[0], { type: 'reply', request: 'estimate', id: 'e1', text: '≈ 0.5 credits for stable-diffusion-3-medium-txt2img' });
    assert.equal(channel.received[1]?.type === 'error' ? `${channel.received[1].request} ${channel.received[1].id}` : '', 'estimate e2');
    assert.equal(requests.length, 0, 'an estimate runs nothing');
  });

  it('runs a valid request with a concrete seed, reports progress and the saved file, and limits file actions to it', async () => {
    const channel = open();
    channel.send({ type: 'ready' });
    channel.send({ type: 'generate', id: 'job-1', model: 'stable-diffusion-3-medium-txt2img', params: { prompt: 'an owl', num_inference_steps: 20 } });
    await until(() => channel.received.some((m) => m.type === 'job' && m.state === 'done'), 'the job to finish');
    assert.equal(requests.length, 1);
    const request = requests[0];
    assert.equal(request?.prompt, 'an owl');
    assert.equal(request?.params.num_inference_steps, 20);
    assert.equal('prompt' in (request?.params ?? {}), false);
    assert.equal('seed' in (request?.params ?? {}), false, 'a random seed is left to the request builder');
    const states = channel.received.flatMap((m) => (m.type === 'job' ? [m.state] : []));
    assert.deepEqual(states, ['starting', 'starting', 'queued', 'processing', 'done']);
    const done = channel.received.at(-1);
    assert.ok(done?.type === 'job');
    assert.equal(done.seed, RUNNER_SEED);
    assert.equal(done.params.seed, RUNNER_SEED, 'the card\'s parameters reproduce the image');
    assert.deepEqual(channel.received.find((m) => m.type === 'reply'), { type: 'reply', request: 'generate', id: 'job-1', seed: RUNNER_SEED }, 'the request\'s reply: accepted, with its seed');
    assert.equal(done.requestId, 'req-1');
    assert.equal(done.files?.[0]?.uri, saved.toString());

    // The same id again is not a second job.
    channel.send({ type: 'generate', id: 'job-1', model: 'stable-diffusion-3-medium-txt2img', params: { prompt: 'an owl' } });
    // A file the panel did not produce is refused.
    channel.received.length = 0;
    channel.send({ type: 'fileAction', id: 'f1', action: 'open', uri: vscode.Uri.file('/etc/passwd').toString() });
    await until(() => channel.received.length === 1, 'the refusal');
    assert.deepEqual(channel.received[0], { type: 'error', request: 'fileAction', id: 'f1', message: 'That file is not one of the generated images.' });
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (folder) {
      const escape = vscode.Uri.joinPath(folder, 'assets', 'generated').toString() + '/../../../../etc/x.png';
      channel.send({ type: 'fileAction', id: 'f1b', action: 'open', uri: escape });
      await until(() => channel.received.length === 2, 'the second refusal');
      assert.equal(channel.received[1]?.type, 'error', 'a path that climbs out of the output folder is refused');
    }
    assert.equal(requests.length, 1);

    // Its own file can be inserted (into the last text editor).
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Notes\n' });
    // Beside: the panel stays visible (a hidden webview gets no messages until it says ready again).
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
    channel.received.length = 0;
    channel.send({ type: 'fileAction', id: 'f2', action: 'insert', uri: saved.toString() });
    await until(() => channel.received.length === 1, 'the reply');
    assert.deepEqual(channel.received[0], { type: 'reply', request: 'fileAction', id: 'f2' });
    assert.deepEqual(inserted.map((u) => u.toString()), [saved.toString()]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('after a reload, jobs the restored webview still waits for are answered from the history', async () => {
    const channel = open();
    channel.send({ type: 'ready' });
    const entry = {
      createdAt: Date.now(), uri: saved.toString(), path: 'cat-1.png', model: 'stable-diffusion-3.5-large-txt2img',
      prompt: 'a cat', params: { steps: 30, seed: 5 }, seed: 5,
    };
    await deps.history.add({ ...entry, id: 'req-9#0', requestId: 'req-9' });
    channel.send({ type: 'track', jobs: [
      { jobId: 'finished', model: entry.model, prompt: 'a cat', seed: 5, requestId: 'req-9' },
      { jobId: 'later', model: entry.model, prompt: 'a dog', seed: 6 },
    ] });
    await until(() => channel.received.length === 1, 'the finished job');
    const done = channel.received[0];
    assert.ok(done?.type === 'job' && done.jobId === 'finished' && done.state === 'done');
    assert.equal(done.files?.[0]?.uri, saved.toString());
    // The other one finishes later (the job runner resumed it): it is answered when its entry lands.
    await deps.history.add({ ...entry, id: 'req-10#0', requestId: 'req-10', prompt: 'a dog', seed: 6, params: { seed: 6 } });
    await until(() => channel.received.length === 2, 'the later job');
    const later = channel.received[1];
    assert.ok(later?.type === 'job' && later.jobId === 'later' && later.state === 'done' && later.seed === 6);
  });

  it('offers the presets, and refuses a forged preset before asking the user anything', async () => {
    await vscode.workspace.getConfiguration('segmind').update('presets', [{ name: 'Ink', model: 'stable-diffusion-3-medium-txt2img', params: { num_inference_steps: 20 }, suffix: ', ink drawing' }], vscode.ConfigurationTarget.Global);
    try {
      const channel = open();
      channel.send({ type: 'ready' });
      await until(() => channel.presets.some((m) => m.type === 'presets' && m.presets.some((p) => p.name === 'Ink' && p.source === 'user')), 'the presets');
      channel.send({ type: 'savePreset', id: 's1', model: 'stable-diffusion-3.5-large-txt2img', params: { steps: 500 } });
      channel.send({ type: 'deletePreset', id: 's2', name: 'No such preset' });
      await until(() => channel.received.length === 2, 'two error replies');
      assert.deepEqual(channel.received.map((m) => (m.type === 'error' ? `${m.request} ${m.id}: ${m.message}` : m.type)), [
        'savePreset s1: steps must be an integer from 10 to 70 (got 500)',
        'deletePreset s2: There is no preset "No such preset".',
      ]);
    } finally {
      await vscode.workspace.getConfiguration('segmind').update('presets', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('answers a dropped image with its settings, and refuses one without them or from outside the workspace, reading nothing there', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the integration workspace has a folder');
    const image = vscode.Uri.joinPath(folder, 'dropped', 'heron.png');
    const params = { prompt: 'a heron at dawn', negative_prompt: 'blur', num_inference_steps: 20, guidance_scale: 4.5, seed: 777, img_width: 512, img_height: 512 };
    const notes = vscode.Uri.joinPath(folder, 'dropped', 'notes.md');
    await vscode.workspace.fs.writeFile(notes, new TextEncoder().encode('# Notes\n'));
    await vscode.workspace.fs.writeFile(image, embedMetadata(PLAIN_PNG, 'png', { model: 'stable-diffusion-3-medium-txt2img', params, seed: 777 }));
    try {
      const channel = open();
      channel.send({ type: 'ready' });
      channel.send({ type: 'dropImage', id: 'd1', source: { uri: image.toString() } });
      channel.send({ type: 'dropImage', id: 'd2', source: { name: 'photo.png', bytes: PLAIN_PNG } });
      channel.send({ type: 'dropImage', id: 'd3', source: { uri: 'file:///etc/passwd.png' } });
      channel.send({ type: 'dropImage', id: 'd4', source: { uri: notes.toString() } });
      await until(() => channel.received.length === 4, 'four replies');
      const byId = new Map(channel.received.map((m) => [m.type === 'reply' || m.type === 'error' ? m.id : '', m]));
      assert.deepEqual(byId.get('d1'), {
        type: 'reply', request: 'dropImage', id: 'd1', model: 'stable-diffusion-3-medium-txt2img', params, keepSeed: true,
        notice: 'Reproducing dropped/heron.png: Stable Diffusion 3 Medium, same parameters, seed 777.',
      });
      const error = (id: string): string => {
        const m = byId.get(id);
        return m?.type === 'error' ? `${m.request}: ${m.message}` : JSON.stringify(m);
      };
      assert.match(error('d2'), /^dropImage: photo\.png has no Segmind settings/);
      assert.match(error('d3'), /^dropImage: Only images from this workspace or the Segmind gallery can be dropped here/);
      assert.match(error('d4'), /^dropImage: Only PNG, JPEG and WebP images can be dropped here: notes\.md is not one/);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, 'dropped'), { recursive: true });
    }
  });

  it('a failed job shows the job runner\'s message', async () => {
    deps = { ...deps, generate: async () => { throw new Error('Segmind has no credits left on this key. Add credits, then try again.'); } };
    const channel = open();
    channel.send({ type: 'ready' });
    channel.send({ type: 'generate', id: 'job-f', model: 'stable-diffusion-3.5-large-txt2img', params: { prompt: 'x' } });
    await until(() => channel.received.some((m) => m.type === 'job' && m.state === 'failed'), 'the failure');
    const failed = channel.received.find((m) => m.type === 'job' && m.state === 'failed');
    assert.ok(failed?.type === 'job');
    assert.equal(failed.error, 'Segmind has no credits left on this key. Add credits, then try again.');
  });
});
