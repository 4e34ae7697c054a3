// Reload, phase 2: the async job was resumed on activation and, once the emulator lets it finish,
// saved and inserted exactly once; the sync request is reported as interrupted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, extensionApi, inWorkspace, listFolder, waitFor } from '../editor/helpers';
import { ADDED_LINE, ASYNC_FOLDER, DOCUMENT, HOLD_MS, REFERENCE, SEED, SYNC_FOLDER } from './shared';

describe('reload phase 2: after the reload', function () {
  this.timeout(60_000);

  it('the sync request is reported as interrupted, nothing saved for it', async () => {
    assert.equal(process.env.SEGMIND_TEST_PHASE, '2');
    const api = await extensionApi();
    await waitFor('the sync job marked interrupted', () => api.jobs().some((j) => j.mode === 'sync' && j.state === 'interrupted'));
    assert.deepEqual(await listFolder(SYNC_FOLDER), []);
  });

  it('the async job resumes, then is saved and inserted exactly once', async () => {
    const api = await extensionApi();
    const job = api.jobs().find((j) => j.mode === 'async' && j.requestId);
    assert.ok(job, `the async job survived the reload (jobs: ${JSON.stringify(api.jobs())})`);
    await emulator.clearFaults();
    await emulator.advanceClock(HOLD_MS);
    await waitFor('the resumed job to finish', () => api.jobs().some((j) => j.id === job.id && j.state === 'inserted'), 30_000);
    assert.deepEqual(await listFolder(ASYNC_FOLDER), [`a-harbor-at-night-${SEED}.jpg`]);
    const document = await vscode.workspace.openTextDocument(inWorkspace(DOCUMENT));
    const doc = document.getText();
    assert.equal(doc.split(REFERENCE).length - 1, 1, `one reference in:\n${doc}`);
    assert.equal(doc, `${ADDED_LINE}before\na harbor at night\n${REFERENCE}\nafter\n`, 'inserted after the selection as moved by the edit before the reload');
    await document.save(); // as the user would: phase 3 reads it back after another reload
    assert.equal((await emulator.info()).acceptedSubmits, 2, 'one async + one sync submit, nothing re-sent');
    assert.equal((await emulator.apiCalls()).filter((c) => c.startsWith('POST /v2/')).length, 1);
  });
});
