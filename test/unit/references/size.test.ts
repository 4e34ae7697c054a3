import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearestAllowedSize } from '../../../src/references';
import { MODELS } from '../../../src/shared/catalog';
import { validateParams } from '../../../src/shared/validation';

const LARGE = MODELS['stable-diffusion-3.5-large-txt2img'];
const MEDIUM = MODELS['stable-diffusion-3-medium-txt2img'];

describe('nearest allowed size', () => {
  it('picks the SD 3.5 Large aspect-ratio preset of the nearest shape', () => {
    const cases: [number, number, string][] = [
      [300, 300, '1:1 square 1024x1024'],
      [1920, 1080, '16:9 landscape 1344x768'],
      [600, 400, '3:2 landscape 1216x832'],
      [1080, 1920, '9:16 portrait 768x1344'],
      [800, 1000, '3:4 portrait 896x1152'],
      [4000, 1000, '21:9 landscape 1536x640'],
    ];
    for (const [width, height, preset] of cases) {
      assert.deepEqual(nearestAllowedSize(LARGE, { width, height })?.params, { aspect_ratio: preset }, `${width}x${height}`);
    }
    assert.deepEqual(nearestAllowedSize(LARGE, { width: 1920, height: 1080 }), { params: { aspect_ratio: '16:9 landscape 1344x768' }, width: 1344, height: 768 });
  });

  it('keeps an SD 3 Medium size in range, on multiples of 8', () => {
    assert.deepEqual(nearestAllowedSize(MEDIUM, { width: 1600, height: 900 }), { params: { img_width: 1600, img_height: 904 }, width: 1600, height: 904 });
  });

  it('scales an SD 3 Medium size into range keeping its shape, and clamps when no scale fits', () => {
    assert.deepEqual(nearestAllowedSize(MEDIUM, { width: 300, height: 200 })?.params, { img_width: 768, img_height: 512 });
    assert.deepEqual(nearestAllowedSize(MEDIUM, { width: 4000, height: 1000 })?.params, { img_width: 2048, img_height: 512 });
    assert.deepEqual(nearestAllowedSize(MEDIUM, { width: 6000, height: 500 })?.params, { img_width: 2048, img_height: 512 });
  });

  it('gives parameters the request validation accepts', () => {
    for (const [width, height] of [[1, 1], [300, 200], [1234, 567], [9999, 10], [10, 9999]] as const) {
      for (const model of [LARGE, MEDIUM]) {
        const choice = nearestAllowedSize(model, { width, height });
        assert.deepEqual(validateParams(model.slug, { prompt: 'x', ...choice?.params }), [], `${model.slug} ${width}x${height}`);
      }
    }
  });

  it('leaves the size to the model without both sides', () => {
    assert.equal(nearestAllowedSize(LARGE, { width: 800 }), undefined);
    assert.equal(nearestAllowedSize(MEDIUM, { height: 800 }), undefined);
    assert.equal(nearestAllowedSize(MEDIUM, {}), undefined);
  });
});
