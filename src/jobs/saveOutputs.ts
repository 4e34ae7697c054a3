// Saves a job's images: metadata embedded (pixels untouched), a safe unique name, each index saved
// exactly once (claims), and on failure the paid-for bytes kept in global storage.
import * as vscode from 'vscode';
import { extensionFor, imageFileName } from '../assets/fileName';
import { keepInGlobalStorage, saveFailureReason, saveImageFile } from '../assets/save';
import { embedMetadata } from '../segmind/metadata';
import type { Logger } from '../logging/log';
import type { SettingsSnapshot } from '../settings/snapshot';
import type { SaveClaims } from './claims';
import { promptOf, type JobRecord } from './job';

export interface ImageToSave { readonly bytes: Uint8Array; readonly format: 'png' | 'jpeg' | 'webp' }

/** The image(s) were generated but could not be written to the workspace; `kept` holds them. */
export class SaveFailedError extends Error {
  constructor(message: string, readonly kept: readonly vscode.Uri[]) {
    super(message);
    this.name = 'SaveFailedError';
  }
}

export interface SaveContext {
  readonly settings: SettingsSnapshot;
  readonly claims: SaveClaims;
  readonly globalStorage: vscode.Uri;
  readonly logger: Logger;
  /** Persists the file list after each image, so a reload never saves one twice. */
  readonly onSaved: (files: readonly (string | null)[]) => Promise<void>;
}

const CLAIM_WAIT_MS = 30_000;

async function waitForOtherWindow(ctx: SaveContext, requestId: string, index: number): Promise<string | undefined> {
  for (const until = Date.now() + CLAIM_WAIT_MS; Date.now() < until; ) {
    await new Promise((r) => setTimeout(r, 500));
    const again = await ctx.claims.claim(requestId, index);
    if (again.claimed) return undefined;
    if (again.savedUri) return again.savedUri;
  }
  throw new Error(`another window is still saving image ${index + 1} of request ${requestId}`);
}

export function prepareBytes(job: JobRecord, image: ImageToSave, index: number, embed: boolean, logger: Logger): Uint8Array {
  if (!embed) return image.bytes;
  try {
    return embedMetadata(image.bytes, image.format, { model: job.model, params: job.body, seed: job.seed, ...(job.requestId ? { requestId: job.requestId } : {}), index: index + 1 });
  } catch (e) {
    logger.warn(`could not embed metadata in image ${index + 1} (${(e as Error).message}); saving it as received`);
    return image.bytes;
  }
}

/** Saves every image not saved yet; returns the file URIs in output order. */
export async function saveOutputs(job: JobRecord, images: readonly ImageToSave[], ctx: SaveContext): Promise<vscode.Uri[]> {
  const files: (string | null)[] = images.map((_, i) => job.files[i] ?? null);
  const folder = vscode.Uri.parse(job.target.folderUri);
  const workspaceFolder = job.target.workspaceFolderUri ? vscode.Uri.parse(job.target.workspaceFolderUri) : undefined;
  const now = new Date();
  for (const [i, image] of images.entries()) {
    if (files[i]) continue;
    if (job.requestId) {
      const claim = await ctx.claims.claim(job.requestId, i);
      const other = claim.claimed ? undefined : claim.savedUri ?? (await waitForOtherWindow(ctx, job.requestId, i));
      if (other) {
        ctx.logger.info(`image ${i + 1} of request ${job.requestId} was already saved as ${other}; not saving it again`);
        files[i] = other;
        continue;
      }
    }
    const bytes = prepareBytes(job, image, i, ctx.settings.embedMetadata, ctx.logger);
    const name = imageFileName(ctx.settings.fileNameTemplate, {
      date: now, prompt: promptOf(job), model: job.model, seed: job.seed, index: i + 1, ...(job.requestId ? { requestId: job.requestId } : {}),
    }, extensionFor(image.format));
    let uri: vscode.Uri;
    try {
      uri = await saveImageFile(folder, name, bytes, workspaceFolder);
    } catch (e) {
      if (job.requestId) await ctx.claims.release(job.requestId, i);
      throw await keepUnsaved(job, images, files, i, e, ctx, name);
    }
    files[i] = uri.toString();
    if (job.requestId) await ctx.claims.markSaved(job.requestId, i, files[i]!);
    await ctx.onSaved(files);
    ctx.logger.info(`saved image ${i + 1}/${images.length}${job.requestId ? ` of request ${job.requestId}` : ''} as ${vscode.workspace.asRelativePath(uri, false)}`);
  }
  return files.map((f) => vscode.Uri.parse(f!));
}

async function keepUnsaved(job: JobRecord, images: readonly ImageToSave[], files: (string | null)[], from: number, cause: unknown, ctx: SaveContext, firstName: string): Promise<SaveFailedError> {
  const reason = saveFailureReason(cause);
  const where = vscode.workspace.asRelativePath(vscode.Uri.parse(job.target.folderUri), false);
  ctx.logger.error(`saving into ${where} failed: ${reason}`);
  const kept: vscode.Uri[] = [];
  try {
    for (let i = from; i < images.length; i++) {
      if (files[i]) continue;
      const image = images[i]!;
      const name = i === from ? firstName : `${job.requestId ?? job.id}-${i + 1}.${extensionFor(image.format)}`;
      kept.push(await keepInGlobalStorage(ctx.globalStorage, name, prepareBytes(job, image, i, ctx.settings.embedMetadata, ctx.logger)));
    }
  } catch (e) {
    ctx.logger.error(`keeping the images in global storage failed too: ${saveFailureReason(e)}`);
    return new SaveFailedError(`The image was generated but could not be saved in "${where}" (${reason}), nor kept in the extension's storage.`, kept);
  }
  const places = kept.map((u) => u.fsPath || u.toString()).join(', ');
  const what = kept.length > 1 ? `${kept.length} images were` : 'The image was';
  return new SaveFailedError(`${what} generated but could not be saved in "${where}" (${reason}). Kept in ${places}: use "Save As…" to save it elsewhere.`, kept);
}
