// What a grid tile's context menu hands a command: the `data-vscode-context` of the tile (VS Code adds
// `webview` and `webviewSection`). Pure.
import type { HistoryEntry } from '../../history/history';

export interface GridMenuTarget {
  readonly webviewSection: 'image';
  readonly itemId: string;
}

export function isGridMenuTarget(value: unknown): value is GridMenuTarget {
  const v = value as Partial<GridMenuTarget> | undefined;
  return typeof v === 'object' && v !== null && v.webviewSection === 'image' && typeof v.itemId === 'string';
}

/**
 * The entries a grid command acts on: the whole selection when the right-clicked tile is part of it
 * (or when there is no tile: palette, keybinding), else just that tile.
 */
export function menuTargets(target: unknown, selection: readonly string[], history: { get(id: string): HistoryEntry | undefined }): HistoryEntry[] {
  const ids = isGridMenuTarget(target) && !selection.includes(target.itemId) ? [target.itemId] : selection;
  return ids.map((id) => history.get(id)).filter((e): e is HistoryEntry => e !== undefined);
}
