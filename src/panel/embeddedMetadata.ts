// The one place the panel and the gallery reach for the metadata reader (src/segmind/metadata.ts): our own JSON
// record or AUTOMATIC1111 `parameters` text embedded in PNG, JPEG and WebP files.
import { readGenerationMetadata as read } from '../segmind/metadata';
import type { MetadataReader } from './imageRecord';

export const readGenerationMetadata: MetadataReader = read;
