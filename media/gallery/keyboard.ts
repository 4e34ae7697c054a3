// The grid's keys: arrows, Home/End and Page Up/Down move (Shift extends the selection, Ctrl/Cmd
// moves without selecting), Space toggles, Ctrl/Cmd+A selects all, Escape clears; letters run
// actions (shown in the action bar's tooltips); Shift+F10 / the menu key opens the context menu.
import type { GalleryAction } from '../../src/shared/galleryMessages';
import type { GridView } from './gridView';
import type { GridSelection } from './selection';
import type { Direction } from './virtualLayout';

const DIRECTIONS: Record<string, Direction> = {
  ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down',
  Home: 'home', End: 'end', PageUp: 'pageUp', PageDown: 'pageDown',
};
const LETTERS: Record<string, GalleryAction | 'compare'> = {
  i: 'insert', u: 'useSettings', r: 'regenerate', v: 'variations', c: 'compare', e: 'reveal',
};

export interface KeyboardEvents {
  action(action: GalleryAction | 'compare'): void;
  selectAll(): void;
  selectionChanged(): void;
  readonly isMac: boolean;
}

export function bindKeyboard(grid: GridView, selection: GridSelection, events: KeyboardEvents): void {
  grid.scroller.addEventListener('keydown', (e) => {
    const command = events.isMac ? e.metaKey : e.ctrlKey;
    const direction = DIRECTIONS[e.key];
    let handled = true;
    if (direction) {
      grid.move(direction, { range: e.shiftKey, toggle: command });
    } else if (e.key === ' ') {
      const position = grid.positionOf(selection.focused);
      selection.pick(grid.ids, Math.max(0, position), { toggle: true, range: e.shiftKey });
      events.selectionChanged();
    } else if (command && e.key.toLowerCase() === 'a') {
      events.selectAll();
    } else if (command && e.key.toLowerCase() === 'c') {
      events.action('copyPrompt');
    } else if (e.key === 'Escape' && selection.size > 0) {
      selection.clear();
      events.selectionChanged();
    } else if (e.key === 'Enter') {
      events.action('open');
    } else if (e.key === 'Delete' || (events.isMac && command && e.key === 'Backspace')) {
      events.action('delete');
    } else if ((e.key === 'F10' && e.shiftKey) || e.key === 'ContextMenu') {
      openContextMenu(grid.scroller, grid.positionOf(selection.focused));
    } else if (!command && !e.altKey && LETTERS[e.key.toLowerCase()] && !e.shiftKey) {
      events.action(LETTERS[e.key.toLowerCase()] as GalleryAction | 'compare');
    } else {
      handled = false;
    }
    if (handled) e.preventDefault();
  });
}

/** VS Code shows a webview's context menu on a `contextmenu` event, with the target's data-vscode-context. */
function openContextMenu(scroller: HTMLElement, position: number): void {
  const tile = scroller.querySelector<HTMLElement>(`#tile-${position}`);
  if (!tile) return;
  const box = tile.getBoundingClientRect();
  tile.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 }));
}
