// Dropping and pasting image files into non-Markdown documents: the reference in the document's
// language, relative and URL-encoded; images from outside the workspace copied into the output
// folder as part of the same (undoable) edit. The provider is driven with real DataTransfers
// against real documents and the real file system, then its edit applied as VS Code applies it.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { ImageDropProvider } from '../../../src/imageDrop/imageDropProvider';
import { SettingsService } from '../../../src/settings/service';
import { closeEditors, exists, inWorkspace, openDocument } from './helpers';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

function uriList(...uris: vscode.Uri[]): vscode.DataTransfer {
  const transfer = new vscode.DataTransfer();
  transfer.set('text/uri-list', new vscode.DataTransferItem(uris.map((u) => u.toString()).join('\r\n')));
  return transfer;
}

/** Applies a drop edit the way the editor does: its additional edit, then the text at the cursor. */
async function applyDrop(editor: vscode.TextEditor, edit: vscode.DocumentDropEdit): Promise<void> {
  if (edit.additionalEdit) assert.ok(await vscode.workspace.applyEdit(edit.additionalEdit), 'the copy edit was refused');
  await editor.insertSnippet(typeof edit.insertText === 'string' ? new vscode.SnippetString(edit.insertText.replace(/[$}\\]/g, '\\$&')) : edit.insertText, editor.selection.active);
}

describe('drop and paste image files', function () {
  this.timeout(30_000);
  const settings = new SettingsService();
  const provider = new ImageDropProvider(settings);
  const token = new vscode.CancellationTokenSource().token;
  let outside: string;
  before(() => {
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'segmind-drop-'));
  });
  after(() => {
    fs.rmSync(outside, { recursive: true, force: true });
    settings.dispose();
  });
  beforeEach(closeEditors);

  it('a workspace image dropped into HTML: <img> relative to the document, encoded, nothing copied', async () => {
    await vscode.workspace.fs.writeFile(inWorkspace('drop/images/hero banner.png'), PNG);
    const editor = await openDocument('drop/docs/page.html', '');
    const edit = await provider.provideDocumentDropEdits(editor.document, new vscode.Position(0, 0), uriList(inWorkspace('drop/images/hero banner.png')), token);
    assert.ok(edit);
    assert.equal(edit.additionalEdit, undefined);
    await applyDrop(editor, edit);
    assert.equal(editor.document.getText(), '<img src="../images/hero%20banner.png" alt="hero banner">');
  });

  it('two images into TSX: one self-closed <img> a line', async () => {
    await vscode.workspace.fs.writeFile(inWorkspace('drop/a.webp'), PNG);
    await vscode.workspace.fs.writeFile(inWorkspace('drop/b_c.jpg'), PNG);
    const editor = await openDocument('drop/App.tsx', '', undefined, 'typescriptreact');
    const edit = await provider.provideDocumentDropEdits(editor.document, new vscode.Position(0, 0), uriList(inWorkspace('drop/a.webp'), inWorkspace('drop/b_c.jpg')), token);
    assert.ok(edit);
    await applyDrop(editor, edit);
    assert.equal(editor.document.getText(), '<img src="a.webp" alt="a" />\n<img src="b_c.jpg" alt="b c" />');
  });

  it('an image from outside the workspace is copied into the output folder (a free name), then referenced from CSS', async () => {
    const source = path.join(outside, 'logo.png');
    fs.writeFileSync(source, PNG);
    await vscode.workspace.fs.writeFile(inWorkspace('assets/generated/logo.png'), Uint8Array.of(1)); // name taken
    const editor = await openDocument('drop/styles/site.css', '');
    const edit = await provider.provideDocumentDropEdits(editor.document, new vscode.Position(0, 0), uriList(vscode.Uri.file(source)), token);
    assert.ok(edit?.additionalEdit, 'a copy is part of the edit');
    assert.equal(await exists('assets/generated/logo-2.png'), false, 'nothing is written before the edit is applied');
    await applyDrop(editor, edit);
    assert.equal(editor.document.getText(), 'url("../../assets/generated/logo-2.png")');
    assert.deepEqual([...(await vscode.workspace.fs.readFile(inWorkspace('assets/generated/logo-2.png')))], [...PNG], 'the copy has the same bytes');
  });

  it('pasting in LaTeX and reStructuredText uses their syntax', async () => {
    await vscode.workspace.fs.writeFile(inWorkspace('drop/fig.png'), PNG);
    for (const [file, language, expected] of [
      ['drop/paper.tex', 'latex', '\\includegraphics{fig.png}'],
      ['drop/doc.rst', 'restructuredtext', '.. image:: fig.png'],
    ] as const) {
      const editor = await openDocument(file, '', undefined, language);
      const edits = await provider.provideDocumentPasteEdits(editor.document, [], uriList(inWorkspace('drop/fig.png')), { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic }, token);
      assert.equal(edits?.length, 1);
      assert.equal(edits?.[0]?.insertText, expected);
    }
  });

  it('leaves anything that is not only images to the editor (text paste, other files)', async () => {
    const editor = await openDocument('drop/other.html', '');
    await vscode.workspace.fs.writeFile(inWorkspace('drop/notes.txt'), Uint8Array.of(65));
    assert.equal(await provider.provideDocumentDropEdits(editor.document, new vscode.Position(0, 0), uriList(inWorkspace('drop/notes.txt')), token), undefined);
    const text = new vscode.DataTransfer();
    text.set('text/plain', new vscode.DataTransferItem('hello'));
    assert.equal(await provider.provideDocumentDropEdits(editor.document, new vscode.Position(0, 0), text, token), undefined);
  });
});
