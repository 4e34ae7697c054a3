// Entry of the lazily loaded finder bundle (dist/references.js): markdown-it, htmlparser2 and the
// per-language finders. The extension requires it through ./load on first use, never at activation.
export { findImageReferences } from './find';
