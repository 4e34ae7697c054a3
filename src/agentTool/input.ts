// The tool's input → a generation request, checked with the same validation as every other request,
// so invalid input is refused before anything is sent. Each problem names the tool field to fix and
// what it allows. Pure: the settings it needs are handed in.
import { MODELS, MODEL_SLUGS, imageCount, isModelSlug, outputFormat, outputSize, type ModelSpec } from '../shared/catalog';
import { describeValue, validateParams } from '../shared/validation';
import { formatParameters, parseExactImagePath, type ExactImagePath } from '../assets/exactPath';
import { checkRelativePath } from '../assets/outputFolder';
import { PARAMETER_FIELDS, TOOL_FIELDS, fieldFor, parameterFor } from './fields';

export interface InputIssue {
  /** The tool field to fix, or the setting the problem comes from. */
  readonly field: string;
  readonly message: string;
}

export interface ToolRequest {
  readonly model: ModelSpec;
  /** Request parameters: the user's defaults for the model, then the tool's fields. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly path?: ExactImagePath;
  /** Workspace-relative, '/'-separated. */
  readonly referencedFrom?: string;
  readonly count: number;
  readonly size: { readonly width: number; readonly height: number };
  readonly format: 'png' | 'jpeg' | 'webp';
}

export type ParsedToolInput = { readonly ok: true; readonly request: ToolRequest } | { readonly ok: false; readonly issues: readonly InputIssue[] };

export interface InputContext {
  readonly defaultModel: string;
  /** `segmind.defaultParameters`, keyed by model slug. */
  readonly defaultParameters: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const refuse = (field: string, message: string): ParsedToolInput => ({ ok: false, issues: [{ field, message }] });

/** The model's value that makes width/height apply (SD 3.5 Large: aspect_ratio "custom"), if it has a preset field. */
function customSizeValue(model: ModelSpec): { readonly param: string; readonly equals: unknown } | undefined {
  return parameterFor(model, 'width')?.visibleWhen;
}

/** Sets the tool's parameter fields on `params`; the first problem (a field the model lacks, size conflicts), if any. */
function applyFields(model: ModelSpec, input: Readonly<Record<string, unknown>>, params: Record<string, unknown>): InputIssue | undefined {
  for (const field of PARAMETER_FIELDS) {
    if (input[field] === undefined) continue;
    const spec = parameterFor(model, field);
    if (!spec) {
      const sizeFields = PARAMETER_FIELDS.filter((f) => parameterFor(model, f)?.group === 'size').join(' and ');
      return { field, message: `${field} does not apply to ${model.slug}; its size fields are ${sizeFields}` };
    }
    params[spec.name] = input[field];
  }
  const custom = customSizeValue(model);
  if (custom && (input.width !== undefined || input.height !== undefined)) {
    if (input.aspect_ratio === undefined) params[custom.param] = custom.equals;
    else if (input.aspect_ratio !== custom.equals) {
      return { field: 'aspect_ratio', message: `give either aspect_ratio or width/height: with aspect_ratio ${describeValue(input.aspect_ratio)} the width and height are ignored (use ${JSON.stringify(custom.equals)} to set them)` };
    }
  }
  return undefined;
}

/**
 * The validation problems in the tool's words (`img_width must be …` becomes `width must be …`);
 * a problem with a value the tool did not set comes from the user's defaults.
 */
function toolIssues(model: ModelSpec, issues: readonly { field: string; message: string }[], input: Readonly<Record<string, unknown>>, defaults: Readonly<Record<string, unknown>>): InputIssue[] {
  return issues.map((issue) => {
    const field = fieldFor(model, issue.field);
    if (field && (input[field] !== undefined || !Object.hasOwn(defaults, issue.field))) {
      return { field, message: `${issue.message.replace(new RegExp(`^${issue.field}\\b`), field)} for ${model.slug}` };
    }
    return { field: 'segmind.defaultParameters', message: `${issue.message} (from the user's "segmind.defaultParameters" setting for ${model.slug}: ask the user to fix it)` };
  });
}

/** Checks the tool's input and builds the request it stands for. */
export function parseToolInput(raw: unknown, context: InputContext): ParsedToolInput {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse('input', `The input must be an object with at least "prompt" (got ${describeValue(raw)})`);
  const input = raw as Readonly<Record<string, unknown>>;
  const unknown = Object.keys(input).find((k) => !(TOOL_FIELDS as readonly string[]).includes(k));
  if (unknown !== undefined) return refuse(unknown, `Unknown field ${JSON.stringify(unknown.slice(0, 40))}: the fields are ${TOOL_FIELDS.join(', ')}`);
  const slug = input.model ?? context.defaultModel;
  if (!isModelSlug(slug)) return refuse('model', `model must be one of ${MODEL_SLUGS.join(', ')} (got ${describeValue(slug)})`);
  const model = MODELS[slug];
  // The user's quality defaults apply; the count does not: an agent's call costs what it asks for.
  const defaults = context.defaultParameters[slug] ?? {};
  const params: Record<string, unknown> = { ...defaults, [model.countParam]: 1 };
  const conflict = applyFields(model, input, params);
  if (conflict) return { ok: false, issues: [conflict] };
  let path: ExactImagePath | undefined;
  if (input.path !== undefined) {
    const parsed = typeof input.path === 'string' ? parseExactImagePath(input.path) : { ok: false as const, message: `path must be a workspace-relative file name (got ${describeValue(input.path)})` };
    if (!parsed.ok) return refuse('path', parsed.message);
    const format = formatParameters(model, parsed.value.format);
    if (!format.ok) return refuse('path', `${format.message}, or use another model`);
    Object.assign(params, format.params);
    path = parsed.value;
  }
  let referencedFrom: string | undefined;
  if (input.referencedFrom !== undefined) {
    const checked = typeof input.referencedFrom === 'string' && input.referencedFrom.trim() ? checkRelativePath(input.referencedFrom.trim()) : undefined;
    if (!checked?.ok || checked.segments.length === 0) {
      return refuse('referencedFrom', `referencedFrom must be the workspace-relative path of a document, such as "docs/guide.md" (got ${describeValue(input.referencedFrom)}${checked && !checked.ok ? `, which ${checked.why}` : ''})`);
    }
    referencedFrom = checked.segments.join('/');
  }
  const issues = validateParams(slug, params);
  if (issues.length > 0) return { ok: false, issues: toolIssues(model, issues, input, defaults) };
  return {
    ok: true,
    request: {
      model, params, count: imageCount(model, params), size: outputSize(model, params), format: outputFormat(model, params),
      ...(path ? { path } : {}), ...(referencedFrom !== undefined ? { referencedFrom } : {}),
    },
  };
}
