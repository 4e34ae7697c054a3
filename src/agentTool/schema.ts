// The tool's JSON input schema, generated from the model catalog so that it says what validation
// accepts. package.json carries a copy (VS Code reads the manifest before activation); a unit test
// fails when they drift, and `node dist/test/manifest/tool-schema.main.js` rewrites the copy.
// One flat object: model-dependent limits (SD 3 Medium's multiples of 8) are in the descriptions,
// the ranges are the union over the models, and `invoke` validates per model. Pure.
import { MODELS, MODEL_SLUGS, type ModelSpec, type ParameterSpec } from '../shared/catalog';
import { allowedDescription } from '../shared/validation';
import { IMAGE_EXTENSIONS, allowedExtensions } from '../assets/exactPath';
import { PARAMETER_FIELDS, parameterFor, type ParameterField } from './fields';

export type JsonSchema = { readonly [key: string]: unknown };

const PURPOSE: Readonly<Record<ParameterField, string>> = {
  prompt: 'What the image shows: subject, style, composition, lighting, text in it. Be specific; the model sees nothing else.',
  negative_prompt: 'What the image must not show.',
  aspect_ratio: 'A preset size; "custom" uses width and height. Give either aspect_ratio or width/height.',
  width: 'Image width in pixels.',
  height: 'Image height in pixels.',
  seed: 'Seed, to reproduce an image; omit it for a random one (the result reports the seed used).',
  samples: 'How many images to generate; each one is billed. Default 1.',
};

const caseInsensitive = (text: string): string => [...text].map((c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).join('');

function fieldSchema(field: ParameterField, models: readonly ModelSpec[]): JsonSchema {
  const specs = models.flatMap((model) => {
    const spec = parameterFor(model, field);
    return spec ? [{ model, spec }] : [];
  });
  const first = specs[0]?.spec;
  if (!first) throw new Error(`no model has a parameter for the tool field ${field}`);
  const only = specs.length < models.length ? ` Only for ${specs.map((s) => s.model.slug).join(', ')}.` : '';
  const perModel = (describe: (spec: ParameterSpec) => string): string => specs.map((s) => `${s.model.slug}: ${describe(s.spec)}`).join('; ');
  const withDefault = (spec: ParameterSpec): string => (spec.default !== undefined && field !== 'samples' ? `, default ${JSON.stringify(spec.default)}` : '');
  switch (first.type) {
    case 'integer':
    case 'number':
      return {
        type: first.type,
        minimum: Math.min(...specs.map((s) => s.spec.min ?? Number.MIN_SAFE_INTEGER)),
        maximum: Math.max(...specs.map((s) => s.spec.max ?? Number.MAX_SAFE_INTEGER)),
        description: `${PURPOSE[field]}${only} ${perModel((spec) => `${allowedDescription(spec)}${withDefault(spec)}`)}.`,
      };
    case 'enum':
      return {
        type: 'string',
        enum: [...new Set(specs.flatMap((s) => s.spec.values ?? []))],
        description: `${PURPOSE[field]}${only} Default: ${perModel((spec) => JSON.stringify(spec.default))}.`,
      };
    default: {
      const defaults = specs.filter((s) => s.spec.default !== undefined);
      const defaultText = defaults.length ? ` Default: ${defaults.map((s) => `${s.model.slug}: ${JSON.stringify(s.spec.default)}`).join('; ')}.` : '';
      return { type: 'string', description: `${PURPOSE[field]}${only}${defaultText}` };
    }
  }
}

/** The `inputSchema` of the tool, from the catalog. */
export function toolInputSchema(models: readonly ModelSpec[] = MODEL_SLUGS.map((slug) => MODELS[slug])): JsonSchema {
  const parameters = Object.fromEntries(PARAMETER_FIELDS.map((field) => [field, fieldSchema(field, models)]));
  const { prompt, negative_prompt, ...rest } = parameters;
  return {
    type: 'object',
    properties: {
      prompt,
      negative_prompt,
      model: {
        type: 'string',
        enum: models.map((m) => m.slug),
        description: `The model. ${models.map((m) => `${m.slug}: ${m.name}. ${m.description}`).join(' ')} Default: the user's "segmind.defaultModel" setting.`,
      },
      ...rest,
      path: {
        type: 'string',
        pattern: `\\.(${IMAGE_EXTENSIONS.map(caseInsensitive).join('|')})$`,
        description: `Workspace-relative file to write, e.g. "docs/images/hero.png"; its extension picks the image format (${models.map((m) => `${m.slug}: ${allowedExtensions(m).map((e) => `.${e}`).join(', ')}`).join('; ')}). An existing file is never replaced. With samples > 1 the others are saved next to it as name-2, name-3, …. Omit it to save in the user's output folder.`,
      },
      referencedFrom: {
        type: 'string',
        description: 'Workspace-relative path of the document that will show the image, e.g. "docs/guide.md": the result then includes the exact reference to paste into it (relative to it, in its language).',
      },
    },
    required: ['prompt'],
    additionalProperties: false,
  };
}
