// Every bad input of issue 5: the command rejects with exactly the message the user was shown, and
// nothing is written (no file, and for what can be checked locally, no request either).
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { SD35, SD3M, closeEditors, emulator, expectRejection, inWorkspace, listFolder, setSetting, waitFor } from './helpers';

const base = { model: SD3M, params: { img_width: 512, img_height: 512, seed: 1 }, insert: false };

async function assertNothingWritten(folder: string, requests: 'none' | 'some' = 'none'): Promise<void> {
  assert.deepEqual(await listFolder(folder), [], `${folder} must stay empty`);
  if (requests === 'none') assert.deepEqual(await emulator.apiCalls(), [], 'no request may reach Segmind');
}

describe('bad input (programmatic): exact message, nothing written', function () {
  this.timeout(60_000);

  beforeEach(async () => {
    await emulator.reset();
    await closeEditors();
  });
  afterEach(async () => {
    await emulator.clearFaults();
    await setSetting('requestTimeoutSeconds', undefined);
  });

  describe('refused before any request', () => {
    it('empty and whitespace prompts', async () => {
      await expectRejection({ ...base, prompt: '', folder: 'bad/empty' }, 'prompt must be non-empty text (got "").');
      await expectRejection({ ...base, prompt: '  \n\t ', folder: 'bad/empty' }, 'prompt must be non-empty text (got "  \\n\\t ").');
      await assertNothingWritten('bad/empty');
    });
    it('no prompt and no selection', async () => {
      await expectRejection({ ...base, folder: 'bad/none' }, 'No prompt: select the text to use as the prompt, or pass a "prompt" option.');
      await assertNothingWritten('bad/none');
    });
    it('a parameter out of range, for each model', async () => {
      await expectRejection({ prompt: 'x', model: SD35, params: { steps: 5 }, folder: 'bad/range' }, 'steps must be an integer from 10 to 70 (got 5).');
      await expectRejection({ prompt: 'x', model: SD3M, params: { img_width: 513 }, folder: 'bad/range' }, 'img_width must be an integer from 512 to 2048 in multiples of 8 (got 513).');
      await assertNothingWritten('bad/range');
    });
    it('a value not in its enum', async () => {
      await expectRejection({ prompt: 'x', model: SD35, params: { image_format: 'gif' }, folder: 'bad/enum' }, 'image_format must be one of "jpeg", "png", "webp" (got "gif").');
      await assertNothingWritten('bad/enum');
    });
    it('an unknown parameter', async () => {
      await expectRejection({ prompt: 'x', model: SD35, params: { stepz: 20 }, folder: 'bad/unknown' }, 'Unknown parameter "stepz" for Stable Diffusion 3.5 Large.');
      await assertNothingWritten('bad/unknown');
    });
    it('an unknown model', async () => {
      await expectRejection({ prompt: 'x', model: 'sdxl-turbo', folder: 'bad/model' }, `Unknown model "sdxl-turbo": use one of ${SD35}, ${SD3M}.`);
      await assertNothingWritten('bad/model');
    });
    it('"prompt" inside params, and unknown options', async () => {
      await expectRejection({ prompt: 'x', params: { prompt: 'y' } }, 'The option "params" of segmind.generateFromSelection must be without "prompt" (pass the prompt as the "prompt" option).');
      await expectRejection({ prompt: 'x', folderr: 'a' }, 'Unknown option "folderr" for segmind.generateFromSelection: use prompt, model, params, folder, insert, preset.');
      assert.deepEqual(await emulator.apiCalls(), []);
    });
    it('output folders outside the workspace: "..", absolute, drive letter, symlink', async () => {
      const suffix = 'Use a folder inside the workspace, such as "assets/generated".';
      await expectRejection({ ...base, prompt: 'x', folder: '../outside' }, `The output folder "../outside" goes up out of the workspace (".."). ${suffix}`);
      await expectRejection({ ...base, prompt: 'x', folder: '/tmp/outside' }, `The output folder "/tmp/outside" is an absolute path, not in the workspace. ${suffix}`);
      await expectRejection({ ...base, prompt: 'x', folder: 'C:\\images' }, `The output folder "C:\\images" is on a drive, not in the workspace. ${suffix}`);
      const outside = fs.mkdtempSync('/tmp/segmind-outside-');
      fs.symlinkSync(outside, inWorkspace('escape').fsPath);
      await expectRejection({ ...base, prompt: 'x', folder: 'escape/images' }, `The output folder "escape/images" leads outside the workspace (through a symbolic link). ${suffix}`);
      assert.deepEqual(fs.readdirSync(outside), []);
      assert.deepEqual(await emulator.apiCalls(), []);
      fs.unlinkSync(inWorkspace('escape').fsPath);
    });
    it('a missing API key (no SecretStorage key, no SEGMIND_API_KEY)', async () => {
      const saved = process.env.SEGMIND_API_KEY;
      delete process.env.SEGMIND_API_KEY;
      try {
        await expectRejection({ ...base, prompt: 'x', folder: 'bad/key' }, 'No Segmind API key is set. Run "Segmind: Set API Key" (or set SEGMIND_API_KEY) and try again.');
      } finally {
        process.env.SEGMIND_API_KEY = saved;
      }
      await assertNothingWritten('bad/key');
    });
    it('an http:// API base URL that is not loopback', async () => {
      const config = vscode.workspace.getConfiguration('segmind');
      const original = config.inspect<string>('apiBaseUrl')?.globalValue;
      await config.update('apiBaseUrl', 'http://api.example.com', vscode.ConfigurationTarget.Global);
      try {
        await expectRejection({ ...base, prompt: 'x', folder: 'bad/url' }, 'Fix your Segmind settings first: segmind.apiBaseUrl must use https:// (plain http:// is only allowed for localhost), got "http://api.example.com".');
      } finally {
        await config.update('apiBaseUrl', original, vscode.ConfigurationTarget.Global);
      }
      await assertNothingWritten('bad/url');
    });
  });

  describe('refused by Segmind', () => {
    it('a rejected key (401), with SetApiKey/ClearApiKey', async () => {
      await vscode.commands.executeCommand('segmind.setApiKey', 'wrong-key-0123456789');
      try {
        await expectRejection({ ...base, prompt: 'x', folder: 'bad/401' }, /^Segmind rejected the API key \(401\)(: [^\n]+)?\. Set a valid key with "Segmind: Set API Key"\.$/);
      } finally {
        await vscode.commands.executeCommand('segmind.clearApiKey');
      }
      await assertNothingWritten('bad/401', 'some');
      assert.equal((await emulator.info()).acceptedSubmits, 0);
    });
    it('forbidden (403)', async () => {
      await emulator.fault({ on: 'submit', kind: 'http', status: 403, body: '{"error":"Model not enabled for this account"}' });
      await expectRejection({ ...base, prompt: 'x', folder: 'bad/403' }, 'Segmind refused access (403): Model not enabled for this account. Check that your account may use this model.');
      await assertNothingWritten('bad/403', 'some');
    });
    it('no credits (406)', async () => {
      await emulator.fault({ on: 'submit', kind: 'http', status: 406, body: '{"error":"Insufficient credits"}' });
      await expectRejection({ ...base, prompt: 'x', folder: 'bad/406' }, 'Not enough Segmind credits (406): Insufficient credits. Top up your account on segmind.com and try again.');
      await assertNothingWritten('bad/406', 'some');
    });
    it('a FAILED job (422) shows the server\'s detail', async () => {
      await emulator.fault({ on: 'submit', kind: 'job-failed', detail: 'NSFW content detected in the output' });
      await expectRejection({ ...base, prompt: 'x', folder: 'bad/422' }, /^The generation failed on Segmind's side: NSFW content detected in the output\. Change the prompt or parameters and try again\.$/);
      await assertNothingWritten('bad/422', 'some');
    });
    it('an expired request (404 after the 1-hour retention)', async () => {
      await emulator.fault({ on: 'submit', kind: 'delay-headers', ms: 500 });
      const rejected = expectRejection({ ...base, prompt: 'x', folder: 'bad/404' }, /^Segmind no longer knows the job \S+ \(404\)(: [^\n]+)?: results are kept for one hour after submission\. Generate it again\.$/);
      await waitFor('the job to exist', async () => (await emulator.jobs()).length > 0);
      await emulator.advanceClock(2 * 60 * 60_000);
      await rejected;
      await assertNothingWritten('bad/404', 'some');
    });
    it('rate limited (429): retried within reason, then a message with when to try again', async () => {
      await setSetting('requestTimeoutSeconds', 10);
      await emulator.fault({ on: 'submit', kind: 'rate-limit', retryAfterSeconds: 60, times: 1000 });
      await expectRejection({ ...base, prompt: 'x', folder: 'bad/429' }, /^Segmind's rate limit was reached \(429\)(: [^\n]+)?\. Segmind asks to wait 60 s\. Try again later, or generate fewer images at once\./);
      assert.equal((await emulator.info()).acceptedSubmits, 0);
      await assertNothingWritten('bad/429', 'some');
    });
    it('a 429 that clears is retried and the job is submitted exactly once', async () => {
      await emulator.fault({ on: 'submit', kind: 'rate-limit', retryAfterSeconds: 1, times: 1 });
      const result = await vscode.commands.executeCommand<{ files: string[] }>('segmind.generateFromSelection', { ...base, prompt: 'after 429', folder: 'ok/429' });
      assert.deepEqual(result.files, ['ok/429/after-429-1.jpg']);
      assert.equal((await emulator.info()).acceptedSubmits, 1);
    });
    it('a server error (500) on submit is not re-sent', async () => {
      await emulator.fault({ on: 'submit', kind: 'http', status: 500, body: '{"error":"Internal Server Error"}' });
      await expectRejection({ ...base, prompt: 'x', folder: 'bad/500' }, /^Segmind had a server problem \(500\): Internal Server Error\. Try again in a moment\./);
      assert.deepEqual((await emulator.apiCalls()).filter((c) => c.startsWith('POST')).length, 1);
      await assertNothingWritten('bad/500', 'some');
    });
    it('a result that is not an image', async () => {
      await emulator.fault({ on: 'image', kind: 'html-instead-of-image', times: 1000 });
      await expectRejection({ ...base, prompt: 'x', folder: 'bad/html' }, /^The image \(.+\) is .+, not an image\. Try again; if it persists, the service may be having problems\.$/);
      await assertNothingWritten('bad/html', 'some');
    });
  });

  it('a generated image that cannot be saved is kept in global storage, and the message says where', async () => {
    await vscode.workspace.fs.writeFile(inWorkspace('blocker'), new TextEncoder().encode('a file where a folder should be'));
    const error = await expectRejection({ ...base, prompt: 'kept image', folder: 'blocker/images' }, /^The image was generated but could not be saved in "blocker\/images" \(.+\)\. Kept in (\/.+\.jpg): use "Save As…" to save it elsewhere\.$/);
    const kept = /Kept in (\/.+\.jpg): /.exec(error.message)?.[1];
    assert.ok(kept && fs.existsSync(kept), `kept file ${kept} exists`);
    assert.equal(fs.readFileSync(kept)[0], 0xff, 'the kept file is the JPEG');
    assert.ok(path.basename(kept).startsWith('kept-image-1'));
    await vscode.workspace.fs.delete(inWorkspace('blocker'));
  });
});
