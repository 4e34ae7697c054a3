// Reload, phase 3: another reload does not save or insert the finished job again. Then a prompt
// queue is started whose first job the emulator holds (concurrency 1): phase 4 checks it after a reload.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SD3M, emulator, extensionApi, listFolder, setSetting, waitFor } from '../editor/helpers';
import { generateFromLines, queueItems } from '../editor/queueHelpers';
import { ASYNC_FOLDER, DOCUMENT, HOLD_MS, QUEUE_FOLDER, QUEUE_PROMPTS, REFERENCE } from './shared';

describe('reload phase 3: a second reload', function () {
  this.timeout(30_000);

  it('does not resume, save or insert the finished job again', async () => {
    assert.equal(process.env.SEGMIND_TEST_PHASE, '3');
    const api = await extensionApi();
    await new Promise((r) => setTimeout(r, 1500)); // let activation's resume pass run
    assert.ok(api.jobs().every((j) => j.state !== 'submitted' && j.state !== 'submitting'), JSON.stringify(api.jobs()));
    assert.equal((await listFolder(ASYNC_FOLDER)).length, 1);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, DOCUMENT));
    assert.equal(document.getText().split(REFERENCE).length - 1, 1);
  });

  it('a prompt queue is running (one job held, two pending) when the window reloads', async () => {
    await setSetting('queue.concurrency', 1);
    await emulator.fault({ on: 'submit', kind: 'long-queue', ms: HOLD_MS });
    generateFromLines({ prompts: QUEUE_PROMPTS, model: SD3M, params: { seed: 5, img_width: 512, img_height: 512 }, folder: QUEUE_FOLDER, confirm: false }).then(undefined, () => undefined);
    const api = await extensionApi();
    const held = await waitFor('the first prompt\'s job', async () => (await queueItems()).find((i) => i.prompt === QUEUE_PROMPTS[0] && i.jobId));
    await waitFor('its request id to be persisted', () => api.jobs().some((j) => j.id === held.jobId && j.state === 'submitted'));
    assert.deepEqual((await queueItems()).filter((i) => QUEUE_PROMPTS.includes(i.prompt)).map((i) => i.state), ['running', 'pending', 'pending']);
    // Give the workbench time to write workspace state before the page goes away.
    await new Promise((r) => setTimeout(r, 2000));
  });
});
