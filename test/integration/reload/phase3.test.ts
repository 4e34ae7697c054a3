// Reload, phase 3: another reload does not save or insert the finished job again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, listFolder } from '../editor/helpers';
import { ASYNC_FOLDER, DOCUMENT, REFERENCE } from './shared';

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
});
