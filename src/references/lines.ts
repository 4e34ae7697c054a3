// Offsets to line/character over a text whose lines end in \n, \r\n or \r, counted as VS Code counts them.
import type { SourcePoint, SourceRange } from './types';

export class LineTable {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (const eol of text.matchAll(/\r\n|\r|\n/g)) this.starts.push(eol.index + eol[0].length);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)] ?? 0;
  }

  /** The line's text without its end of line; '' past the last line. */
  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    const next = this.starts[line + 1];
    return this.text.slice(this.lineStart(line), next === undefined ? undefined : next).replace(/\r?\n$|\r$/, '');
  }

  point(offset: number): SourcePoint {
    const clamped = Math.min(Math.max(offset, 0), this.text.length);
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { offset: clamped, line: low, character: clamped - this.lineStart(low) };
  }

  range(start: number, end: number): SourceRange {
    return { start: this.point(start), end: this.point(end) };
  }
}
