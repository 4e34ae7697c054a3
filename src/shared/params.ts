// API parameters as the panel's form and presets hold them: scalar values under parameter names.
// The extension validates them again with the core's rules (src/shared/validation.ts).
import * as z from 'zod/mini'; // namespace import keeps zod/mini tree-shakeable in the webview bundle
import { MAX_PARAMS, MAX_PARAM_NAME, MAX_TEXT } from './messageConstants';

export { MAX_TEXT };

const paramValue = z.union([z.string().check(z.maxLength(MAX_TEXT)), z.number(), z.boolean()]);
export const paramsSchema = z.record(z.string().check(z.minLength(1), z.maxLength(MAX_PARAM_NAME)), paramValue)
  .check(z.refine((params) => Object.keys(params).length <= MAX_PARAMS, { error: `at most ${MAX_PARAMS} parameters` }));
export type ParamValue = z.infer<typeof paramValue>;
export type Params = z.infer<typeof paramsSchema>;
