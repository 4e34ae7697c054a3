// Entry of the lazily loaded HTTP bundle (dist/http.js): undici, transport, decoding, the client.
// extension.js requires it on the first request, keeping activation free of the HTTP stack.
export { SegmindClient } from './segmind/client';
export type {
  ClientOptions, GenerationResult, JobEvent, Logger, SubmittedJob, WaitOptions, ImageOutput, JobStatus,
  GenerateOptions, SyncOptions, StreamOptions, ImageHandler, ImageSummary, StreamedGenerationResult,
} from './segmind/client';
export { decodeImage, sniffImageFormat, parseOutput, MIME_TYPES } from './segmind/decode';
export type { ImageFormat, OutputItem } from './segmind/decode';
export { checkOutputUrl, isPrivateHost } from './segmind/urls';
