// The gallery tree in the real extension host: history grouped by day, newest first, each image with
// its own file as icon; an image whose file was moved or deleted is shown as missing; the filter.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GalleryTree, type GalleryNode } from '../../src/gallery/galleryTree';
import { History, type HistoryEntry } from '../../src/history/history';
import { MemoryStore } from './memoryStore';

describe('gallery tree', () => {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  let present: vscode.Uri;
  let history: History;
  let tree: GalleryTree;

  before(async () => {
    assert.ok(folder, 'the tests run with a workspace folder');
    present = vscode.Uri.joinPath(folder, 'gallery-test', 'owl-1.png');
    await vscode.workspace.fs.writeFile(present, new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  });

  after(async () => {
    if (folder) await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, 'gallery-test'), { recursive: true });
  });

  beforeEach(async () => {
    history = new History(new MemoryStore());
    tree = new GalleryTree(history);
    const entry = (id: string, uri: vscode.Uri, createdAt: number, prompt: string): HistoryEntry => ({
      id, uri: uri.toString(), path: vscode.workspace.asRelativePath(uri, false), createdAt, prompt,
      model: 'stable-diffusion-3-medium-txt2img', params: { num_inference_steps: 25, seed: 11 }, seed: 11,
    });
    const missing = vscode.Uri.joinPath(folder ?? vscode.Uri.file('/'), 'gallery-test', 'gone.png');
    await history.add(entry('old', present, Date.now() - 3 * 86_400_000, 'an owl on a branch'));
    await history.add(entry('new', missing, Date.now(), 'a fox in the snow'));
  });

  afterEach(() => tree.dispose());

  async function items(): Promise<{ day: vscode.TreeItem; images: vscode.TreeItem[] }[]> {
    const days = await tree.getChildren();
    return Promise.all(
      days.map(async (day: GalleryNode) => ({ day: tree.getTreeItem(day), images: (await tree.getChildren(day)).map((n) => tree.getTreeItem(n)) })),
    );
  }

  it('groups by day, newest first, with the image as icon and model and seed shown', async () => {
    const groups = await items();
    assert.deepEqual(groups.map((g) => g.day.label), ['Today', groups[1]?.day.label]);
    assert.notEqual(groups[1]?.day.label, 'Yesterday');
    const owl = groups[1]?.images[0];
    assert.equal(owl?.label, 'an owl on a branch');
    assert.equal(owl?.description, 'SD 3 Medium · seed 11');
    assert.equal((owl?.iconPath as vscode.Uri).toString(), present.toString(), 'the picture itself is the icon');
    assert.equal(owl?.contextValue, 'image');
    assert.equal(owl?.command?.command, 'segmind.gallery.openImage');
  });

  it('shows an entry whose file is gone as missing, without an open action', async () => {
    const fox = (await items())[0]?.images[0];
    assert.equal(fox?.label, 'a fox in the snow');
    assert.match(String(fox?.description), /^missing · gallery-test\/gone\.png$/);
    assert.equal((fox?.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.equal(fox?.contextValue, 'image-missing');
    assert.equal(fox?.command, undefined);
  });

  it('filters by words in the prompt and updates when the history changes', async () => {
    let fired = 0;
    tree.onDidChangeTreeData(() => fired++);
    tree.setFilter('owl branch');
    const groups = await items();
    assert.equal(groups.length, 1);
    assert.equal(groups[0]?.images[0]?.label, 'an owl on a branch');
    tree.setFilter('');
    await history.remove('old');
    assert.equal((await items()).flatMap((g) => g.images).length, 1);
    assert.ok(fired >= 3);
  });
});
