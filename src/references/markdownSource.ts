// Offsets in the text markdown-it hands its inline parser and HTML blocks, mapped back to the document.
// That text is cut out of source lines (container markers and indentation removed, table rows split into
// cells with `\|` unescaped, the whole trimmed) and markdown-it keeps only line numbers, so each line's
// piece is found again in its source line, after whatever earlier pieces of that line (cells) used up.
import type { LineTable } from './lines';

interface Piece {
  /** Where the piece starts in the content, and its leading whitespace (not looked for in the source). */
  readonly contentStart: number;
  readonly lead: number;
  readonly lineStart: number;
  readonly lineLength: number;
  /** The source column of each character of the trimmed piece, and one past its end; empty when not found. */
  readonly columns: readonly number[];
}

export class MarkdownSourceMap {
  /** Per line, the column up to which pieces have been matched. */
  private readonly used = new Map<number, number>();

  constructor(private readonly lines: LineTable) {}

  /** Maps offsets in `content`, cut from the lines from `firstLine` on, to document offsets. */
  locate(content: string, firstLine: number): (contentOffset: number) => number {
    const pieces: Piece[] = [];
    let contentStart = 0;
    for (const [index, piece] of content.split('\n').entries()) {
      pieces.push(this.findPiece(piece, firstLine + index, contentStart));
      contentStart += piece.length + 1;
    }
    return (offset) => {
      let piece = pieces[0]!;
      for (const candidate of pieces) if (candidate.contentStart <= offset) piece = candidate;
      const { columns, lineStart, lineLength } = piece;
      const k = offset - piece.contentStart - piece.lead;
      const last = columns.length - 1;
      // Before or after the matched text (whitespace), count on from its ends.
      const column = last < 0 ? 0 : k < 0 ? columns[0]! + k : k > last ? columns[last]! + k - last : columns[k]!;
      return lineStart + Math.min(Math.max(column, 0), lineLength);
    };
  }

  private findPiece(piece: string, line: number, contentStart: number): Piece {
    const text = this.lines.lineText(line);
    const core = piece.trim();
    const columns = core ? align(core, text, this.used.get(line) ?? 0) : [];
    if (columns.length) this.used.set(line, columns[columns.length - 1]!);
    const lead = piece.length - piece.trimStart().length;
    return { contentStart, lead, lineStart: this.lines.lineStart(line), lineLength: text.length, columns };
  }
}

/** The columns in `text` of each character of `core` (and one past it), matched at or after `from`; [] if absent. */
function align(core: string, text: string, from: number): number[] {
  for (let start = text.indexOf(core[0]!, from); start >= 0; start = text.indexOf(core[0]!, start + 1)) {
    const columns: number[] = [];
    let t = start;
    for (let k = 0; k < core.length; k++, t++) {
      if (core[k] === '|' && text[t] === '\\' && text[t + 1] === '|') t++; // a table cell's `\|`
      if (text[t] !== core[k]) break;
      columns.push(t);
    }
    if (columns.length === core.length) return [...columns, t];
  }
  return [];
}
