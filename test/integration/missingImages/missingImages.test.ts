// Images a document references but lacks: the CodeLens and quick fix VS Code shows on them (asked
// through VS Code's own provider commands), the quick fix's command, and the batch command — each
// saving at exactly the referenced path, against the emulator.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeEditors, emulator, exists, inWorkspace, openDocument } from '../editor/helpers';

const SD35 = 'stable-diffusion-3.5-large-txt2img';
interface BatchResult { generated: string[]; failed: { path: string; message: string }[] }

const MARKDOWN = [
  '# Guide',
  '![a red fox in snow](img/fox.png)',
  '![](img/night-sky_stars.jpg)',
  '![remote](https://example.com/a.png) ![animated](img/a.gif) ![present](img/present.png)',
  '`![in code](img/code.png)`',
  '![a red fox in snow](img/fox.png)',
  '',
].join('\n');

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)).filter((l) => l.command?.command === 'segmind.generateMissingImage');
}

describe('images a document references but lacks', function () {
  this.timeout(90_000);
  beforeEach(async () => {
    await emulator.reset();
    await closeEditors();
    await vscode.workspace.fs.writeFile(inWorkspace('mi/img/present.png'), Uint8Array.of(1));
  });
  afterEach(() => emulator.clearFaults());

  it('a CodeLens on each reference to a missing, generatable image — not on URLs, GIFs, present files or code', async () => {
    const editor = await openDocument('mi/guide.md', MARKDOWN);
    const lenses = await lensesOf(editor.document.uri);
    const lines = lenses.map((l) => l.range.start.line);
    assert.deepEqual(lines, [1, 2, 5]);
    assert.equal(lenses[0]?.command?.title, '$(sparkle) Generate image with Segmind');
  });

  it('the quick fix, run with its code action’s arguments, saves at exactly the path, with the alt text as the prompt', async () => {
    const editor = await openDocument('mi/quick.md', MARKDOWN);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(1, 5, 1, 5));
    const fix = actions.find((a) => a.title === 'Generate image with Segmind');
    assert.ok(fix?.command, `no quick fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    const result = await vscode.commands.executeCommand<BatchResult>(fix.command.command, ...(fix.command.arguments ?? []));
    assert.deepEqual(result, { generated: ['mi/img/fox.png'], failed: [] });
    const [job] = await emulator.jobs();
    assert.equal(job?.model, SD35, 'a PNG needs the model that writes PNG');
    assert.equal(job?.params.prompt, 'a red fox in snow');
    assert.equal(job?.params.image_format, 'png');
    const bytes = await vscode.workspace.fs.readFile(inWorkspace('mi/img/fox.png'));
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG file');
    assert.equal((await lensesOf(editor.document.uri)).length, 1, 'its lenses go; the other missing image keeps its own');
  });

  it('Generate Missing Images makes each missing image once, reports {generated, failed}, and a second run makes nothing', async () => {
    // A folder of its own: the quick-fix test already made mi/img/fox.png.
    await vscode.workspace.fs.writeFile(inWorkspace('mib/img/present.png'), Uint8Array.of(1));
    const editor = await openDocument('mib/batch.md', MARKDOWN);
    const first = await vscode.commands.executeCommand<BatchResult>('segmind.generateMissingImages', editor.document.uri, { confirm: false });
    assert.deepEqual([...first.generated].sort(), ['mib/img/fox.png', 'mib/img/night-sky_stars.jpg']);
    assert.deepEqual(first.failed, []);
    const prompts = (await emulator.jobs()).map((j) => j.params.prompt).sort();
    assert.deepEqual(prompts, ['a red fox in snow', 'night sky stars'], 'no alt text: the file name’s words');
    assert.ok(await exists('mib/img/night-sky_stars.jpg'));
    const submits = (await emulator.info()).acceptedSubmits;
    const second = await vscode.commands.executeCommand<BatchResult>('segmind.generateMissingImages', editor.document.uri, { confirm: false });
    assert.deepEqual(second, { generated: [], failed: [] });
    assert.equal((await emulator.info()).acceptedSubmits, submits, 'nothing submitted the second time');
  });

  it('HTML width/height pick the nearest allowed aspect ratio, the extension the format', async () => {
    const editor = await openDocument('mi/page.html', '<p><img src="pics/wide.webp" alt="a wide desert road" width="1600" height="900"></p>\n');
    const result = await vscode.commands.executeCommand<BatchResult>('segmind.generateMissingImages', editor.document.uri, { confirm: false });
    assert.deepEqual(result, { generated: ['mi/pics/wide.webp'], failed: [] });
    const [job] = await emulator.jobs();
    assert.equal(job?.params.aspect_ratio, '16:9 landscape 1344x768');
    assert.equal(job?.params.image_format, 'webp');
  });

  it('one failure does not stop the rest, and says what happened', async () => {
    const editor = await openDocument('mi/two.md', '![one](two/one.jpg)\n![two](two/two.jpg)\n');
    await emulator.fault({ on: 'submit', kind: 'http', status: 406, body: '{"error":"Insufficient credits"}', times: 1 });
    const result = await vscode.commands.executeCommand<BatchResult>('segmind.generateMissingImages', editor.document.uri, { confirm: false });
    assert.equal(result.generated.length, 1);
    assert.equal(result.failed.length, 1);
    assert.match(result.failed[0]?.message ?? '', /credits/i);
    assert.equal(await exists(result.failed[0]?.path ?? ''), false, 'nothing written for the failed one');
  });
});
