// The generated schema says what validation accepts: every field the tool takes, per-model limits
// from the catalog, nothing the input parser would refuse as unknown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PARAMETER_FIELDS, TOOL_FIELDS, parameterFor } from '../../../src/agentTool/fields';
import { toolInputSchema } from '../../../src/agentTool/schema';
import { MODELS, MODEL_SLUGS } from '../../../src/shared/catalog';
import { validateParams } from '../../../src/shared/validation';

interface Property { type: string; minimum?: number; maximum?: number; enum?: string[]; pattern?: string; description: string }
const schema = toolInputSchema() as { properties: Record<string, Property>; required: string[]; additionalProperties: boolean };
const models = MODEL_SLUGS.map((s) => MODELS[s]);

describe('tool input schema', () => {
  it('lists exactly the tool\'s fields; prompt is required; nothing else is accepted', () => {
    assert.deepEqual(Object.keys(schema.properties), [...TOOL_FIELDS]);
    assert.deepEqual(schema.required, ['prompt']);
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.properties.model?.enum, [...MODEL_SLUGS]);
  });

  it('every model has width, height, seed and samples; only SD 3.5 Large has aspect_ratio', () => {
    for (const model of models) for (const field of ['width', 'height', 'seed', 'samples'] as const) assert.ok(parameterFor(model, field), `${model.slug} ${field}`);
    assert.deepEqual(models.filter((m) => parameterFor(m, 'aspect_ratio')).map((m) => m.slug), ['stable-diffusion-3.5-large-txt2img']);
    assert.match(schema.properties.aspect_ratio?.description ?? '', /Only for stable-diffusion-3\.5-large-txt2img\./);
  });

  it('integer ranges are the union over the models and each model\'s own limit is in the description', () => {
    for (const field of PARAMETER_FIELDS) {
      const property = schema.properties[field]!;
      if (property.type !== 'integer') continue;
      const specs = models.map((m) => parameterFor(m, field)!);
      assert.equal(property.minimum, Math.min(...specs.map((s) => s.min!)), field);
      assert.equal(property.maximum, Math.max(...specs.map((s) => s.max!)), field);
    }
    assert.match(schema.properties.width?.description ?? '', /stable-diffusion-3-medium-txt2img: an integer from 512 to 2048 in multiples of 8/);
  });

  it('the bounds it states are the ones validation enforces, per model', () => {
    for (const model of models) {
      for (const field of ['width', 'height', 'samples'] as const) {
        const spec = parameterFor(model, field)!;
        const at = (value: number) => validateParams(model.slug, { prompt: 'p', [spec.name]: value }).length;
        assert.equal(at(spec.min!), 0, `${model.slug} ${field} min`);
        assert.equal(at(spec.max!), 0, `${model.slug} ${field} max`);
        assert.equal(at(spec.max! + (spec.step ?? 1)), 1, `${model.slug} ${field} above max`);
        assert.match(schema.properties[field]?.description ?? '', new RegExp(`${model.slug}: an integer from ${spec.min} to ${spec.max}`));
      }
    }
  });

  it('the path pattern takes the image extensions in any case and nothing else', () => {
    const pattern = new RegExp(schema.properties.path?.pattern ?? '$^');
    for (const ok of ['a.png', 'b/c.JPG', 'd.jpeg', 'e.WebP']) assert.match(ok, pattern);
    for (const bad of ['a.gif', 'a.png.txt', 'png']) assert.doesNotMatch(bad, pattern);
  });
});
