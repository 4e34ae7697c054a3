// Tool input → request parameters: each model's own parameter names, the size fields it takes, the
// format from the path, the user's defaults (but not their image count), and problems that name
// the tool field to fix with the values it allows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseToolInput, type InputContext, type ParsedToolInput } from '../../../src/agentTool/input';

const SD35 = 'stable-diffusion-3.5-large-txt2img';
const SD3M = 'stable-diffusion-3-medium-txt2img';
const context: InputContext = { defaultModel: SD35, defaultParameters: {} };

function request(parsed: ParsedToolInput) {
  assert.ok(parsed.ok, `refused: ${parsed.ok ? '' : JSON.stringify(parsed.issues)}`);
  return parsed.request;
}

function issues(parsed: ParsedToolInput) {
  assert.equal(parsed.ok, false, 'accepted but should be refused');
  return parsed.ok ? [] : parsed.issues;
}

describe('tool input → request', () => {
  it('SD 3.5 Large: width/height switch aspect_ratio to custom; samples is batch_size (default 1); the path picks image_format', () => {
    const r = request(parseToolInput({ prompt: 'a fox', width: 512, height: 256, seed: 7, path: 'img/fox.PNG' }, context));
    assert.equal(r.model.slug, SD35);
    assert.deepEqual(r.params, { prompt: 'a fox', batch_size: 1, width: 512, height: 256, seed: 7, aspect_ratio: 'custom', image_format: 'png' });
    assert.deepEqual([r.count, r.size, r.format, r.path?.path], [1, { width: 512, height: 256 }, 'png', 'img/fox.PNG']);
  });

  it('SD 3 Medium: width/height are img_width/img_height, samples is samples; a preset size for SD 3.5 Large', () => {
    const m = request(parseToolInput({ prompt: 'p', model: SD3M, width: 768, height: 512, samples: 3, path: 'a.jpg' }, context));
    assert.deepEqual(m.params, { prompt: 'p', samples: 3, img_width: 768, img_height: 512 });
    assert.deepEqual([m.count, m.size, m.format], [3, { width: 768, height: 512 }, 'jpeg']);
    const l = request(parseToolInput({ prompt: 'p', aspect_ratio: '16:9 landscape 1344x768' }, context));
    assert.deepEqual(l.size, { width: 1344, height: 768 });
  });

  it('applies the user\'s defaults for the model, but an agent\'s call makes 1 image unless it asks for more', () => {
    const r = request(parseToolInput({ prompt: 'p', model: SD3M }, { defaultModel: SD35, defaultParameters: { [SD3M]: { num_inference_steps: 40, samples: 4 } } }));
    assert.deepEqual(r.params, { prompt: 'p', num_inference_steps: 40, samples: 1 });
    const d = request(parseToolInput({ prompt: 'p' }, { defaultModel: SD3M, defaultParameters: {} }));
    assert.equal(d.model.slug, SD3M, 'the default model setting');
  });

  it('an invalid value names the tool field and what it allows (the model\'s own limits)', () => {
    assert.deepEqual(issues(parseToolInput({ prompt: 'p', model: SD3M, width: 500 }, context)), [
      { field: 'width', message: `width must be an integer from 512 to 2048 in multiples of 8 (got 500) for ${SD3M}` },
    ]);
    assert.deepEqual(issues(parseToolInput({ prompt: 'p', samples: 11 }, context)), [
      { field: 'samples', message: `samples must be an integer from 1 to 10 (got 11) for ${SD35}` },
    ]);
    assert.deepEqual(issues(parseToolInput({ prompt: '  ' }, context)).map((i) => i.field), ['prompt']);
    assert.deepEqual(issues(parseToolInput({}, context)), [{ field: 'prompt', message: `prompt is required: describe the image to generate for ${SD35}` }]);
    assert.match(issues(parseToolInput({ prompt: 'p', aspect_ratio: 'wide' }, context))[0]?.message ?? '', /^aspect_ratio must be one of "custom", "1:1 square 1024x1024"/);
  });

  it('refuses a model, field or size combination it does not know, saying what there is', () => {
    assert.deepEqual(issues(parseToolInput({ prompt: 'p', model: 'sdxl' }, context)), [{ field: 'model', message: `model must be one of ${SD35}, ${SD3M} (got "sdxl")` }]);
    assert.deepEqual(issues(parseToolInput({ prompt: 'p', model: SD3M, aspect_ratio: 'custom' }, context)), [{ field: 'aspect_ratio', message: `aspect_ratio does not apply to ${SD3M}; its size fields are width and height` }]);
    assert.equal(issues(parseToolInput({ prompt: 'p', steps: 5 }, context))[0]?.field, 'steps');
    assert.equal(issues(parseToolInput({ prompt: 'p', aspect_ratio: '1:1 square 1024x1024', width: 512 }, context))[0]?.field, 'aspect_ratio');
    assert.equal(issues(parseToolInput('a fox', context))[0]?.field, 'input');
  });

  it('refuses a path outside the workspace or of a format the model cannot write', () => {
    const outside = issues(parseToolInput({ prompt: 'p', path: '../escape.png' }, context));
    assert.equal(outside[0]?.field, 'path');
    assert.match(outside[0]?.message ?? '', /goes up out of the workspace/);
    const medium = issues(parseToolInput({ prompt: 'p', model: SD3M, path: 'a.png' }, context));
    assert.deepEqual(medium, [{ field: 'path', message: 'Stable Diffusion 3 Medium cannot write PNG images: the path must end with .jpg or .jpeg, or use another model' }]);
    assert.equal(issues(parseToolInput({ prompt: 'p', path: 3 }, context))[0]?.field, 'path');
  });

  it('referencedFrom is a workspace-relative document, normalised', () => {
    assert.equal(request(parseToolInput({ prompt: 'p', referencedFrom: './docs\\guide.md' }, context)).referencedFrom, 'docs/guide.md');
    for (const bad of ['/etc/passwd', '../x.md', '', 7]) assert.equal(issues(parseToolInput({ prompt: 'p', referencedFrom: bad }, context))[0]?.field, 'referencedFrom', String(bad));
  });

  it('a bad value in the user\'s defaults is blamed on the setting, not on the agent', () => {
    const found = issues(parseToolInput({ prompt: 'p', model: SD3M }, { defaultModel: SD35, defaultParameters: { [SD3M]: { num_inference_steps: 500 } } }));
    assert.equal(found[0]?.field, 'segmind.defaultParameters');
    assert.match(found[0]?.message ?? '', /^num_inference_steps must be an integer from 10 to 100 \(got 500\) \(from the user's "segmind.defaultParameters" setting/);
  });
});
