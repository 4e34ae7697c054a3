// Shared by the reference finder tests: find through the public (lazily loading) API and read back
// what each reference's range covers.
import { findImageReferences, type ImageReference } from '../../../src/references';

export function find(languageId: string, text: string, path = 'docs/page'): ImageReference[] {
  return findImageReferences({ text, languageId, path });
}

/** The text each found reference's range covers, in order. */
export function sources(languageId: string, text: string, path?: string): string[] {
  return find(languageId, text, path).map((r) => text.slice(r.range.start.offset, r.range.end.offset));
}

/** The one reference `text` must contain. */
export function only(languageId: string, text: string, path?: string): ImageReference {
  const found = find(languageId, text, path);
  if (found.length !== 1) throw new Error(`expected one reference, found ${found.length}: ${JSON.stringify(found.map((r) => r.target))}`);
  return found[0]!;
}
