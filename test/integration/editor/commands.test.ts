// The other commands: setApiKey / clearApiKey (SecretStorage, env fallback), cancel (by request id,
// the only job, unknown id), showJobs, showLog, and several jobs at once.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SD3M, emulator, emulatorPerTest, expectRejection, extensionApi, generate, listFolder, startHeldJob as holdJob } from './helpers';

const base = { model: SD3M, params: { seed: 2, img_width: 512, img_height: 512 }, insert: false };

/** Starts a generation that stays QUEUED. */
const startHeldJob = (folder: string) => holdJob(() => generate({ ...base, prompt: `held ${folder}`, folder }));

describe('commands', function () {
  this.timeout(60_000);
  emulatorPerTest();

  it('setApiKey stores the key in SecretStorage (used without the env variable); clearApiKey removes it', async () => {
    const envKey = process.env.SEGMIND_API_KEY!;
    delete process.env.SEGMIND_API_KEY;
    try {
      assert.equal(await vscode.commands.executeCommand('segmind.setApiKey', envKey), true);
      const result = await generate({ ...base, prompt: 'stored key', folder: 'cmd/key' });
      assert.deepEqual(result.files, ['cmd/key/stored-key-2.jpg']);
      await vscode.commands.executeCommand('segmind.clearApiKey');
      await expectRejection({ ...base, prompt: 'no key', folder: 'cmd/nokey' }, 'No Segmind API key is set. Run "Segmind: Set API Key" (or set SEGMIND_API_KEY) and try again.');
    } finally {
      process.env.SEGMIND_API_KEY = envKey;
      await vscode.commands.executeCommand('segmind.clearApiKey');
    }
  });

  it('cancel with a request id stops that job: CancellationError, nothing saved, state cancelled', async () => {
    const { pending, requestId } = await startHeldJob('cmd/cancel-id');
    assert.equal(await vscode.commands.executeCommand('segmind.cancel', requestId), true);
    await assert.rejects(pending, (e: unknown) => e instanceof Error && e.name === 'Canceled');
    assert.deepEqual(await listFolder('cmd/cancel-id'), []);
    const record = (await extensionApi()).jobs().find((j) => j.requestId === requestId);
    assert.equal(record?.state, 'cancelled');
  });

  it('cancel without an argument stops the only running job', async () => {
    const { pending } = await startHeldJob('cmd/cancel-only');
    assert.equal(await vscode.commands.executeCommand('segmind.cancel'), true);
    await assert.rejects(pending, (e: unknown) => e instanceof Error && e.name === 'Canceled');
    assert.deepEqual(await listFolder('cmd/cancel-only'), []);
  });

  it('cancel with an unknown request id says so', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('segmind.cancel', 'no-such-request')), { message: 'No running generation has the request id no-such-request.' });
    assert.equal(await vscode.commands.executeCommand('segmind.cancel'), false, 'nothing to cancel');
  });

  it('showJobs and showLog run without a job', async () => {
    await vscode.commands.executeCommand('segmind.showJobs');
    await vscode.commands.executeCommand('segmind.showLog');
  });

  it('several jobs at once, each independent (one fails, the others save)', async () => {
    await emulator.fault({ on: 'submit', kind: 'http', status: 406, body: '{"error":"Insufficient credits"}' });
    const results = await Promise.allSettled([
      generate({ ...base, prompt: 'first', folder: 'cmd/many' }),
      generate({ ...base, prompt: 'second', folder: 'cmd/many' }),
      generate({ ...base, prompt: 'third', folder: 'cmd/many' }),
    ]);
    assert.equal(results.filter((r) => r.status === 'rejected').length, 1);
    assert.equal((await listFolder('cmd/many')).length, 2);
    assert.equal((await emulator.info()).acceptedSubmits, 2);
  });
});
