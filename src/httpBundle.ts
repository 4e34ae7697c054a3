// Entry of the lazily loaded HTTP bundle (dist/http.js): undici, transport, decoding, the client.
// dist/features.js requires it on the first request, keeping the HTTP stack out of both.
export { SegmindClient } from './segmind/client';
export type {
  ClientOptions, GenerationResult, JobEvent, Logger, SubmittedJob, WaitOptions, ImageOutput, JobStatus,
  GenerateOptions, SyncOptions, StreamOptions, ImageHandler, ImageSummary, StreamedGenerationResult,
} from './segmind/client';
export { decodeImage, sniffImageFormat, parseOutput, MIME_TYPES } from './segmind/decode';
export type { ImageFormat, OutputItem } from './segmind/decode';
export { checkOutputUrl, isPrivateHost } from './segmind/urls';
