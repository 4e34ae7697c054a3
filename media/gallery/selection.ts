// Which images are selected, and the one with keyboard focus, by result position: click, Ctrl/Cmd+click
// toggles, Shift+click and Shift+arrows extend from the anchor. Pure.

export interface PointerModifiers {
  /** Ctrl (Cmd on macOS): toggle one. */
  readonly toggle: boolean;
  /** Shift: the range from the anchor. */
  readonly range: boolean;
}

export class GridSelection {
  private selected = new Set<string>();
  private anchor: string | undefined;
  /** The item with the roving tab stop. */
  focused: string | undefined;

  constructor(ids: readonly string[] = [], focused?: string) {
    this.selected = new Set(ids);
    this.anchor = focused;
    this.focused = focused;
  }

  has(id: string): boolean {
    return this.selected.has(id);
  }

  ids(): string[] {
    return [...this.selected];
  }

  get size(): number {
    return this.selected.size;
  }

  /** A click (or Space / arrow key) on `order[position]`. */
  pick(order: readonly string[], position: number, modifiers: PointerModifiers): void {
    const id = order[position];
    if (id === undefined) return;
    const anchorPosition = this.anchor === undefined ? -1 : order.indexOf(this.anchor);
    if (modifiers.range && anchorPosition >= 0) {
      const [from, to] = anchorPosition < position ? [anchorPosition, position] : [position, anchorPosition];
      if (!modifiers.toggle) this.selected.clear();
      for (let p = from; p <= to; p++) this.selected.add(order[p] as string);
    } else if (modifiers.toggle) {
      if (!this.selected.delete(id)) this.selected.add(id);
      this.anchor = id;
    } else {
      this.selected = new Set([id]);
      this.anchor = id;
    }
    this.focused = id;
  }

  selectAll(order: readonly string[]): void {
    this.selected = new Set(order);
  }

  clear(): void {
    this.selected.clear();
  }

  /** Drops ids no longer in the history (deleted images). */
  retain(exists: (id: string) => boolean): void {
    for (const id of this.selected) if (!exists(id)) this.selected.delete(id);
    if (this.focused !== undefined && !exists(this.focused)) this.focused = undefined;
    if (this.anchor !== undefined && !exists(this.anchor)) this.anchor = undefined;
  }
}
