// Finds every image reference in a document with its language's own syntax, and says of each where it
// points and whether it can be generated. Pure and synchronous; the parsers come with this module, so
// the extension reaches it only through the lazily loaded bundle (./load).
import { referenceStyle, type ReferenceStyle } from '../assets/reference';
import { findAsciidocReferences } from './asciidoc';
import { findCssReferences } from './css';
import { classify } from './formats';
import { findHtmlReferences } from './html';
import { findJsxReferences } from './jsx';
import { findLatexReferences } from './latex';
import { LineTable } from './lines';
import { findMarkdownReferences } from './markdown';
import { referencePrompt } from './prompt';
import { resolveTarget, type TargetSyntax } from './resolve';
import { findRstReferences } from './rst';
import type { FoundReference, ImageReference, SourceDocument } from './types';

type Finder = (text: string, languageId: string) => readonly FoundReference[];

// The languages are those the insert feature writes to (src/assets/reference.ts), so everything it writes is found.
const FINDERS: Readonly<Record<ReferenceStyle, Finder>> = {
  markdown: findMarkdownReferences,
  html: findHtmlReferences,
  jsx: findJsxReferences,
  css: findCssReferences,
  latex: findLatexReferences,
  rst: findRstReferences,
  asciidoc: findAsciidocReferences,
  // A bare path in plain text or code is not a reference any syntax defines.
  plain: () => [],
};

const URL_TARGETS: TargetSyntax = { urlEncoded: true, rootedIsWorkspace: true };

const TARGET_SYNTAX: Readonly<Record<ReferenceStyle, TargetSyntax>> = {
  markdown: URL_TARGETS,
  html: URL_TARGETS,
  jsx: URL_TARGETS,
  css: URL_TARGETS,
  asciidoc: URL_TARGETS,
  // File names, not URLs: `%20` is three characters. Sphinx reads `/x.png` from the source root; TeX from the disk's.
  rst: { urlEncoded: false, rootedIsWorkspace: true },
  latex: { urlEncoded: false, rootedIsWorkspace: false },
  plain: URL_TARGETS,
};

/** The document's image references in source order. */
export function findImageReferences(document: SourceDocument): ImageReference[] {
  const style = referenceStyle(document.languageId);
  const lines = new LineTable(document.text);
  return FINDERS[style](document.text, document.languageId)
    .filter((found) => found.target.trim() !== '')
    .sort((a, b) => a.start - b.start)
    .map((found) => describe(found, document.path, TARGET_SYNTAX[style], lines));
}

function describe(found: FoundReference, documentPath: string, syntax: TargetSyntax, lines: LineTable): ImageReference {
  const resolution = resolveTarget(found.target, documentPath, syntax, found.baseDirectory);
  const path = resolution.kind === 'path' ? resolution.path : undefined;
  const alt = nonEmpty(found.alt);
  const title = nonEmpty(found.title);
  return {
    range: lines.range(found.start, found.end),
    target: found.target,
    ...(path !== undefined && { path }),
    ...(alt !== undefined && { alt }),
    ...(title !== undefined && { title }),
    ...(found.width !== undefined && { width: found.width }),
    ...(found.height !== undefined && { height: found.height }),
    prompt: referencePrompt({ alt, title }, path ?? fileOfUrl(found.target)),
    classification: classify(resolution),
  };
}

/** The file part of a URL target; a data: URI has none. */
const fileOfUrl = (target: string): string => (/^data:/i.test(target) ? '' : target.replace(/[?#].*$/s, ''));

const nonEmpty = (text: string | undefined): string | undefined => (text?.trim() ? text.trim() : undefined);
