// The gallery's fixed frame: search and filters, the action bar, the grid's scroller, the empty
// state and the compare dialog. Static markup; the grid rows (gridView.ts) are rendered into it.
import { DATE_RANGES } from './days';

/** The action bar's buttons: data-action names a GalleryAction (or 'compare'); the shortcut is shown in the tooltip. */
export const ACTION_BUTTONS = [
  ['open', 'Open', 'Enter'],
  ['insert', 'Insert', 'I'],
  ['useSettings', 'Use settings', 'U'],
  ['regenerate', 'Regenerate', 'R'],
  ['variations', 'Variations', 'V'],
  ['compare', 'Compare', 'C'],
  ['copyPrompt', 'Copy prompt', 'Ctrl+C'],
  ['reveal', 'Reveal', 'E'],
  ['delete', 'Delete', 'Delete'],
] as const;

export function galleryFrame(isMac: boolean): string {
  const dateOptions = Object.entries(DATE_RANGES).map(([value, label]) => `<option value="${value}">${label}</option>`).join('');
  const buttons = ACTION_BUTTONS.map(([action, label, key]) => {
    const shortcut = isMac ? key.replace('Ctrl+', '⌘') : key;
    return `<button type="button" class="action" data-action="${action}" title="${label} (${shortcut})" aria-keyshortcuts="${key.replace('Ctrl+', isMac ? 'Meta+' : 'Control+')}">${label}</button>`;
  }).join('');
  return `
<div class="controls">
  <input id="search" type="search" placeholder="Search prompt, model, seed, file" aria-label="Search images" aria-controls="grid" autocomplete="off" spellcheck="false">
  <div class="filters">
    <select id="filter-model" aria-label="Model"></select>
    <select id="filter-date" aria-label="Date">${dateOptions}</select>
    <select id="filter-folder" aria-label="Folder"></select>
    <select id="sort" aria-label="Sort"><option value="newest">Newest first</option><option value="oldest">Oldest first</option></select>
  </div>
  <div class="status"><span id="count" role="status" aria-live="polite"></span><span id="selection-count"></span></div>
  <div id="actions" class="actions" role="toolbar" aria-label="Actions on the selected images" hidden>${buttons}</div>
</div>
<div id="grid" class="grid" role="grid" aria-multiselectable="true" aria-label="Generated images" tabindex="0">
  <div id="sticky-day" class="day sticky" aria-hidden="true"></div>
  <div id="sizer" class="sizer" role="presentation"></div>
</div>
<div id="empty" class="empty" hidden></div>
<div id="compare" class="compare" role="dialog" aria-modal="true" aria-labelledby="compare-title" hidden></div>
<div id="announcer" class="sr-only" role="status" aria-live="polite"></div>`;
}
