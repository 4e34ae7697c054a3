// Server-side parameter checks, producing Segmind-style 400 messages that name the field.
// Strict about types (no "30" for 30), lenient about absent optional fields (defaults apply)
// and, like the real service, silent about unknown fields.
import type { ServerModel, ServerParam } from './models';

/** Returns the 400 error message for the first invalid field, or undefined when the body is acceptable. */
export function validateBody(model: ServerModel, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'Invalid request body: expected a JSON object';
  }
  const fields = body as Record<string, unknown>;
  for (const param of model.params) {
    const problem = checkParam(param, fields[param.name]);
    if (problem) return problem;
  }
  return crossFieldProblem(model, fields);
}

function checkParam(param: ServerParam, value: unknown): string | undefined {
  const name = param.name;
  if (value === undefined || value === null) {
    return param.type === 'string' && param.required ? `Missing required parameter '${name}'` : undefined;
  }
  const shown = JSON.stringify(value);
  switch (param.type) {
    case 'string':
      if (typeof value !== 'string') return `Invalid value for '${name}': ${shown}. Expected a string`;
      if (param.nonEmpty && value.trim() === '') return `Invalid value for '${name}': must not be empty`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `Invalid value for '${name}': ${shown}. Expected true or false`;
    case 'enum':
      if (typeof value === 'string' && param.values.includes(value)) return undefined;
      return `Invalid value for '${name}': ${shown}. Allowed values: ${param.values.join(', ')}`;
    case 'integer': {
      const range = `an integer between ${param.min} and ${param.max}${param.multipleOf ? ` in multiples of ${param.multipleOf}` : ''}`;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < param.min || value > param.max) {
        return `Invalid value for '${name}': ${shown}. Must be ${range}`;
      }
      if (param.multipleOf && value % param.multipleOf !== 0) return `Invalid value for '${name}': ${shown}. Must be ${range}`;
      return undefined;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < param.min || value > param.max) {
        return `Invalid value for '${name}': ${shown}. Must be a number between ${param.min} and ${param.max}`;
      }
      return undefined;
  }
}

function crossFieldProblem(model: ServerModel, fields: Record<string, unknown>): string | undefined {
  const start = fields.conditioningsettimesteprange_start ?? model.defaults.conditioningsettimesteprange_start;
  const stop = fields.conditioningsettimesteprange_stop ?? model.defaults.conditioningsettimesteprange_stop;
  if (typeof start === 'number' && typeof stop === 'number' && start >= stop) {
    return `Invalid value for 'conditioningsettimesteprange_start': ${start}. Must be less than conditioningsettimesteprange_stop (${stop})`;
  }
  return undefined;
}
