// Inserting references after the selection, per language, relative to the document, as one
// undoable edit, at the position as moved by edits made while the job ran, in the original document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SD3M, closeEditors, emulator, generate, openDocument, waitFor } from './helpers';

const params = { seed: 1, img_width: 512, img_height: 512 };

async function generateInto(file: string, languageId: string | undefined, folder: string): Promise<string> {
  const editor = await openDocument(file, 'Intro\na cat\nOutro\n', 'a cat', languageId);
  await generate({ model: SD3M, params, folder, insert: true });
  return editor.document.getText();
}

describe('insert references after the selection', function () {
  this.timeout(60_000);
  beforeEach(async () => {
    await emulator.reset();
    await closeEditors();
  });
  afterEach(() => emulator.clearFaults());

  const cases: [file: string, languageId: string | undefined, folder: string, reference: string][] = [
    ['docs/a.md', 'markdown', 'my assets', '![a cat](../my%20assets/a-cat-1.jpg)'],
    ['docs/a.html', 'html', 'my assets', '<img src="../my%20assets/a-cat-1.jpg" alt="a cat">'],
    ['docs/a.php', 'php', 'img', '<img src="../img/a-cat-1.jpg" alt="a cat">'],
    ['docs/a.jsx', 'javascriptreact', 'img', '<img src="../img/a-cat-1.jpg" alt="a cat" />'],
    ['docs/a.tsx', 'typescriptreact', 'img', '<img src="../img/a-cat-1.jpg" alt="a cat" />'],
    ['docs/a.css', 'css', 'img', 'url("../img/a-cat-1.jpg")'],
    ['docs/a.scss', 'scss', 'img', 'url("../img/a-cat-1.jpg")'],
    ['docs/a.less', 'less', 'img', 'url("../img/a-cat-1.jpg")'],
    ['docs/a.tex', 'latex', 'img', '\\includegraphics{../img/a-cat-1.jpg}'],
    ['docs/a.rst', 'restructuredtext', 'img', '.. image:: ../img/a-cat-1.jpg'],
    ['docs/a.txt', 'plaintext', 'img', '../img/a-cat-1.jpg'],
    ['a-root.md', 'markdown', 'docs/pics', '![a cat](docs/pics/a-cat-1.jpg)'],
  ];
  for (const [file, languageId, folder, reference] of cases) {
    it(`${languageId}: ${reference}`, async () => {
      const text = await generateInto(file, languageId, `${folder}/${file.replace(/\W/g, '_')}`.replace(/^/, ''));
      const expected = reference.replace('a-cat-1.jpg', `${file.replace(/\W/g, '_')}/a-cat-1.jpg`);
      assert.equal(text, `Intro\na cat\n${expected}\nOutro\n`);
    });
  }

  it('several images: one reference per line, in output order', async () => {
    const editor = await openDocument('docs/multi.md', 'a dog\n', 'a dog');
    const result = await generate({ model: SD3M, params: { ...params, samples: 2 }, folder: 'multi', insert: true });
    assert.equal(result.files.length, 2);
    assert.equal(editor.document.getText(), 'a dog\n![a dog](../multi/a-dog-1.jpg)\n![a dog](../multi/a-dog-1-2.jpg)\n');
  });

  it('follows edits made meanwhile, lands in the original document after a switch, and is one undo step', async () => {
    await emulator.fault({ on: 'submit', kind: 'delay-headers', ms: 1500 });
    const editor = await openDocument('docs/moving.md', 'first\na bird\nlast\n', 'a bird');
    const pending = generate({ model: SD3M, params, folder: 'moving', insert: true });
    await waitFor('the submit', async () => (await emulator.jobs()).length > 0);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'added above\n'));
    await openDocument('docs/other.md', 'other document\n');
    await pending;
    assert.equal(editor.document.getText(), 'added above\nfirst\na bird\n![a bird](../moving/a-bird-1.jpg)\nlast\n');
    assert.equal(vscode.window.activeTextEditor?.document.uri.path.endsWith('docs/other.md'), true, 'the user stays where they are');
    const other = vscode.window.activeTextEditor!.document.getText();
    assert.equal(other, 'other document\n', 'nothing lands in the editor the user switched to');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'added above\nfirst\na bird\nlast\n');
  });

  it('inserts nothing when insert is false, and no editor is not an error', async () => {
    const editor = await openDocument('docs/noinsert.md', 'a fish\n', 'a fish');
    await generate({ model: SD3M, params, folder: 'noinsert', insert: false });
    assert.equal(editor.document.getText(), 'a fish\n');
    await closeEditors();
    const result = await generate({ prompt: 'no editor', model: SD3M, params, folder: 'noinsert', insert: true });
    assert.deepEqual(result.files, ['noinsert/no-editor-1.jpg']);
  });
});
