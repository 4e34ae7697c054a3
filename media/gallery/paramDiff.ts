// Compare: the two images' parameters side by side, the differing ones marked. Pure.
import type { Params, ParamValue } from '../../src/shared/protocol';

export interface ParamRow {
  readonly name: string;
  readonly left: ParamValue | undefined;
  readonly right: ParamValue | undefined;
  readonly differs: boolean;
}

/** Every parameter either image has, prompt first, then alphabetical; `differs` when the values are not equal. */
export function diffParams(left: Params, right: Params): ParamRow[] {
  const names = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  const rank = (name: string) => (name === 'prompt' ? 0 : name === 'negative_prompt' ? 1 : 2);
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return names.map((name) => ({ name, left: left[name], right: right[name], differs: left[name] !== right[name] }));
}
