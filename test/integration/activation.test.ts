// The extension loads in a real extension host, activates, and its command registrations match
// the manifest exactly: a contributed command without a handler shows "command not found" to a user;
// a registered `segmind.*` command missing from the manifest is unreachable from menus and the palette.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'segmind-studio.segmind-image-studio';

interface Manifest {
  contributes?: { commands?: { command: string }[]; views?: Record<string, { id: string }[]> };
}

/** Commands VS Code itself registers for each contributed view (`<viewId>.focus`, `.open`, …). */
function viewCommands(manifest: Manifest): Set<string> {
  const suffixes = ['focus', 'open', 'resetViewLocation', 'toggleVisibility', 'removeView'];
  const views = Object.values(manifest.contributes?.views ?? {}).flat();
  return new Set(views.flatMap((v) => suffixes.map((s) => `${v.id}.${s}`)));
}

describe('activation', () => {
  let extension: vscode.Extension<unknown>;

  before(async function () {
    this.timeout(60_000);
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not loaded (installed: ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ')})`);
    extension = found;
    await extension.activate();
  });

  it('activates', () => {
    assert.equal(extension.isActive, true);
  });

  it('registers every command contributed in package.json', async () => {
    const contributed = ((extension.packageJSON as Manifest).contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'the manifest contributes no command');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('contributes every segmind.* command it registers', async () => {
    const manifest = extension.packageJSON as Manifest;
    const contributed = new Set((manifest.contributes?.commands ?? []).map((c) => c.command));
    const generated = viewCommands(manifest);
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('segmind.') && !generated.has(id));
    const unlisted = registered.filter((id) => !contributed.has(id));
    assert.deepEqual(unlisted, [], `registered but not in package.json: ${unlisted.join(', ')}`);
  });

  it('contributes no command whose id VS Code already uses for one of its views', () => {
    // e.g. a view "segmind.gallery" gets "segmind.gallery.open" from VS Code ("View: Open View…"):
    // an extension command with that id would replace it, and the view's own command would call
    // the extension's handler without arguments.
    const manifest = extension.packageJSON as Manifest;
    const generated = viewCommands(manifest);
    const clashes = (manifest.contributes?.commands ?? []).map((c) => c.command).filter((id) => generated.has(id));
    assert.deepEqual(clashes, [], `command ids taken by VS Code's view commands: ${clashes.join(', ')}`);
  });
});
