// The generator form is derived from the catalog: every parameter of both models is on it with its
// label, help, bounds and default, and inline errors are the core's validation messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODELS, MODEL_SLUGS, type ModelSpec } from '../../../src/shared/catalog';
import { validateParams } from '../../../src/shared/validation';
import { coerceInput, defaultValues, describeForm, fieldKind, renderForm, requestParams, summarize } from '../../../media/form';

/** Attributes of the element whose id is `id` in an HTML string (enough for our own generated markup). */
function element(html: string, id: string): Record<string, string> | undefined {
  const match = new RegExp(`<(\\w+)([^>]*\\sid="${id}"[^>]*)>`).exec(html);
  if (!match) return undefined;
  const attrs: Record<string, string> = { tag: match[1] ?? '' };
  for (const a of (match[2] ?? '').matchAll(/\s([\w-]+)(?:="([^"]*)")?/g)) attrs[a[1] ?? ''] = a[2] ?? '';
  return attrs;
}

for (const slug of MODEL_SLUGS) {
  const model: ModelSpec = MODELS[slug];

  test(`${model.name}: every catalog parameter renders with its label, help and bounds`, () => {
    const values = defaultValues(model);
    const html = renderForm(model, values, [], false);
    for (const p of model.parameters) {
      const control = element(html, `f-${p.name}`);
      assert.ok(control, `${p.name} has a control`);
      assert.match(html, new RegExp(`<label for="f-${p.name}">${p.label.replace(/[()]/g, '\\$&')}`), `${p.name} has its label`);
      assert.ok(html.includes(p.help.replace(/'/g, '&#39;')), `${p.name} shows its help`);
      assert.equal(control['aria-describedby'], `h-${p.name} e-${p.name}`, `${p.name} is described by help and error`);
      if (p.min !== undefined && p.type !== 'enum') assert.equal(control.min, String(p.min), `${p.name} min`);
      if (p.max !== undefined && p.type !== 'enum') assert.equal(control.max, String(p.max), `${p.name} max`);
      if (p.step !== undefined && p.type === 'integer') assert.equal(control.step, String(p.step), `${p.name} step`);
      const kind = fieldKind(p);
      if (kind === 'slider') {
        const slider = element(html, `r-${p.name}`);
        assert.ok(slider, `${p.name} has a slider`);
        assert.equal(slider.min, String(p.min));
        assert.equal(slider.max, String(p.max));
        assert.equal(control.type, 'number', `${p.name} has a number field beside the slider`);
      }
      if (p.default !== undefined && p.type !== 'text' && p.type !== 'boolean' && p.type !== 'enum') {
        assert.equal(control.value, String(p.default), `${p.name} starts at its default`);
      }
      if (p.type === 'enum' && !p.openEnum) {
        assert.equal(control.tag, 'select');
        for (const v of p.values ?? []) assert.ok(html.includes(`<option value="${v}"`), `${p.name} offers ${v}`);
        assert.ok(html.includes(`<option value="${String(p.default)}" selected>`), `${p.name} selects its default`);
      }
      if (p.openEnum) {
        assert.equal(control.list, `l-${p.name}`, `${p.name} suggests values but accepts any name`);
        for (const v of p.values ?? []) assert.ok(html.includes(`<option value="${v}"`), `${p.name} suggests ${v}`);
      }
      if (p.type === 'boolean') assert.equal(control.type, 'checkbox');
      if (p.multiline) assert.equal(control.tag, 'textarea');
      if (p.required) assert.ok('required' in control, `${p.name} is marked required`);
    }
    assert.equal(describeForm(model, values).length, model.parameters.length);
  });

  test(`${model.name}: the seed has a random toggle and a reuse action`, () => {
    const seed = model.parameters.find((p) => p.isSeed);
    assert.ok(seed);
    const random = renderForm(model, defaultValues(model), [], true);
    assert.ok('disabled' in (element(random, `f-${seed.name}`) ?? {}), 'seed field is disabled while random');
    assert.ok('checked' in (element(random, 'seed-random') ?? {}));
    assert.ok(element(random, 'reuse-seed'));
    const fixed = renderForm(model, { ...defaultValues(model), [seed.name]: 1234 }, [], false);
    assert.equal(element(fixed, `f-${seed.name}`)?.value, '1234');
    assert.deepEqual(requestParams(model, { ...defaultValues(model), prompt: 'x', [seed.name]: 1234 }, true)[seed.name], undefined, 'random sends no seed');
    assert.equal(requestParams(model, { ...defaultValues(model), prompt: 'x', [seed.name]: 1234 }, false)[seed.name], 1234);
  });

  test(`${model.name}: defaults with a prompt are valid; the summary names size, format and count`, () => {
    const values = { ...defaultValues(model), prompt: 'a lighthouse at dusk' };
    assert.deepEqual(validateParams(slug, requestParams(model, values, true)), []);
    assert.match(summarize(model, values), /^1024 × 1024 · JPEG · 1 image · about \d+ s$/);
  });

  test(`${model.name}: an out-of-range value shows the core's message inline`, () => {
    const steps = model.parameters.find((p) => p.name === model.stepsParam);
    assert.ok(steps?.max !== undefined);
    const values = { ...defaultValues(model), prompt: 'x', [steps.name]: steps.max + 1 };
    const issues = validateParams(slug, requestParams(model, values, true));
    assert.equal(issues.length, 1);
    const html = renderForm(model, values, issues, true);
    const message = issues[0]?.message ?? '';
    assert.match(message, new RegExp(`${steps.name}.*${steps.min}.*${steps.max}`));
    assert.ok(html.includes(`<div class="error" id="e-${steps.name}" role="alert">${message}</div>`), 'the message is next to the field');
    assert.ok(html.includes(`<div class="error" id="e-prompt" role="alert" hidden></div>`), 'valid fields show no error');
  });
}

test('SD 3.5 Large: width and height are shown only for the "custom" aspect ratio, and are not sent otherwise', () => {
  const model = MODELS['stable-diffusion-3.5-large-txt2img'];
  const custom = { ...defaultValues(model), prompt: 'x', aspect_ratio: 'custom' };
  const preset = { ...custom, aspect_ratio: '16:9 landscape 1344x768' };
  assert.ok(!/data-field="width" hidden/.test(renderForm(model, custom, [], true)));
  assert.ok(/data-field="width" hidden/.test(renderForm(model, preset, [], true)));
  assert.ok(/data-field="height" hidden/.test(renderForm(model, preset, [], true)));
  assert.equal(requestParams(model, preset, true).width, undefined);
  assert.equal(requestParams(model, custom, true).width, 1024);
  assert.match(summarize(model, preset), /^1344 × 768 /);
});

test('SD 3 Medium: sizes step by 8 and the inferred schedulers are marked', () => {
  const model = MODELS['stable-diffusion-3-medium-txt2img'];
  const html = renderForm(model, defaultValues(model), [], true);
  assert.equal(element(html, 'f-img_width')?.step, '8');
  assert.ok(html.includes(`<option value="Euler a" label="(not on Segmind&#39;s page)">`));
  const issues = validateParams(model.slug, { prompt: 'x', img_width: 1001 });
  assert.match(issues[0]?.message ?? '', /multiples of 8/);
});

test('user defaults override catalog defaults; unknown or non-scalar values are ignored', () => {
  const model = MODELS['stable-diffusion-3.5-large-txt2img'];
  const values = defaultValues(model, { steps: 40, image_format: 'png', bogus: 1, guidance_scale: { x: 1 } });
  assert.equal(values.steps, 40);
  assert.equal(values.image_format, 'png');
  assert.equal(values.guidance_scale, 5.5);
  assert.equal('bogus' in values, false);
  assert.match(summarize(model, values), /PNG/);
});

test('typed text is coerced to the parameter type; non-numbers stay text so validation names them', () => {
  const model = MODELS['stable-diffusion-3.5-large-txt2img'];
  const steps = model.parameters.find((p) => p.name === 'steps');
  assert.ok(steps);
  assert.equal(coerceInput(steps, ' 42 ', false), 42);
  assert.equal(coerceInput(steps, '', false), '');
  assert.equal(coerceInput(steps, '4x', false), '4x');
  const issues = validateParams(model.slug, { prompt: 'x', steps: '4x' });
  assert.match(issues[0]?.message ?? '', /steps must be an integer from 10 to 70/);
});

test('values are escaped in the generated HTML', () => {
  const model = MODELS['stable-diffusion-3.5-large-txt2img'];
  const html = renderForm(model, { ...defaultValues(model), prompt: '</textarea><script>alert(1)</script>', negative_prompt: '"><img src=x>' }, [], true);
  assert.ok(!html.includes('<script>'));
  assert.ok(!html.includes('<img src=x>'));
  assert.ok(html.includes('&#60;/textarea&#62;&#60;script&#62;'));
});
