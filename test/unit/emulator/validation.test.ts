import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { SD35L_SAMPLERS, SD3M_SCHEDULERS } from '../../emulator/models';
import { SD35L, SD3M, asJson, post } from './helpers';

describe('emulator validation (400 {error} naming the field)', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  const bad: [string, string, Record<string, unknown>, RegExp][] = [
    ['SD35L missing prompt', SD35L, {}, /prompt/],
    ['SD35L empty prompt', SD35L, { prompt: '   ' }, /prompt/],
    ['SD35L steps below 10', SD35L, { prompt: 'x', steps: 9 }, /'steps': 9.*between 10 and 70/],
    ['SD35L steps above 70', SD35L, { prompt: 'x', steps: 71 }, /'steps': 71/],
    ['SD35L steps not an integer', SD35L, { prompt: 'x', steps: 20.5 }, /'steps'/],
    ['SD35L steps as a string', SD35L, { prompt: 'x', steps: '30' }, /'steps': "30"/],
    ['SD35L guidance_scale 15.5', SD35L, { prompt: 'x', guidance_scale: 15.5 }, /'guidance_scale': 15\.5.*between 1 and 15/],
    ['SD35L width 2056', SD35L, { prompt: 'x', width: 2056 }, /'width': 2056.*64 and 2048/],
    ['SD35L height 63', SD35L, { prompt: 'x', height: 63 }, /'height': 63/],
    ['SD35L batch_size 11', SD35L, { prompt: 'x', batch_size: 11 }, /'batch_size': 11.*1 and 10/],
    ['SD35L image_quality 9', SD35L, { prompt: 'x', image_quality: 9 }, /'image_quality': 9/],
    ['SD35L image_format gif', SD35L, { prompt: 'x', image_format: 'gif' }, /'image_format': "gif".*jpeg, png, webp/],
    ['SD35L sampler unknown', SD35L, { prompt: 'x', sampler: 'euler_a' }, /'sampler': "euler_a"/],
    ['SD35L scheduler unknown', SD35L, { prompt: 'x', scheduler: 'Karras' }, /'scheduler': "Karras"/],
    ['SD35L aspect_ratio unknown', SD35L, { prompt: 'x', aspect_ratio: '2:1' }, /'aspect_ratio'/],
    ['SD35L base64 as a string', SD35L, { prompt: 'x', base64: 'true' }, /'base64'/],
    ['SD35L seed -2', SD35L, { prompt: 'x', seed: -2 }, /'seed': -2/],
    ['SD3M samples 5', SD3M, { prompt: 'x', samples: 5 }, /'samples': 5.*1 and 4/],
    ['SD3M num_inference_steps 101', SD3M, { prompt: 'x', num_inference_steps: 101 }, /'num_inference_steps': 101/],
    ['SD3M guidance_scale 26', SD3M, { prompt: 'x', guidance_scale: 26 }, /'guidance_scale': 26.*1 and 25/],
    ['SD3M denoise 0.05', SD3M, { prompt: 'x', denoise: 0.05 }, /'denoise': 0\.05/],
    ['SD3M img_width 1020 (not a multiple of 8)', SD3M, { prompt: 'x', img_width: 1020 }, /'img_width': 1020.*multiples of 8/],
    ['SD3M img_height 504', SD3M, { prompt: 'x', img_height: 504 }, /'img_height': 504.*512 and 2048/],
    ['SD3M modelsamplingsd3_shift 11', SD3M, { prompt: 'x', modelsamplingsd3_shift: 11 }, /'modelsamplingsd3_shift': 11/],
    ['SD3M seed too large', SD3M, { prompt: 'x', seed: 1_000_000_000_000_000 }, /'seed'/],
    ['SD3M conditioning start ≥ stop', SD3M, { prompt: 'x', conditioningsettimesteprange_start: 0.8, conditioningsettimesteprange_stop: 0.5 }, /conditioningsettimesteprange_start.*less than/],
    ['SD3M conditioning stop 1.1', SD3M, { prompt: 'x', conditioningsettimesteprange_stop: 1.1 }, /'conditioningsettimesteprange_stop': 1\.1/],
    ['SD3M scheduler unknown', SD3M, { prompt: 'x', scheduler: 'Warp Drive' }, /'scheduler': "Warp Drive"/],
  ];
  for (const [name, slug, body, message] of bad) {
    it(`400: ${name}`, async () => {
      const r = await asJson(post(emu, `/v2/${slug}`, body));
      assert.equal(r.status, 400);
      assert.match(String(r.json.error), message);
      assert.deepEqual(Object.keys(r.json), ['error']);
      assert.equal(emu.acceptedSubmits(), 0, 'no job is created (nothing billed)');
    });
  }

  it('accepts the pages\' example payloads', async () => {
    const sd35l = { prompt: 'boho', negative_prompt: 'low quality, blurry', steps: 25, guidance_scale: 5.5, seed: 98552302, sampler: 'euler', scheduler: 'sgm_uniform', width: 1024, height: 1024, aspect_ratio: 'custom', batch_size: 1, image_format: 'jpeg', image_quality: 95, base64: false };
    const sd3m = { prompt: 'panda', negative_prompt: 'bad quality', samples: 1, scheduler: 'DPM++ 2M', num_inference_steps: 25, guidance_scale: 5, denoise: 1, seed: 468685, img_width: 1024, img_height: 1024, modelsamplingsd3_shift: 3, conditioningsettimesteprange_start: 0.1, conditioningsettimesteprange_stop: 1, base64: false };
    assert.equal((await post(emu, `/v2/${SD35L}`, sd35l)).status, 200);
    assert.equal((await post(emu, `/v2/${SD3M}`, sd3m)).status, 200);
  });

  it('accepts every published and inferred enum value, and range bounds', async () => {
    for (const sampler of SD35L_SAMPLERS) assert.equal((await post(emu, `/v2/${SD35L}`, { prompt: 'x', sampler, steps: 10, width: 64, height: 2048 })).status, 200, sampler);
    for (const scheduler of SD3M_SCHEDULERS) assert.equal((await post(emu, `/v2/${SD3M}`, { prompt: 'x', scheduler, seed: 999_999_999_999_999 })).status, 200, scheduler);
    assert.equal(SD35L_SAMPLERS.length, 26);
    assert.equal(SD3M_SCHEDULERS.length, 29);
  });

  it('ignores unknown fields, like the real service', async () => {
    assert.equal((await post(emu, `/v2/${SD35L}`, { prompt: 'x', not_a_param: 1 })).status, 200);
  });

  it('invalid JSON → 400', async () => {
    const r = await asJson(post(emu, `/v2/${SD35L}`, '{"prompt": '));
    assert.equal(r.status, 400);
    assert.match(String(r.json.error), /JSON/);
  });

  it('unknown model → 404 {error} naming it', async () => {
    const r = await asJson(post(emu, '/v2/stable-diffusion-9-txt2img', { prompt: 'x' }));
    assert.equal(r.status, 404);
    assert.match(String(r.json.error), /stable-diffusion-9-txt2img/);
    const v1 = await asJson(post(emu, '/v1/stable-diffusion-9-txt2img', { prompt: 'x' }));
    assert.equal(v1.status, 404);
  });

  it('wrong method → 405 answered as HTML', async () => {
    const r = await fetch(`${emu.url}/v2/${SD35L}`, { headers: { 'x-api-key': emu.apiKey } });
    assert.equal(r.status, 405);
    assert.match(r.headers.get('content-type') ?? '', /text\/html/);
  });
});
