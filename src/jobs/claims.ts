// "Saving is idempotent per request id and image index": before saving image i of a request, a
// window claims it with a marker file in global storage (shared by all windows), created
// exclusively. The marker then records the saved file.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { createIfAbsent } from '../assets/exclusive';

const STALE_CLAIM_MS = 2 * 60_000;

export type ClaimResult = { readonly claimed: true } | { readonly claimed: false; readonly savedUri?: string };

interface ClaimFile { readonly at: number; readonly savedUri?: string }

export class SaveClaims {
  private readonly folder: vscode.Uri;

  constructor(globalStorage: vscode.Uri) {
    this.folder = vscode.Uri.joinPath(globalStorage, 'claims');
  }

  private uri(requestId: string, index: number): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, `${requestId.replace(/[^\w.-]/g, '_')}-${index}.json`);
  }

  private async read(uri: vscode.Uri): Promise<ClaimFile | undefined> {
    try {
      return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as ClaimFile;
    } catch {
      return undefined;
    }
  }

  /** Claims image `index` of `requestId`, or says who saved it. A stale unfinished claim is taken over. */
  async claim(requestId: string, index: number): Promise<ClaimResult> {
    await vscode.workspace.fs.createDirectory(this.folder);
    const target = this.uri(requestId, index);
    if (await createIfAbsent(target, new TextEncoder().encode(JSON.stringify({ at: Date.now() })))) return { claimed: true };
    const existing = await this.read(target);
    if (existing?.savedUri) return { claimed: false, savedUri: existing.savedUri };
    // An unreadable marker may be another window's claim: judge it by the file's age, never as free.
    const claimedAt = existing?.at ?? (await vscode.workspace.fs.stat(target).then((s) => s.mtime, () => 0));
    if (Date.now() - claimedAt > STALE_CLAIM_MS) {
      await this.replace(target, { at: Date.now() });
      return { claimed: true };
    }
    return { claimed: false };
  }

  async markSaved(requestId: string, index: number, savedUri: string): Promise<void> {
    await this.replace(this.uri(requestId, index), { at: Date.now(), savedUri });
  }

  /** Written aside, then renamed over the marker, so another window never reads a half-written one. */
  private async replace(target: vscode.Uri, content: ClaimFile): Promise<void> {
    const aside = target.with({ path: `${target.path}.${randomUUID()}.tmp` });
    await vscode.workspace.fs.writeFile(aside, new TextEncoder().encode(JSON.stringify(content)));
    await vscode.workspace.fs.rename(aside, target, { overwrite: true });
  }

  /** Lets a claim go (the save failed), so a retry or another window can save the image. */
  async release(requestId: string, index: number): Promise<void> {
    await vscode.workspace.fs.delete(this.uri(requestId, index)).then(undefined, () => undefined);
  }

  /** Removes claims older than Segmind's retention: their requests cannot be resumed anyway. */
  async prune(maxAgeMs = 2 * 60 * 60_000): Promise<void> {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(this.folder);
    } catch {
      return;
    }
    for (const [name] of entries) {
      const uri = vscode.Uri.joinPath(this.folder, name);
      const stat = await vscode.workspace.fs.stat(uri).then(undefined, () => undefined);
      if (stat && Date.now() - stat.mtime > maxAgeMs) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  }
}
