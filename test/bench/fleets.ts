// The two clients compared by the latency benchmark, each running one job end to end:
// submit → wait → download → save into the workspace folder (atomically).
import type { SegmindClient } from '../../src/segmind/client';
import type { ImageHandler } from '../../src/segmind/client-types';
import type { ImageOutput } from '../../src/segmind/decode';
import { runLikeOfficialSdk, type BaselineOptions } from './baseline-client';
import type { JobOutcome } from './latency-analysis';
import { saveImage, saveImages } from './save-images';

export interface FleetJob {
  readonly index: number;
  readonly model: string;
  readonly body: Record<string, unknown>;
  /**
   * The service's real processing time, when the benchmark runs it faster than the model pages
   * say (big batches): given to the poller as the prediction the client's history would learn.
   */
  readonly expectedMs?: number;
}

/**
 * Our client, as the extension (src/jobs/runner.ts) uses it: generateAsync with `onImage`, each
 * image saved as soon as it is downloaded, while the client holds its download slot.
 */
export async function runOurJob(client: SegmindClient, job: FleetJob, folder: string): Promise<JobOutcome> {
  let requestId: string | undefined;
  const files: string[] = [];
  const onImage = async (index: number, image: ImageOutput): Promise<void> => {
    files[index] = await saveImage(folder, `ours-${job.index}`, index, image, { model: job.model, body: job.body, requestId });
  };
  try {
    const onSubmitted = (id: string) => {
      requestId = id;
    };
    const result =
      job.expectedMs === undefined
        ? await client.generateAsync(job.model, job.body, { onSubmitted, onImage })
        : await submitAndWait(client, job, job.expectedMs, onSubmitted, onImage);
    requestId ??= result.requestId;
    return { fleet: 'ours', index: job.index, model: job.model, requestId, fileWrittenAt: Date.now(), files };
  } catch (err) {
    return { fleet: 'ours', index: job.index, model: job.model, requestId, files, error: String(err) };
  }
}

/** The official SDK's behaviour (1 s fixed polling), then the same save path. */
export async function runBaselineJob(options: BaselineOptions, job: FleetJob, folder: string): Promise<JobOutcome> {
  try {
    const result = await runLikeOfficialSdk(options, job.model, job.body);
    const images = result.images.map((image) => ({ bytes: image.bytes, format: formatOf(image.contentType) }));
    const files = await saveImages(folder, `baseline-${job.index}`, images, { model: job.model, body: job.body, requestId: result.requestId });
    return { fleet: 'baseline', index: job.index, model: job.model, requestId: result.requestId, fileWrittenAt: Date.now(), files };
  } catch (err) {
    return { fleet: 'baseline', index: job.index, model: job.model, files: [], error: String(err) };
  }
}

function formatOf(contentType: string): 'png' | 'jpeg' | 'webp' {
  if (contentType.includes('png')) return 'png';
  if (contentType.includes('webp')) return 'webp';
  return 'jpeg';
}

/** submit + waitForCompletion with a given processing-time prediction. */
async function submitAndWait(client: SegmindClient, job: FleetJob, expectedMs: number, onSubmitted: (id: string) => void, onImage: ImageHandler) {
  const submitted = await client.submit(job.model, job.body);
  const submittedAt = Date.now();
  onSubmitted(submitted.requestId);
  const { spread } = client.predict(job.model, job.body);
  return client.waitForCompletion(submitted.requestId, { expectedMs, spread, submittedAt, onImage, trustedOrigins: [submitted.statusUrl, submitted.responseUrl] });
}
