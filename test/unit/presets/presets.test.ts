import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergePresets, parsePresetList, parsePresetsFile, generationSettings } from '../../../src/shared/presets';
import { applyStyle, parseStyleTemplate, styleTemplate } from '../../../src/shared/presetStyle';
import { buildSnapshot } from '../../../src/settings/snapshot';
import { presetOptionsHtml } from '../../../media/presets';

const SD35 = 'stable-diffusion-3.5-large-txt2img';
const SD3M = 'stable-diffusion-3-medium-txt2img';

describe('presets: validation', () => {
  it('keeps valid presets (trimmed name, params default to {}) and drops each bad one with where, which preset and which field', () => {
    const list = parsePresetList([
      { name: ' Ink ', model: SD3M, suffix: ', ink drawing' },
      { name: 'Wide', model: SD35, params: { aspect_ratio: '16:9 landscape 1344x768', steps: 40 } },
      { name: 'Bad steps', model: SD35, params: { steps: 500 } },
      { name: 'Old model', model: 'sdxl' },
      { model: SD35 },
      { name: 'Prompted', model: SD35, params: { prompt: 'x' } },
      { name: 'Ink', model: SD35 },
    ], 'segmind.presets');
    assert.deepEqual(list.presets.map((p) => p.name), ['Ink', 'Wide']);
    assert.deepEqual(list.presets[0], { name: 'Ink', model: SD3M, params: {}, suffix: ', ink drawing' });
    assert.deepEqual(list.problems, [
      'segmind.presets: preset "Bad steps": params.steps: steps must be an integer from 10 to 70 (got 500)',
      `segmind.presets: preset "Old model": model must be one of ${SD35}, ${SD3M}`,
      'segmind.presets: preset #5: name must be a non-empty name',
      'segmind.presets: preset "Prompted": params must not contain "prompt" (use prefix/suffix)',
      'segmind.presets: preset "Ink": name is used twice (the first one is kept)',
    ]);
  });

  it('reads a workspace file ({presets: [...]} or a bare list) and names the file for bad JSON or a bad preset', () => {
    const ok = parsePresetsFile(JSON.stringify({ presets: [{ name: 'A', model: SD3M }] }), '.vscode/segmind-presets.json');
    assert.deepEqual(ok, { presets: [{ name: 'A', model: SD3M, params: {} }], problems: [] });
    assert.equal(parsePresetsFile(JSON.stringify([{ name: 'B', model: SD3M }]), 'f.json').presets[0]?.name, 'B');
    const broken = parsePresetsFile('{ "presets": [', '.vscode/segmind-presets.json');
    assert.equal(broken.presets.length, 0);
    assert.match(broken.problems[0] ?? '', /^\.vscode\/segmind-presets\.json is not valid JSON \(/);
    const bad = parsePresetsFile(JSON.stringify({ presets: [{ name: 'C', model: SD3M, params: { img_width: 7 } }] }), '.vscode/segmind-presets.json');
    assert.match(bad.problems[0] ?? '', /^\.vscode\/segmind-presets\.json "presets": preset "C": params\.img_width: /);
    assert.deepEqual(parsePresetsFile('{"presets": 3}', 'f.json').problems, ['f.json "presets" must be a list of presets (got number)']);
  });

  it('bad presets in the settings are reported, not blocking generation; the valid ones are kept', () => {
    const s = buildSnapshot({ presets: [{ name: 'A', model: SD3M }, { name: 'B', model: 'x' }], queueConcurrency: 3 });
    const parsed = parsePresetList(s.presets, 'segmind.presets');
    assert.deepEqual(parsed.presets.map((p) => p.name), ['A']);
    assert.equal(parsed.problems.length, 1);
    assert.deepEqual(s.problems, []);
    assert.equal(s.queueConcurrency, 3);
    assert.deepEqual(buildSnapshot({ queueConcurrency: 0 }).problems, ['segmind.queue.concurrency must be an integer from 1 to 8 (got 0)']);
  });
});

describe('presets: merge and style', () => {
  it('workspace presets come first and win a name clash', () => {
    const merged = mergePresets([{ name: 'A', model: SD35, params: {} }, { name: 'B', model: SD35, params: {} }], [{ name: 'B', model: SD3M, params: {} }]);
    assert.deepEqual(merged.map((p) => `${p.name}:${p.source}:${p.model}`), [`B:workspace:${SD3M}`, `A:user:${SD35}`]);
  });

  it('a style wraps the prompt; a one-line template splits at {prompt}', () => {
    assert.equal(applyStyle('a cat', { prefix: 'photo of ', suffix: ', 35mm' }), 'photo of a cat, 35mm');
    assert.equal(applyStyle('a cat', undefined), 'a cat');
    assert.deepEqual(parseStyleTemplate('photo of {prompt}, 35mm'), { prefix: 'photo of ', suffix: ', 35mm' });
    assert.deepEqual(parseStyleTemplate('watercolor'), { suffix: ', watercolor' });
    assert.deepEqual(parseStyleTemplate('  '), {});
    assert.equal(styleTemplate({ prefix: 'photo of ', suffix: ', 35mm' }), 'photo of {prompt}, 35mm');
    assert.equal(styleTemplate({}), '');
  });

  it('a request: user defaults, then the preset, then the caller, and the styled prompt', () => {
    const preset = { name: 'P', model: SD3M, params: { steps: 20, seed: 3 }, prefix: 'ink: ' };
    const settings = { defaultModel: SD35, defaultParameters: { [SD3M]: { steps: 30, guidance_scale: 4 }, [SD35]: { steps: 50 } } };
    assert.deepEqual(generationSettings('a fox', preset, settings, { params: { seed: 9 } }), {
      model: SD3M,
      params: { steps: 20, guidance_scale: 4, seed: 9, prompt: 'ink: a fox' },
    });
    assert.deepEqual(generationSettings('a fox', null, settings), { model: SD35, params: { steps: 50, prompt: 'a fox' } });
    assert.deepEqual(generationSettings('a fox', null, settings, { model: SD3M }), { model: SD3M, params: { steps: 30, guidance_scale: 4, prompt: 'a fox' } });
  });

  it('the panel lists presets escaped, with the default settings first and the selection kept', () => {
    const html = presetOptionsHtml([{ name: '<b>"x"</b>', model: SD3M, params: {}, source: 'workspace' }], '<b>"x"</b>');
    assert.ok(!html.includes('<b>'));
    assert.match(html, /^<option value="">Default settings<\/option><option value="&#60;b&#62;&#34;x&#34;&#60;\/b&#62;" selected>/);
    assert.match(html, /Stable Diffusion 3 Medium \(workspace\)<\/option>$/);
  });
});
