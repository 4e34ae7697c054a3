// Keeping an insertion point in place while the document is edited. Pure.

/** Where the references go: the document the command came from, at an offset kept up to date. */
export interface InsertionTarget {
  readonly documentUri: string;
  readonly languageId: string;
  readonly offset: number;
  /** The selection was not empty: an anchor at column 0 means "after the previous line". */
  readonly hadSelection: boolean;
}

/** One content change as VS Code reports it: offsets into the document before the change event. */
export interface TextChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

/**
 * The anchor's offset after one change event. Changes wholly before it shift it by their size
 * difference; a change that covers it moves it to the end of the replacement text.
 */
export function shiftOffset(anchor: number, changes: readonly TextChange[]): number {
  const isBefore = (c: TextChange, at: number): boolean => c.rangeOffset + c.rangeLength <= at && !(c.rangeLength === 0 && c.rangeOffset === at);
  const deltaBefore = (at: number): number => changes.filter((c) => isBefore(c, at)).reduce((n, c) => n + c.text.length - c.rangeLength, 0);
  const covering = changes.find((c) => c.rangeOffset < anchor && c.rangeOffset + c.rangeLength > anchor);
  if (covering) return covering.rangeOffset + deltaBefore(covering.rangeOffset) + covering.text.length;
  return anchor + deltaBefore(anchor);
}
