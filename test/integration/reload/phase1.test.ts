// Reload, phase 1: starts an async job that the emulator holds in the queue (a long-queue fault)
// and a sync request whose answer never comes, then ends: the launcher reloads the window while
// both are running.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SD3M, emulator, extensionApi, generate, openDocument, setSetting, waitFor } from '../editor/helpers';
import { ADDED_LINE, ASYNC_FOLDER, DOCUMENT, DOCUMENT_TEXT, HOLD_MS, PROMPT, SEED, SYNC_FOLDER } from './shared';

describe('reload phase 1: jobs running when the window reloads', function () {
  this.timeout(60_000);

  it('an async job is submitted and its request id persisted before polling', async () => {
    assert.equal(process.env.SEGMIND_TEST_PHASE, '1');
    await emulator.reset();
    const editor = await openDocument(DOCUMENT, DOCUMENT_TEXT, PROMPT);
    await emulator.fault({ on: 'submit', kind: 'long-queue', ms: HOLD_MS });
    generate({ model: SD3M, params: { seed: SEED, img_width: 512, img_height: 512 }, folder: ASYNC_FOLDER, insert: true }).catch(() => undefined);
    const job = await waitFor('the submit', async () => (await emulator.jobs())[0]);
    const api = await extensionApi();
    await waitFor('the persisted request id', () => api.jobs().some((j) => j.requestId === job.requestId && j.state === 'submitted'));
    // The user keeps writing (and saves): the insertion point moves, and the moved point is persisted.
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), ADDED_LINE));
    await editor.document.save();
    await new Promise((r) => setTimeout(r, 800));
  });

  it('a sync request is in flight', async () => {
    await setSetting('requestMode', 'sync');
    await emulator.fault({ on: 'sync', kind: 'delay-headers', ms: 120_000 });
    generate({ prompt: 'sync when reloading', model: SD3M, params: { seed: 1, img_width: 512, img_height: 512 }, folder: SYNC_FOLDER, insert: false }).catch(() => undefined);
    const api = await extensionApi();
    await waitFor('the sync job record', () => api.jobs().some((j) => j.mode === 'sync' && j.state === 'submitting'));
    await waitFor('the sync request to arrive', async () => (await emulator.apiCalls()).some((c) => c.startsWith('POST /v1/')));
    await setSetting('requestMode', undefined);
    // Give the workbench time to write workspace state before the page goes away.
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
  });
});
