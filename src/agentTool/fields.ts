// The tool's input fields and the model parameters behind them. A model names some of them
// differently (SD 3 Medium's `img_width`, `samples` vs `batch_size`); an agent sees one name. Pure.
import { findParameter, type ModelSpec, type ParameterSpec } from '../shared/catalog';

/** Fields that become request parameters, in the order the schema lists them. */
export const PARAMETER_FIELDS = ['prompt', 'negative_prompt', 'aspect_ratio', 'width', 'height', 'seed', 'samples'] as const;
export type ParameterField = (typeof PARAMETER_FIELDS)[number];

/** Every field of the tool's input. */
export const TOOL_FIELDS = ['prompt', 'negative_prompt', 'model', 'aspect_ratio', 'width', 'height', 'seed', 'samples', 'path', 'referencedFrom'] as const;
export type ToolField = (typeof TOOL_FIELDS)[number];

/** The catalog parameter behind `field` for `model`; undefined when the model has none (SD 3 Medium's aspect_ratio). */
export function parameterFor(model: ModelSpec, field: ParameterField): ParameterSpec | undefined {
  switch (field) {
    case 'samples': return findParameter(model, model.countParam);
    case 'seed': return model.parameters.find((p) => p.isSeed);
    case 'width': return findParameter(model, 'width') ?? findParameter(model, 'img_width');
    case 'height': return findParameter(model, 'height') ?? findParameter(model, 'img_height');
    default: return findParameter(model, field);
  }
}

/** The tool field whose parameter is `name` for `model`, if the tool exposes it. */
export function fieldFor(model: ModelSpec, name: string): ParameterField | undefined {
  return PARAMETER_FIELDS.find((field) => parameterFor(model, field)?.name === name);
}
