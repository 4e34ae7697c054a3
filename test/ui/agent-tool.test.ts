// segmind_generate_image called from outside a chat, as another extension or a user's script would
// call it through vscode.lm.invokeTool: VS Code shows the tool's confirmation as a modal dialog.
// Cancel sends nothing; accepting generates at exactly the given path. The caller is a tiny
// extension written here and installed next to ours, in the real workbench, against the emulator.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { TOOL_NAME } from '../../src/agentTool/contributions';
import { openWorkbench, runCommand, waitForNotification, withFailureScreenshot, type VsCodeSession } from './workbench';

const CALLER_TITLE = 'Tool Caller: Generate the Hero Image';
const INPUT = {
  prompt: 'A lighthouse on a rocky cliff at dawn, soft pastel colors',
  model: 'stable-diffusion-3.5-large-txt2img',
  aspect_ratio: '16:9 landscape 1344x768',
  path: 'docs/img/hero.png',
  referencedFrom: 'docs/tour.md',
};

/** An extension whose one command invokes the tool with INPUT and shows the result's first line. */
function writeCallerExtension(extensionsDir: string): void {
  const dir = path.join(extensionsDir, 'test.tool-caller-0.0.1');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'tool-caller', displayName: 'Tool Caller', publisher: 'test', extensionKind: ['workspace'], version: '0.0.1', engines: { vscode: '^1.95.0' }, main: './extension.js',
    activationEvents: ['onCommand:toolCaller.generate'], capabilities: { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true }, contributes: { commands: [{ command: 'toolCaller.generate', title: CALLER_TITLE }] },
  }));
  fs.writeFileSync(path.join(dir, 'extension.js'), `
const vscode = require('vscode');
exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('toolCaller.generate', async () => {
    try {
      const result = await vscode.lm.invokeTool(${JSON.stringify(TOOL_NAME)}, { input: ${JSON.stringify(INPUT)}, toolInvocationToken: undefined });
      const text = result.content.map((part) => part.value).join('');
      void vscode.window.showInformationMessage('Tool result: ' + text.split('\\n')[0]);
    } catch (err) {
      void vscode.window.showInformationMessage('Tool call ended: ' + (err && err.name) + ': ' + (err && err.message));
    }
  }));
};`);
}

/** Runs the caller's command; its contributions reach the palette some seconds after the workbench opens. */
async function runCaller(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await runCommand(page, CALLER_TITLE);
      return;
    } catch (err) {
      if (attempt === 30) throw err;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(5000);
    }
  }
}

describe('the agent tool, invoked outside a chat (in the workbench)', { timeout: 600_000 }, () => {
  let session: VsCodeSession;
  let extensionsDir: string;
  const target = () => path.join(session.workspace, INPUT.path);

  before(async () => {
    extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmind-ui-tool-extensions-'));
    writeCallerExtension(extensionsDir);
    session = await openWorkbench({ label: 'ui-agent-tool', extensionsDir, emulator: { queueMs: 300, processingMs: 1000 } });
    fs.mkdirSync(path.join(session.workspace, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(session.workspace, INPUT.referencedFrom), '# A tour\n');
  });

  after(async () => {
    await session?.close();
    fs.rmSync(extensionsDir, { recursive: true, force: true });
  });

  it('shows the confirmation as a modal naming model, size, count, path and cost; Cancel sends nothing', async () => {
    await withFailureScreenshot(session, 'agent-tool-cancel', async () => {
      const page = session.page;
      await runCaller(page);
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 30_000 });
      const text = await dialog.innerText();
      assert.match(text, /Stable Diffusion 3\.5 Large/, text);
      assert.match(text, /1344×768 pixels/, text);
      assert.match(text, /docs\/img\/hero\.png/, text);
      assert.match(text, /1 image/, text);
      assert.match(text, /credit|cost/i, text);
      await session.screenshot('agent-tool-confirmation');
      await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
      await waitForNotification(page, /Tool call ended/);
      assert.equal(session.emulator?.acceptedSubmits(), 0, 'no request after Cancel');
      assert.ok(!fs.existsSync(target()), 'no file after Cancel');
    });
  });

  it('accepting it generates the image at exactly the given path and answers with text', async () => {
    await withFailureScreenshot(session, 'agent-tool-accept', async () => {
      const page = session.page;
      await runCaller(page);
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 30_000 });
      // VS Code's own labels for a tool confirmation outside a chat: Yes / Cancel.
      await dialog.locator('.monaco-button', { hasText: /^Yes$/ }).click();
      await waitForNotification(page, /Tool result: Generated 1 image with Stable Diffusion 3\.5 Large/, 90_000);
      assert.ok(fs.existsSync(target()), `${INPUT.path} was written`);
      assert.equal(session.emulator?.acceptedSubmits(), 1);
    });
  });
});
