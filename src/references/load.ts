// Loads the reference finder (dist/references.js, with markdown-it and htmlparser2) on first use, so
// activation never pays for the parsers.
import type * as Finder from './references';
import type { ImageReference, SourceDocument } from './types';

let loaded: typeof Finder | undefined;

/** The finder bundle. './references' names it both next to the requiring bundle in dist/ at run time and here in the source. */
export function loadReferenceFinder(): typeof Finder {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./references') as typeof Finder;
  return loaded;
}

/** The document's image references in source order (loads the parsers on the first call). */
export function findImageReferences(document: SourceDocument): ImageReference[] {
  return loadReferenceFinder().findImageReferences(document);
}
