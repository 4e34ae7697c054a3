// Key redaction at the source: a key stored with setApiKey and echoed back by the server in an
// error must not reach the "Segmind" log file or the message, while the log still says what happened.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { SD3M, closeEditors, emulator, expectRejection, workspaceRoot } from './helpers';

function segmindLogs(): string[] {
  const userData = path.join(path.dirname(workspaceRoot().fsPath), 'user-data');
  assert.ok(fs.existsSync(userData), `VS Code's user data is expected next to the workspace (${userData})`);
  return fs.readdirSync(userData, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'Segmind.log')
    .map((e) => path.join(e.parentPath, e.name));
}

describe('key redaction in the log', function () {
  this.timeout(60_000);
  // The emulator accepts only its own key: store that one through SecretStorage (not the env path).
  const storedKey = process.env.SEGMIND_API_KEY ?? '';

  before(async () => {
    await emulator.reset();
    await closeEditors();
  });

  it('a key echoed by the server appears neither in the message nor in the Segmind log', async () => {
    await vscode.commands.executeCommand('segmind.setApiKey', storedKey);
    try {
      await emulator.fault({ on: 'submit', kind: 'http', status: 400, body: JSON.stringify({ error: `Invalid key ${storedKey}` }) });
      const error = await expectRejection({ prompt: 'redaction', model: SD3M, params: { seed: 1, img_width: 512, img_height: 512 }, folder: 'redaction', insert: false }, /^Segmind refused the request \(400\)/);
      assert.ok(!error.message.includes(storedKey), error.message);
    } finally {
      await vscode.commands.executeCommand('segmind.clearApiKey');
      await emulator.clearFaults();
    }
    await new Promise((r) => setTimeout(r, 1500)); // the log channel writes its file asynchronously
    const logs = segmindLogs();
    assert.ok(logs.length > 0, 'the Segmind log file exists');
    const text = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assert.match(text, /\[jobs\] job [0-9a-f-]+: submitting to stable-diffusion-3-medium-txt2img/);
    assert.match(text, /\[redacted\]|Segmind refused the request/);
    assert.ok(storedKey.length >= 8);
    assert.equal(text.includes(storedKey), false, 'the key is in the log');
  });
});
