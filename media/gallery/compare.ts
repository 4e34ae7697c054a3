// Compare: two selected images side by side (their thumbnails) with every parameter, the differing
// ones highlighted. A modal dialog inside the view: Escape or Close returns focus to the grid.
import type { DetailsReply, GalleryItem } from '../../src/shared/galleryMessages';
import { esc } from '../jobs';
import { diffParams } from './paramDiff';

export class CompareDialog {
  private pending: string | undefined;
  private returnFocus: HTMLElement | null = null;

  /** `request` sends a details request for the ids and returns its request id. */
  constructor(private readonly element: HTMLElement, private readonly request: (ids: string[]) => string) {
    element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.close();
      }
    });
    element.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('[data-close]')) this.close();
    });
  }

  /** Asks for the two images' parameters; shows a hint when the selection is not two images. */
  open(ids: readonly string[]): void {
    this.returnFocus = document.activeElement as HTMLElement | null;
    if (ids.length !== 2) {
      this.render('<p>Select exactly two images to compare (Ctrl+click the second one).</p>');
      return;
    }
    this.pending = this.request([...ids]);
  }

  show(reply: DetailsReply, items: readonly GalleryItem[], modelNames: Readonly<Record<string, string>>): void {
    if (reply.id !== this.pending) return;
    this.pending = undefined;
    const [left, right] = reply.records;
    if (!left || !right) return this.render('<p>One of the images is no longer in the history.</p>');
    const name = (id: string) => items.find((i) => i.id === id)?.path ?? id;
    const model = (slug: string) => modelNames[slug] ?? slug;
    const rows = diffParams({ model: model(left.model), ...left.params }, { model: model(right.model), ...right.params });
    const differing = rows.filter((r) => r.differs).length;
    const figure = (r: typeof left) =>
      `<figure>${r.thumb ? `<img src="${esc(r.thumb)}" alt="">` : '<span class="placeholder">No preview</span>'}<figcaption>${esc(name(r.id))}</figcaption></figure>`;
    const cell = (v: unknown) => esc(v === undefined ? '—' : String(v));
    this.render(`
<div class="pair">${figure(left)}${figure(right)}</div>
<p>${differing === 0 ? 'Same parameters.' : `${differing} ${differing === 1 ? 'parameter differs' : 'parameters differ'} (highlighted).`}</p>
<table><thead><tr><th scope="col">Parameter</th><th scope="col">Left</th><th scope="col">Right</th></tr></thead><tbody>
${rows.map((r) => `<tr${r.differs ? ' class="differs"' : ''}><th scope="row">${esc(r.name)}${r.differs ? '<span class="sr-only"> (differs)</span>' : ''}</th><td>${cell(r.left)}</td><td>${cell(r.right)}</td></tr>`).join('')}
</tbody></table>`);
  }

  private render(body: string): void {
    this.element.innerHTML = `<div class="compare-head"><h2 id="compare-title">Compare</h2><button type="button" data-close>Close</button></div>${body}`;
    this.element.hidden = false;
    this.element.querySelector<HTMLElement>('[data-close]')?.focus();
  }

  private close(): void {
    this.element.hidden = true;
    this.pending = undefined;
    (this.returnFocus ?? document.getElementById('grid'))?.focus();
  }
}
