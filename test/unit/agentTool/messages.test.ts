// The confirmation (read as a modal dialog outside chat) and the text results a model reads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseToolInput, type ToolRequest } from '../../../src/agentTool/input';
import { confirmation, exactPaths, invalidInputText, refusedText, resultText } from '../../../src/agentTool/messages';

const SD35 = 'stable-diffusion-3.5-large-txt2img';
const UNKNOWN = { estimate: undefined, over: undefined };

function parsed(input: Record<string, unknown>): ToolRequest {
  const result = parseToolInput(input, { defaultModel: SD35, defaultParameters: {} });
  assert.ok(result.ok);
  return result.request;
}

describe('tool messages', () => {
  it('the confirmation names model, size, count, target and the expected cost', () => {
    const shown = confirmation(parsed({ prompt: 'A  lighthouse\nat dusk', width: 768, height: 512, path: 'docs/img/light.webp' }), 'assets/generated', { estimate: { credits: 0.04, basis: 'learned' }, over: undefined });
    assert.equal(shown.title, 'Generate an image with Segmind?');
    assert.equal(shown.message, [
      'Stable Diffusion 3.5 Large will generate 1 image of 768×512 pixels (WEBP) and save it as docs/img/light.webp.',
      'Expected cost: 1 image billed to your Segmind account, ≈ 0.04 credits.',
      'Prompt: “A lighthouse at dusk”',
    ].join('\n\n'));
    assert.equal(shown.progress, 'Generating 1 image with Stable Diffusion 3.5 Large');
  });

  it('a batch lists every file it will write; without a path, the output folder', () => {
    const batch = parsed({ prompt: 'p', samples: 3, path: 'a/b.png' });
    assert.deepEqual(exactPaths(batch), ['a/b.png', 'a/b-2.png', 'a/b-3.png']);
    const shown = confirmation(batch, 'x', UNKNOWN);
    assert.equal(shown.title, 'Generate 3 images with Segmind?');
    assert.match(shown.message, /generate 3 images of 1024×1024 pixels \(PNG\) and save them as a\/b\.png, a\/b-2\.png, a\/b-3\.png\.\n\nExpected cost: 3 images billed to your Segmind account\. No cost estimate yet — learned from your first job with this model\./);
    assert.match(confirmation(parsed({ prompt: 'p' }), 'assets/${date}', UNKNOWN).message, /\(JPG\) and save it in your output folder "assets\/\$\{date\}"\./);
  });

  it('over the last known balance, the confirmation says so and that the tool will not run it', () => {
    const shown = confirmation(parsed({ prompt: 'p', samples: 2 }), 'x', { estimate: { credits: 2.4, basis: 'scaled' }, over: { estimate: 2.4, remaining: 1.2 } });
    assert.match(shown.message, /≈ 2\.40 credits\.\n\n⚠ This run is estimated at ≈ 2\.40 credits, more than the 1\.20 credits left .* The tool will not run it/);
  });

  it('the result: paths, model, seed, size, and the reference for the document', () => {
    const request = parsed({ prompt: 'p', path: 'img/a.png', referencedFrom: 'docs/page.md' });
    assert.equal(resultText({ request, seed: 42, files: ['img/a.png'], references: ['![p](../img/a.png)'] }), [
      `Generated 1 image with Stable Diffusion 3.5 Large (${SD35}), seed 42, 1024×1024 pixels.`,
      'Saved (workspace-relative):',
      '- img/a.png',
      'Reference to paste into docs/page.md (relative to it, in its language):',
      '![p](../img/a.png)',
    ].join('\n'));
    assert.doesNotMatch(resultText({ request: parsed({ prompt: 'p' }), seed: 1, files: ['x.jpg'] }), /Reference/);
  });

  it('refusals say what to fix and that nothing was billed', () => {
    assert.equal(invalidInputText([{ field: 'width', message: 'width must be …' }, { field: 'width', message: 'again' }]),
      'Invalid input (fix: width). No image was generated and nothing was billed.\n- width must be …\n- again');
    assert.equal(refusedText('"a.png" already exists.'), 'Not generated: "a.png" already exists. No request was sent to Segmind and nothing was billed.');
  });
});
