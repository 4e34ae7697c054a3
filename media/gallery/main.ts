// Gallery webview entry (dist/gallery.js + dist/gallery.css): search, filters and the virtualized
// thumbnail grid over the whole history; actions go to the extension as validated messages.
import './gallery.css';
import { checkGalleryExtensionMessage } from '../../src/shared/galleryExtensionMessages';
import type { GalleryAction, GalleryExtensionMessage, GalleryItem, GalleryWebviewMessage } from '../../src/shared/galleryMessages';
import { CompareDialog } from './compare';
import { FirstScreen } from './firstScreen';
import { galleryFrame } from './frame';
import { GridView } from './gridView';
import { bindKeyboard } from './keyboard';
import { SearchIndex, type GalleryQuery } from './searchIndex';
import { GridSelection } from './selection';
import { MAX_SAVED_SELECTION, restoreGalleryState, type GalleryState } from './state';
import { ThumbnailQueue, makeThumbnail } from './thumbMaker';
import { Toolbar } from './toolbar';
import { onExtensionMessage, vsCodeApi } from '../vscodeApi';

const vscode = vsCodeApi<GalleryWebviewMessage, GalleryState>();
const root = document.getElementById('gallery') as HTMLElement;
const isMac = root.dataset.platform === 'mac';
root.innerHTML = galleryFrame(isMac);
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const state = restoreGalleryState(vscode.getState());
const selection = new GridSelection(state.selected, state.focused);
let items: readonly GalleryItem[] = [];
let modelNames: Readonly<Record<string, string>> = {};
let index = new SearchIndex([], {});
let restoreScroll = true;
const post = (message: GalleryWebviewMessage): void => vscode.postMessage(message);

function save(): void {
  state.selected = selection.ids().slice(0, MAX_SAVED_SELECTION);
  state.scrollTop = grid.scroller.scrollTop;
  if (selection.focused !== undefined) state.focused = selection.focused;
  vscode.setState(state);
}

function selectionChanged(): void {
  grid.updateSelection();
  toolbar.selectionChanged(selection.size);
  post({ type: 'select', ids: selection.ids() });
  save();
}

const grid = new GridView(byId('grid'), byId('sizer'), byId('sticky-day'), selection, {
  visible: (ids) => post({ type: 'wantThumbs', ids: ids.slice(0, 500) }),
  selectionChanged,
  activate: () => runAction('open'),
});
const toolbar = new Toolbar({
  query: state.query,
  changed: (query: GalleryQuery) => {
    state.query = query;
    grid.scroller.scrollTop = 0;
    search();
    save();
  },
  action: (action) => (action === 'compare' ? void compare.open(selection.ids()) : runAction(action)),
});
const compare = new CompareDialog(byId('compare'), (ids) => {
  const id = crypto.randomUUID();
  post({ type: 'details', id, ids });
  return id;
});

/** Runs the query over the index and shows the result (a few ms for 10,000 images). */
function search(): void {
  const result = index.search(state.query, Date.now());
  grid.show(items, modelNames, result, Date.now());
  toolbar.showCount(result.order.length, items.length);
  showEmptyState(result.order.length);
}

function showEmptyState(shown: number): void {
  const empty = byId('empty');
  empty.hidden = shown > 0;
  grid.scroller.hidden = shown === 0;
  if (shown > 0) return;
  empty.innerHTML = items.length === 0
    ? '<p><strong>No images yet.</strong></p><p>Images you generate in this workspace appear here, grouped by day, with their prompt, model and seed searchable.</p><button type="button" id="empty-generate" class="primary">Open Image Generator</button><p class="hint">Or select a prompt in an editor and press Ctrl+Alt+G.</p>'
    : '<p>No image matches the search and filters.</p><button type="button" id="empty-clear">Clear search and filters</button>';
  byId('empty-generate')?.addEventListener('click', () => post({ type: 'openGenerator' }));
  byId('empty-clear')?.addEventListener('click', () => toolbar.reset());
}

function runAction(action: GalleryAction): void {
  const ids = selection.size > 0 ? selection.ids() : selection.focused ? [selection.focused] : [];
  if (ids.length > 0) post({ type: 'action', id: crypto.randomUUID(), action, ids });
}

function onItems(message: Extract<GalleryExtensionMessage, { type: 'items' }>): void {
  if (message.replace) index = new SearchIndex(message.items, message.models);
  else index.add(message.items);
  items = index.items;
  modelNames = message.models;
  // The first chunk is the first screen: shown at once. The middle ones are only indexed, so that
  // thumbnails arriving meanwhile are not queued behind re-renders.
  if (message.replace || message.complete) search();
  if (message.replace) firstScreen.rendered();
  if (message.replace && grid.wanted === 0) firstScreen.finish();
  if (!message.complete) return;
  firstScreen.finish();
  // Once the whole history is here: what the saved state names can be checked and restored.
  const known = new Set(items.map((i) => i.id));
  selection.retain((id) => known.has(id));
  const facets = index.facets();
  toolbar.setFacets(
    [...facets.models].map(([id, count]) => ({ value: id, label: `${modelNames[id] ?? id} (${count})` })),
    [...facets.folders].map(([folder, count]) => ({ value: folder, label: `${folder || '(workspace root)'} (${count})` })),
  );
  if (restoreScroll) {
    grid.scroller.scrollTop = state.scrollTop;
    restoreScroll = false;
  }
  grid.updateSelection();
  toolbar.selectionChanged(selection.size);
}

const thumbnails = new ThumbnailQueue();
const firstScreen = new FirstScreen(grid.scroller, () => post({ type: 'firstScreenShown' }));
onExtensionMessage(checkGalleryExtensionMessage, (message) => {
  switch (message.type) {
    case 'items':
      return onItems(message);
    case 'thumbs':
      grid.setThumbs([...message.thumbs, ...(message.missing ?? []).map((id) => ({ id, src: null }))]);
      return void firstScreen.thumbnailsArrived();
    case 'makeThumb':
      firstScreen.finish();
      return thumbnails.add(async () => {
        try {
          const made = await makeThumbnail(message.src, message.size);
          post({ type: 'thumbMade', key: message.key, ...made });
        } catch (err) {
          post({ type: 'thumbFailed', key: message.key, reason: err instanceof Error ? err.message.slice(0, 200) : 'could not decode' });
        }
      });
    case 'details':
      return compare.show(message, items, modelNames);
    case 'command':
      if (message.command === 'focusSearch') toolbar.focusSearch();
      else void compare.open(selection.ids());
      return;
    case 'error':
      return toolbar.announce(message.message);
    case 'reply':
      return;
  }
});

bindKeyboard(grid, selection, {
  action: (action) => (action === 'compare' ? void compare.open(selection.ids()) : runAction(action)),
  selectAll: () => {
    selection.selectAll(grid.ids);
    selectionChanged();
  },
  selectionChanged,
  isMac,
});
let saveTimer: ReturnType<typeof setTimeout> | undefined;
grid.scroller.addEventListener('scroll', () => {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(save, 200);
}, { passive: true });
post({ type: 'ready' });
