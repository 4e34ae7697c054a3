// src/references: image references a document makes, found with each language's syntax and classified
// for generation. Safe to import from activation code: the parsers are reached only through ./load.
export type {
  Classification, ImageFormat, ImageReference, NotGeneratableReason, SourceDocument, SourcePoint, SourceRange,
} from './types';
export { findImageReferences, loadReferenceFinder } from './load';
export { GENERATABLE_FORMATS, generatableFormatOf, writableFormats } from './formats';
export { nearestAllowedSize, type RequestedSize, type SizeChoice } from './size';
