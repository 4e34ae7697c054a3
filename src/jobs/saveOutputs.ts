// Saves a job's images: metadata embedded (pixels untouched), a safe unique name, each index saved
// exactly once (claims), and on failure the paid-for bytes kept in global storage.
import * as vscode from 'vscode';
import { exactFileName, formatMismatch } from '../assets/exactPath';
import { extensionFor, imageFileName } from '../assets/fileName';
import { keepInGlobalStorage, saveFailureReason, saveImageFile } from '../assets/save';
import { embedMetadataParts } from '../segmind/metadata';
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

/** The file content: the image with its metadata as parts (no copy of the pixels), or the bytes as received. */
export function prepareBytes(job: JobRecord, image: ImageToSave, index: number, embed: boolean, logger: Logger): readonly Uint8Array[] {
  if (!embed) return [image.bytes];
  try {
    return embedMetadataParts(image.bytes, image.format, { model: job.model, params: job.body, seed: job.seed, ...(job.requestId ? { requestId: job.requestId } : {}), index: index + 1 });
  } catch (e) {
    logger.warn(`could not embed metadata in image ${index + 1} (${(e as Error).message}); saving it as received`);
    return [image.bytes];
  }
}

/**
 * Saves a job's images one at a time as they arrive (any order, each index once), so a batch never
 * has to be in memory whole. After a failed save the remaining images are kept in global storage;
 * finish() then throws the SaveFailedError that says where.
 */
export class OutputSaver {
  private readonly files: (string | null)[];
  private readonly now = new Date();
  private failure: { readonly index: number; readonly reason: string } | undefined;
  private readonly kept: vscode.Uri[] = [];

  /** `job` is read at each save: the request id may be stored after the saver is made. */
  constructor(private readonly job: () => JobRecord, private readonly ctx: SaveContext) {
    this.files = [...job().files];
  }

  async save(index: number, image: ImageToSave): Promise<void> {
    const job = this.job();
    if (this.files[index]) return;
    if (this.failure) return this.keep(job, index, image);
    if (job.requestId) {
      const claim = await this.ctx.claims.claim(job.requestId, index);
      const other = claim.claimed ? undefined : claim.savedUri ?? (await waitForOtherWindow(this.ctx, job.requestId, index));
      if (other) {
        this.ctx.logger.info(`image ${index + 1} of request ${job.requestId} was already saved as ${other}; not saving it again`);
        this.files[index] = other;
        return;
      }
    }
    const exactName = job.target.fileName;
    const name = exactName ? exactFileName(exactName, index) : this.fileName(job, index, image);
    let uri: vscode.Uri;
    try {
      const mismatch = exactName ? formatMismatch(name, image.format) : undefined;
      if (mismatch) throw new Error(mismatch);
      uri = await saveImageFile(vscode.Uri.parse(job.target.folderUri), name, prepareBytes(job, image, index, this.ctx.settings.embedMetadata, this.ctx.logger),
        job.target.workspaceFolderUri ? vscode.Uri.parse(job.target.workspaceFolderUri) : undefined, { exactName: exactName !== undefined });
    } catch (e) {
      if (job.requestId) await this.ctx.claims.release(job.requestId, index);
      this.failure = { index, reason: saveFailureReason(e) };
      this.ctx.logger.error(`saving into ${this.where(job)} failed: ${this.failure.reason}`);
      return this.keep(job, index, image);
    }
    const saved = uri.toString();
    this.files[index] = saved;
    if (job.requestId) await this.ctx.claims.markSaved(job.requestId, index, saved);
    await this.ctx.onSaved([...this.files]);
    this.ctx.logger.info(`saved image ${index + 1}/${job.imageCount}${job.requestId ? ` of request ${job.requestId}` : ''} as ${vscode.workspace.asRelativePath(uri, false)}`);
  }

  /** The saved files in output order, once all `count` images went through save(); throws SaveFailedError if some were kept instead. */
  finish(count: number): vscode.Uri[] {
    const job = this.job();
    if (this.failure) {
      const where = this.where(job);
      const places = this.kept.map((u) => u.fsPath || u.toString()).join(', ');
      const what = this.kept.length > 1 ? `${this.kept.length} images were` : 'The image was';
      throw new SaveFailedError(`${what} generated but could not be saved in "${where}" (${this.failure.reason}). Kept in ${places}: use "Save As…" to save it elsewhere.`, [...this.kept]);
    }
    const files = this.files.slice(0, count);
    const missing = files.findIndex((f) => !f);
    if (missing >= 0 || files.length < count) throw new Error(`image ${(missing >= 0 ? missing : files.length) + 1} of ${count} was not saved`);
    return files.map((f) => vscode.Uri.parse(f!));
  }

  private fileName(job: JobRecord, index: number, image: ImageToSave): string {
    return imageFileName(this.ctx.settings.fileNameTemplate, {
      date: this.now, prompt: promptOf(job), model: job.model, seed: job.seed, index: index + 1, ...(job.requestId ? { requestId: job.requestId } : {}),
    }, extensionFor(image.format));
  }

  private where(job: JobRecord): string {
    return vscode.workspace.asRelativePath(vscode.Uri.parse(job.target.folderUri), false);
  }

  /** Keeps a paid-for image that cannot go into the workspace; throws when even that fails. */
  private async keep(job: JobRecord, index: number, image: ImageToSave): Promise<void> {
    const name = index === this.failure?.index ? this.fileName(job, index, image) : `${job.requestId ?? job.id}-${index + 1}.${extensionFor(image.format)}`;
    try {
      this.kept.push(await keepInGlobalStorage(this.ctx.globalStorage, name, prepareBytes(job, image, index, this.ctx.settings.embedMetadata, this.ctx.logger)));
    } catch (e) {
      this.ctx.logger.error(`keeping the images in global storage failed too: ${saveFailureReason(e)}`);
      throw new SaveFailedError(`The image was generated but could not be saved in "${this.where(job)}" (${this.failure?.reason ?? saveFailureReason(e)}), nor kept in the extension's storage.`, [...this.kept]);
    }
  }
}

/** Saves every image not saved yet; returns the file URIs in output order. */
export async function saveOutputs(job: JobRecord, images: readonly ImageToSave[], ctx: SaveContext): Promise<vscode.Uri[]> {
  const saver = new OutputSaver(() => job, ctx);
  for (const [i, image] of images.entries()) await saver.save(i, image);
  return saver.finish(images.length);
}
