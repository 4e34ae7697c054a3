// segmind.generateFromSelection end to end against the emulator: both models, async (v2) and sync
// (v1), batches, the files written, what was sent, metadata, names, settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readGenerationMetadata } from '../../../src/segmind/metadata';
import {
  SD35, SD3M, closeEditors, emulator, exists, generate, imageType, listFolder, openDocument, readBytes, setSetting,
} from './helpers';

describe('generate from selection (programmatic)', function () {
  this.timeout(60_000);

  beforeEach(async () => {
    await emulator.reset();
    await closeEditors();
  });
  afterEach(async () => {
    for (const key of ['requestMode', 'embedMetadata', 'fileNameTemplate', 'defaultParameters', 'outputFolder', 'defaultModel']) await setSetting(key, undefined);
  });

  it('SD 3.5 Large, async: one PNG saved where asked, the exact body sent once, metadata embedded', async () => {
    const result = await generate({ prompt: 'A red fox in snow', model: SD35, params: { image_format: 'png', seed: 77, steps: 12 }, folder: 'out/sd35-async', insert: false });
    assert.deepEqual(result.files, ['out/sd35-async/a-red-fox-in-snow-77.png']);
    const submits = (await emulator.requests()).filter((r) => r.method === 'POST');
    assert.equal(submits.length, 1);
    assert.equal(submits[0]?.path, `/v2/${SD35}`);
    assert.deepEqual(submits[0]?.json, {
      prompt: 'A red fox in snow', negative_prompt: 'low quality, blurry', aspect_ratio: 'custom', width: 1024, height: 1024, steps: 12,
      guidance_scale: 5.5, sampler: 'euler', scheduler: 'sgm_uniform', seed: 77, batch_size: 1, image_format: 'png', image_quality: 95, base64: false,
    });
    const jobs = await emulator.jobs();
    assert.equal(result.requestId, jobs[0]?.requestId);
    const bytes = await readBytes(result.files[0]!);
    assert.equal(imageType(bytes), 'png');
    const meta = readGenerationMetadata(bytes);
    assert.equal(meta?.model, SD35);
    assert.equal(meta?.seed, 77);
    assert.equal(meta?.requestId, result.requestId);
    assert.equal(meta?.params.prompt, 'A red fox in snow');
  });

  it('SD 3 Medium, async, samples: 3 → three JPEGs in output order with their own names', async () => {
    const result = await generate({ prompt: 'tiny robot', model: SD3M, params: { samples: 3, seed: 5, img_width: 512, img_height: 512 }, folder: 'out/sd3m-batch', insert: false });
    assert.deepEqual(result.files, ['out/sd3m-batch/tiny-robot-5.jpg', 'out/sd3m-batch/tiny-robot-5-2.jpg', 'out/sd3m-batch/tiny-robot-5-3.jpg']);
    for (const f of result.files) assert.equal(imageType(await readBytes(f)), 'jpeg');
    const outputs = (await emulator.jobs())[0]?.outputs ?? [];
    assert.equal(outputs.length, 3);
  });

  it('sync mode (v1): SD 3.5 Large batch of 2 and SD 3 Medium single', async () => {
    await setSetting('requestMode', 'sync');
    const batch = await generate({ prompt: 'sync batch', model: SD35, params: { batch_size: 2, seed: 9, image_format: 'webp', width: 256, height: 256 }, folder: 'out/sync', insert: false });
    assert.deepEqual(batch.files, ['out/sync/sync-batch-9.webp', 'out/sync/sync-batch-9-2.webp']);
    for (const f of batch.files) assert.equal(imageType(await readBytes(f)), 'webp');
    const single = await generate({ prompt: 'sync single', model: SD3M, params: { seed: 3, img_width: 512, img_height: 512 }, folder: 'out/sync', insert: false });
    assert.deepEqual(single.files, ['out/sync/sync-single-3.jpg']);
    const posts = (await emulator.requests()).filter((r) => r.method === 'POST').map((r) => r.path);
    assert.deepEqual(posts, [`/v1/${SD35}`, `/v1/${SD3M}`]);
  });

  it('with embedMetadata off, the file is exactly the bytes Segmind returned', async () => {
    await setSetting('embedMetadata', false);
    const result = await generate({ prompt: 'exact bytes', model: SD35, params: { image_format: 'png', seed: 1, width: 256, height: 256 }, folder: 'out/exact', insert: false });
    const url = (await emulator.jobs())[0]?.outputs[0];
    assert.ok(url);
    const served = new Uint8Array(await (await fetch(url)).arrayBuffer());
    assert.ok(Buffer.from(await readBytes(result.files[0]!)).equals(Buffer.from(served)), "saved bytes differ from the served bytes");
  });

  it('never overwrites: the same name again becomes name-2', async () => {
    const options = { prompt: 'same name', model: SD3M, params: { seed: 11, img_width: 512, img_height: 512 }, folder: 'out/unique', insert: false };
    const first = await generate(options);
    const second = await generate(options);
    assert.deepEqual([...first.files, ...second.files], ['out/unique/same-name-11.jpg', 'out/unique/same-name-11-2.jpg']);
    assert.deepEqual(await listFolder('out/unique'), ['same-name-11-2.jpg', 'same-name-11.jpg'], 'no temporary file is left behind');
  });

  it('uses the settings: template, output folder variables, per-model default parameters, default model', async () => {
    await setSetting('fileNameTemplate', '${model}_${index}_${seed}');
    await setSetting('outputFolder', 'gen/${model}');
    await setSetting('defaultModel', SD3M);
    await setSetting('defaultParameters', { [SD3M]: { num_inference_steps: 11, samples: 2, img_width: 512, img_height: 512 } });
    const result = await generate({ prompt: 'settings', params: { seed: 4, samples: 1 }, insert: false });
    assert.deepEqual(result.files, [`gen/${SD3M}/${SD3M}_1_4.jpg`]);
    const body = (await emulator.requests()).find((r) => r.method === 'POST')?.json as Record<string, unknown>;
    assert.equal(body.num_inference_steps, 11, 'the user default is sent');
    assert.equal(body.samples, 1, 'the caller\'s params win over the user default');
  });

  it('takes the prompt from the selection when no prompt is passed', async () => {
    await openDocument('docs/selection.md', '# Title\n\na lighthouse at dusk\n', 'a lighthouse at dusk');
    const result = await generate({ model: SD3M, params: { seed: 8, img_width: 512, img_height: 512 }, folder: 'out/selection', insert: false });
    assert.deepEqual(result.files, ['out/selection/a-lighthouse-at-dusk-8.jpg']);
    assert.equal(((await emulator.requests()).find((r) => r.method === 'POST')?.json as { prompt?: string }).prompt, 'a lighthouse at dusk');
    assert.equal(await exists('out/selection/a-lighthouse-at-dusk-8.jpg'), true);
  });

  it('a random seed is replaced by a concrete one before submit and used in the name', async () => {
    const result = await generate({ prompt: 'random seed', model: SD3M, params: { seed: -1, img_width: 512, img_height: 512 }, folder: 'out/seed', insert: false });
    const body = (await emulator.requests()).find((r) => r.method === 'POST')?.json as { seed: number };
    assert.ok(Number.isInteger(body.seed) && body.seed >= 0, `seed sent: ${body.seed}`);
    assert.deepEqual(result.files, [`out/seed/random-seed-${body.seed}.jpg`]);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'out'), { recursive: true });
  });
});
