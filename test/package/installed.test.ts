// Runs in the extension host of a VS Code into which the packaged .vsix was installed with
// `--install-extension` (nothing loaded from source): anything the package lacks — a bundle, the
// lazily required HTTP stack, the NLS strings, media — shows up here as a failure a user would hit.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'segmind-studio.segmind-image-studio';
const PROMPT = 'A cozy seaside café at golden hour, warm light through large windows, watercolor style';

interface Manifest {
  contributes?: { commands?: { command: string; title: string }[] };
}

describe('installed .vsix', () => {
  let extension: vscode.Extension<unknown>;

  before(async function () {
    this.timeout(60_000);
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not installed`);
    extension = found;
    await extension.activate();
  });

  it('is the installed copy, not the source tree', () => {
    const extensionsDir = process.env.SEGMIND_TEST_EXTENSIONS_DIR;
    assert.ok(extensionsDir, 'SEGMIND_TEST_EXTENSIONS_DIR is not set');
    assert.ok(extension.extensionPath.startsWith(path.resolve(extensionsDir) + path.sep), `loaded from ${extension.extensionPath}`);
    assert.equal(fs.existsSync(path.join(extension.extensionPath, 'src')), false, 'src/ was packaged');
  });

  it('activates', () => {
    assert.equal(extension.isActive, true);
  });

  it('has its command titles localized from package.nls.json', () => {
    const commands = (extension.packageJSON as Manifest).contributes?.commands ?? [];
    assert.ok(commands.length > 0);
    const unresolved = commands.filter((c) => /^%.*%$/.test(c.title)).map((c) => c.command);
    assert.deepEqual(unresolved, [], 'titles still %placeholders%');
  });

  it('registers every contributed command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = ((extension.packageJSON as Manifest).contributes?.commands ?? []).map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  it('runs a command: Segmind: Show Log', async () => {
    await vscode.commands.executeCommand('segmind.showLog');
  });

  it('generates an image from a selection (lazily loaded HTTP bundle included)', async function () {
    this.timeout(120_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'README.md'));
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').findIndex((l) => l.includes(PROMPT));
    assert.ok(line >= 0, 'prompt not in README.md');
    editor.selection = new vscode.Selection(line, 0, line, doc.lineAt(line).text.length);

    await vscode.commands.executeCommand('segmind.generateFromSelection');
    const deadline = Date.now() + 90_000;
    let images: vscode.Uri[] = [];
    while (Date.now() < deadline) {
      images = await vscode.workspace.findFiles('**/*.{png,jpg,jpeg,webp}');
      if (images.length > 0 && doc.getText().includes('![')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(images.length, 1, `images saved: ${images.map((u) => u.fsPath).join(', ') || 'none'}`);
    assert.match(doc.getText(), /!\[[^\]]*\]\([^)]+\)/, 'no image link inserted');
  });
});
