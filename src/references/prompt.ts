// The prompt a reference implies when the user has written none: what the author said the image shows.

const collapse = (text: string | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** The alt text, else the title or caption, else the words of the file name. */
export function referencePrompt(reference: { readonly alt?: string; readonly title?: string }, fileName: string): string {
  return [reference.alt, reference.title, fileNameWords(fileName)].map(collapse).find((text) => text !== '') ?? '';
}

/** `img/hero-banner_dark.png` → `hero banner dark`. */
export function fileNameWords(path: string): string {
  const name = path.split(/[/\\]/).pop() ?? '';
  return name.replace(/\.[^.]*$/, '').split(/[-_.+\s]+/).filter(Boolean).join(' ');
}
