// segmind_generate_image through vscode.lm.invokeTool in the real extension host, against the
// emulator: listed in vscode.lm.tools, saves at exactly the given path with metadata and answers
// with text only (never the key); invalid input, a path out of the workspace or onto an existing
// file are refused with 0 requests; cancelling the token stops the job. In an extension-tests run
// VS Code accepts the tool's confirmation by itself.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { TOOL_NAME } from '../../../src/agentTool/contributions';
import { toolInputSchema } from '../../../src/agentTool/schema';
import { readGenerationMetadata } from '../../../src/segmind/metadata';
import { SD35, SD3M, emulator, emulatorPerTest, exists, extensionApi, imageType, inWorkspace, listFolder, readBytes, startHeldJob, waitFor } from '../editor/helpers';

function invoke(input: Record<string, unknown>, token?: vscode.CancellationToken): Thenable<vscode.LanguageModelToolResult> {
  return vscode.lm.invokeTool(TOOL_NAME, { input, toolInvocationToken: undefined }, token);
}

/** The result's text; every part must be text (no image data). */
function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => {
    assert.ok(part instanceof vscode.LanguageModelTextPart, `a text part, not ${JSON.stringify(part).slice(0, 80)}`);
    return part.value;
  }).join('');
}

async function assertNoKey(text: string): Promise<void> {
  const key = process.env.SEGMIND_API_KEY;
  assert.ok(key, 'the launcher sets SEGMIND_API_KEY');
  assert.ok(!text.includes(key), 'the API key is not in the result');
}

describe('language model tool: segmind_generate_image', function () {
  this.timeout(60_000);
  emulatorPerTest();

  it('is listed in vscode.lm.tools with the schema generated from the catalog', () => {
    const tool = vscode.lm.tools.find((t) => t.name === TOOL_NAME);
    assert.ok(tool, `${TOOL_NAME} is not in vscode.lm.tools (${vscode.lm.tools.map((t) => t.name).join(', ')})`);
    assert.deepEqual(tool.inputSchema, toolInputSchema());
    assert.match(tool.description, /It returns text only/);
    assert.ok(tool.tags.includes('segmind'));
  });

  it('saves at exactly the path (format from its extension, metadata embedded) and returns paths, seed, size and the reference, as text', async () => {
    await vscode.workspace.fs.writeFile(inWorkspace('tool/docs/guide.md'), new TextEncoder().encode('# Guide\n'));
    const result = await invoke({ prompt: 'A red fox in snow', model: SD35, width: 256, height: 256, seed: 7, path: 'tool/img/red fox.png', referencedFrom: 'tool/docs/guide.md' });
    const text = textOf(result);
    const lines = text.split('\n');
    assert.equal(lines[0], `Generated 1 image with Stable Diffusion 3.5 Large (${SD35}), seed 7, 256×256 pixels.`);
    assert.ok(lines.includes('- tool/img/red fox.png'), text);
    assert.equal(lines.at(-1), '![A red fox in snow](../img/red%20fox.png)', 'the reference, relative to the document and URL-encoded');
    await assertNoKey(text);
    const bytes = await readBytes('tool/img/red fox.png');
    assert.equal(imageType(bytes), 'png');
    const meta = readGenerationMetadata(bytes);
    assert.equal(meta?.seed, 7);
    assert.equal(meta?.params.prompt, 'A red fox in snow');
    assert.deepEqual(await listFolder('tool/img'), ['red fox.png'], 'no temporary file left');
    const posts = (await emulator.requests()).filter((r) => r.method === 'POST');
    assert.equal(posts.length, 1);
    assert.equal(posts[0]?.path, `/v2/${SD35}`);
    assert.deepEqual([(posts[0]?.json as Record<string, unknown>).image_format, (posts[0]?.json as Record<string, unknown>).aspect_ratio], ['png', 'custom']);
    const requestId = (await emulator.jobs())[0]?.requestId;
    const record = (await extensionApi()).jobs().find((j) => j.requestId === requestId);
    assert.equal(record?.state, 'saved', 'it ran as a normal, persisted job');
  });

  it('samples > 1 at an exact path: name.jpg, name-2.jpg; the reference in an HTML document that does not exist yet', async () => {
    const text = textOf(await invoke({ prompt: 'tiny robot', model: SD3M, width: 512, height: 512, seed: 3, samples: 2, path: 'tool/batch/robot.jpg', referencedFrom: 'tool/site/index.html' }));
    assert.match(text, /^- tool\/batch\/robot\.jpg\n- tool\/batch\/robot-2\.jpg$/m);
    assert.match(text, /<img src="\.\.\/batch\/robot\.jpg" alt="tiny robot">\n<img src="\.\.\/batch\/robot-2\.jpg" alt="tiny robot">$/);
    assert.deepEqual(await listFolder('tool/batch'), ['robot-2.jpg', 'robot.jpg']);
    for (const f of ['tool/batch/robot.jpg', 'tool/batch/robot-2.jpg']) assert.equal(imageType(await readBytes(f)), 'jpeg');
  });

  it('invalid input: a text that names the field and the allowed values, and 0 requests', async () => {
    const text = textOf(await invoke({ prompt: 'bad width', model: SD3M, width: 500, height: 512, path: 'tool/invalid/x.jpg' }));
    assert.equal(text, `Invalid input (fix: width). No image was generated and nothing was billed.\n- width must be an integer from 512 to 2048 in multiples of 8 (got 500) for ${SD3M}`);
    const format = textOf(await invoke({ prompt: 'png from medium', model: SD3M, path: 'tool/invalid/x.png' }));
    assert.match(format, /^Invalid input \(fix: path\)\..*\n- Stable Diffusion 3 Medium cannot write PNG images: the path must end with \.jpg or \.jpeg, or use another model$/s);
    assert.deepEqual((await emulator.requests()).length, 0, 'nothing reached the emulator');
    assert.equal(await exists('tool/invalid'), false);
  });

  it('a path outside the workspace is refused with 0 requests: "..", absolute, and through a symbolic link', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'segmind-tool-outside-'));
    fs.mkdirSync(inWorkspace('tool').fsPath, { recursive: true });
    fs.symlinkSync(outside, inWorkspace('tool/escape-link').fsPath, 'dir');
    try {
      const parent = textOf(await invoke({ prompt: 'escape', path: '../escaped.png' }));
      assert.match(parent, /^Invalid input \(fix: path\)\..*The path "\.\.\/escaped\.png" goes up out of the workspace/s);
      const absolute = textOf(await invoke({ prompt: 'escape', path: path.join(outside, 'abs.png') }));
      assert.match(absolute, /is an absolute path, not in the workspace/);
      const linked = textOf(await invoke({ prompt: 'escape', path: 'tool/escape-link/linked.png' }));
      assert.match(linked, /^Not generated: .*"tool\/escape-link" leads outside the workspace \(through a symbolic link\).* No request was sent to Segmind and nothing was billed\.$/s);
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing written outside');
      assert.equal(fs.existsSync(path.join(path.dirname(inWorkspace('').fsPath), 'escaped.png')), false);
      assert.equal((await emulator.requests()).length, 0);
    } finally {
      fs.rmSync(inWorkspace('tool/escape-link').fsPath, { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('an existing file is never replaced: refused before any request, the file untouched', async () => {
    await vscode.workspace.fs.writeFile(inWorkspace('tool/existing/keep.png'), new TextEncoder().encode('mine'));
    const text = textOf(await invoke({ prompt: 'overwrite', path: 'tool/existing/keep.png' }));
    assert.equal(text, 'Not generated: "tool/existing/keep.png" already exists, and an image is never saved over a file. Choose another path, or delete that file first. No request was sent to Segmind and nothing was billed.');
    assert.equal(new TextDecoder().decode(await readBytes('tool/existing/keep.png')), 'mine');
    assert.equal((await emulator.requests()).length, 0);
  });

  it('cancelling the token stops waiting: CancellationError, nothing saved, the job cancelled', async () => {
    const source = new vscode.CancellationTokenSource();
    const { pending, requestId } = await startHeldJob(() => invoke({ prompt: 'cancel me', model: SD3M, width: 512, height: 512, path: 'tool/cancel/x.jpg' }, source.token));
    source.cancel();
    await assert.rejects(pending, (e: unknown) => e instanceof Error && e.name === 'Canceled');
    const api = await extensionApi();
    await waitFor('the job to be cancelled', () => api.jobs().find((j) => j.requestId === requestId)?.state === 'cancelled');
    assert.deepEqual(await listFolder('tool/cancel'), []);
    source.dispose();
  });

  after(async () => {
    await vscode.workspace.fs.delete(inWorkspace('tool'), { recursive: true }).then(undefined, () => undefined);
  });
});
