// A hostile (cloned) workspace in the real VS Code: its .vscode/settings.json tries to redirect the
// API key to its own server and to write outside the workspace; and an output folder the OS refuses
// to write keeps the paid-for image and offers "Save As…".
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as vscode from 'vscode';
import { SD3M, closeEditors, emulator, emulatorUrl, expectRejection, generate, inWorkspace, listFolder, waitFor, workspaceRoot } from '../editor/helpers';

const base = { model: SD3M, params: { img_width: 512, img_height: 512, seed: 8 }, insert: false };

interface Recorder { url: string; requests: { method?: string; url?: string; headers: http.IncomingHttpHeaders }[]; close(): Promise<void> }

/** A loopback server standing for the attacker's host: records everything, answers 200 {}. */
async function startRecorder(): Promise<Recorder> {
  const requests: Recorder['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method, url: req.url, headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const settingsFile = (): string => path.join(workspaceRoot().fsPath, '.vscode', 'settings.json');

/** Writes the workspace's .vscode/settings.json and waits until VS Code has read it. */
async function writeWorkspaceSettings(values: Record<string, unknown>): Promise<void> {
  fs.mkdirSync(path.dirname(settingsFile()), { recursive: true });
  fs.writeFileSync(settingsFile(), JSON.stringify(values, null, 2));
  const marker = values['segmind.confirmImageCount'];
  await waitFor('the workspace settings to be read', () => vscode.workspace.getConfiguration('segmind').inspect('confirmImageCount')?.workspaceValue === marker || undefined);
}

async function removeWorkspaceSettings(): Promise<void> {
  fs.rmSync(settingsFile(), { force: true });
  await waitFor('the workspace settings to be dropped', () => vscode.workspace.getConfiguration('segmind').inspect('confirmImageCount')?.workspaceValue === undefined || undefined);
}

describe('hardening: a hostile workspace', function () {
  this.timeout(90_000);
  let attacker: Recorder;

  before(async () => { attacker = await startRecorder(); });
  after(async () => {
    await removeWorkspaceSettings();
    await attacker.close();
  });
  beforeEach(async () => {
    await emulator.reset();
    await closeEditors();
  });

  it('a workspace settings.json that sets segmind.apiBaseUrl is ignored: the key never reaches that host', async () => {
    await writeWorkspaceSettings({ 'segmind.apiBaseUrl': attacker.url, 'segmind.confirmImageCount': 7 });
    const inspected = vscode.workspace.getConfiguration('segmind').inspect<string>('apiBaseUrl');
    assert.equal(vscode.workspace.getConfiguration('segmind').get('apiBaseUrl'), inspected?.globalValue ?? inspected?.defaultValue, 'VS Code itself ignores an application-scoped value from a workspace');
    const result = await generate({ ...base, prompt: 'workspace redirect attempt', folder: 'hardening/redirect' });
    assert.equal(result.files.length, 1);
    assert.deepEqual(attacker.requests, [], 'the workspace\'s host received nothing');
    const posts = (await emulator.requests()).filter((r) => r.method === 'POST');
    assert.equal(posts.length, 1, 'the job went to the configured API (the emulator)');
    assert.ok(emulatorUrl());
  });

  it('the same with an https URL and a plain http non-loopback one: still the user\'s API, nothing refused', async () => {
    for (const url of ['https://evil.example', 'http://evil.example']) {
      await writeWorkspaceSettings({ 'segmind.apiBaseUrl': url, 'segmind.confirmImageCount': url.length });
      const result = await generate({ ...base, prompt: `workspace url ${url.length}`, folder: 'hardening/redirect2' });
      assert.equal(result.files.length, 1, url);
    }
    assert.equal((await emulator.requests()).filter((r) => r.method === 'POST').length, 2);
  });

  it('a workspace output folder that climbs out ("../") is refused before any request', async () => {
    await writeWorkspaceSettings({ 'segmind.outputFolder': '../escaped', 'segmind.confirmImageCount': 9 });
    await expectRejection({ ...base, prompt: 'climb out' }, /^The output folder "\.\.\/escaped" goes up out of the workspace \(".."\)\. Use a folder inside the workspace, such as "assets\/generated"\.$/);
    assert.equal(fs.existsSync(path.join(path.dirname(workspaceRoot().fsPath), 'escaped')), false);
    assert.deepEqual(await emulator.apiCalls(), []);
  });

  it('a workspace file-name template with "../" and a reserved name stays a plain file in the folder', async () => {
    await writeWorkspaceSettings({ 'segmind.fileNameTemplate': '../../CON', 'segmind.confirmImageCount': 10 });
    const result = await generate({ ...base, prompt: 'template climb', folder: 'hardening/template' });
    assert.equal(result.files.length, 1);
    const file = result.files[0] ?? '';
    assert.ok(file.startsWith('hardening/template/'), file);
    assert.ok(!file.slice('hardening/template/'.length).includes('/'), file);
    assert.ok(!/^con\./i.test(path.basename(file)), `not the reserved name: ${file}`);
  });
});

/** Makes `dir` unwritable even for root (chattr +i), else by mode; undefined when impossible here. */
function makeReadOnly(dir: string): (() => void) | undefined {
  const probe = (): boolean => {
    try {
      fs.writeFileSync(path.join(dir, '.probe'), 'x');
      fs.rmSync(path.join(dir, '.probe'));
      return false;
    } catch {
      return true;
    }
  };
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    if (probe()) return () => execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
  } catch {
    // no chattr (or not permitted): try the mode bits
  }
  fs.chmodSync(dir, 0o555);
  if (probe()) return () => fs.chmodSync(dir, 0o755);
  fs.chmodSync(dir, 0o755);
  return undefined;
}

describe('hardening: a read-only output folder', function () {
  this.timeout(60_000);

  it('keeps the paid-for image in global storage, says where, offers "Save As…", leaves no partial file', async function () {
    await emulator.reset();
    const dir = inWorkspace('hardening/readonly').fsPath;
    fs.mkdirSync(dir, { recursive: true });
    const restore = makeReadOnly(dir);
    if (!restore) this.skip();
    let message = '';
    try {
      const error = await expectRejection({ ...base, prompt: 'read only folder', folder: 'hardening/readonly' },
        /^The image was generated but could not be saved in "hardening\/readonly" \((the folder is read-only|permission denied)\)\. Kept in (\/.+\.jpg): use "Save As…" to save it elsewhere\.$/);
      message = error.message;
    } finally {
      restore?.();
    }
    const kept = /Kept in (\/.+\.jpg): /.exec(message)?.[1];
    assert.ok(kept && fs.existsSync(kept), `kept file ${kept ?? '?'} exists`);
    assert.equal(fs.readFileSync(kept)[0], 0xff, 'the kept file is the JPEG');
    assert.deepEqual(await listFolder('hardening/readonly'), [], 'no partial or temporary file left in the folder');
    assert.equal((await emulator.requests()).filter((r) => r.method === 'POST').length, 1, 'submitted once, not again to retry the save');
  });
});
