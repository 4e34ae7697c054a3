// What the reference finder reports: one image reference in a document, where it is, what it points
// at and whether Segmind can make the file it names. Pure data.
import type { ImageFormat } from '../segmind/decode';

export type { ImageFormat };

/** The document to search. */
export interface SourceDocument {
  readonly text: string;
  /** VS Code language id: markdown, html, typescriptreact, css, latex, asciidoc, restructuredtext, … */
  readonly languageId: string;
  /** The document's path relative to its workspace folder, '/'-separated (`docs/guide.md`). */
  readonly path: string;
}

/** A place in the text: offset and line/character in UTF-16 code units, zero-based, as VS Code counts. */
export interface SourcePoint {
  readonly offset: number;
  readonly line: number;
  readonly character: number;
}

/** Half-open: `end` is just past the reference's last character. */
export interface SourceRange {
  readonly start: SourcePoint;
  readonly end: SourcePoint;
}

export type NotGeneratableReason = 'url' | 'outside-workspace' | 'unsupported-format';

export type Classification =
  | { readonly generatable: true; readonly format: ImageFormat }
  | { readonly generatable: false; readonly reason: NotGeneratableReason };

export interface ImageReference {
  /** The whole reference: `![alt](path)`, `<img …>`, `url(…)`, `\includegraphics…{…}`, `image::…[…]`, `.. image::` with its options. */
  readonly range: SourceRange;
  /** The target as written, with the language's own escapes undone (Markdown `\`, HTML entities, CSS escapes) but not URL-decoded. */
  readonly target: string;
  /** Workspace-relative, '/'-separated and URL-decoded; absent for URLs and paths outside the workspace. */
  readonly path?: string;
  readonly alt?: string;
  /** The title attribute, or the caption of the figure the image is in. */
  readonly title?: string;
  /** In CSS pixels, when the reference gives a size in absolute units. */
  readonly width?: number;
  readonly height?: number;
  /** What to ask the model for: the alt text, else the title or caption, else the file name's words. */
  readonly prompt: string;
  readonly classification: Classification;
}

/** A reference as one language's finder sees it, before resolution; offsets are into the text it was given. */
export interface FoundReference {
  readonly start: number;
  readonly end: number;
  readonly target: string;
  readonly alt?: string;
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
  /** Folder a relative target is relative to, itself relative to the document's folder (AsciiDoc's `imagesdir`). */
  readonly baseDirectory?: string;
}
