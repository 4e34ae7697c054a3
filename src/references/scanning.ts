// Small helpers shared by the hand-written scanners (CSS, LaTeX, JSX comments).

/** The text the sticky (`y`) `pattern` matches at `index`; '' when it does not match there. */
export function matchAt(pattern: RegExp, source: string, index: number): string {
  pattern.lastIndex = index;
  return pattern.exec(source)?.[0] ?? '';
}

const SPACE = /\s*/y;

/** The index of the first non-whitespace character at or after `index`. */
export const skipSpace = (source: string, index: number): number => index + matchAt(SPACE, source, index).length;

/** The index of the line break ending the line that `index` is on (the text's length on the last line). */
export function lineEnd(source: string, index: number): number {
  const newline = source.indexOf('\n', index);
  return newline < 0 ? source.length : newline;
}

/** The index just past the end of the block comment opened at `start` (the text's length if unclosed). */
export function blockCommentEnd(source: string, start: number): number {
  const close = source.indexOf('*/', start + 2);
  return close < 0 ? source.length : close + 2;
}
