// An image dropped on the generator panel → the form's settings, as "Reproduce Image in Generator"
// gives them. No `vscode` import: the caller hands in the workspace folders and a file reader, so the
// policy (which dropped files may be read at all) is tested in plain Node.
import { sniffImageFormat } from '../segmind/decode';
import type { ModelSlug } from '../shared/catalog';
import type { DroppedImage } from '../shared/protocol';
import type { History } from '../history/history';
import { recordForFile, recordFromMetadata, type GenerationRecord, type MetadataReader } from './imageRecord';

export interface DropContext {
  readonly history: Pick<History, 'findByUri'>;
  /** `Uri.toString()` of each workspace folder: a dropped file from VS Code must be inside one (or in the history). */
  readonly roots: readonly string[];
  readonly readFile: (uri: string) => Promise<Uint8Array>;
  readonly readMetadata: MetadataReader;
  /** The form's model for images another tool made with a model we do not have. */
  readonly fallbackModel: ModelSlug;
  /** How the user knows the file (a workspace-relative path). */
  readonly displayName: (uri: string) => string;
}

export type DropOutcome =
  | { readonly ok: true; readonly record: GenerationRecord; readonly name: string }
  | { readonly ok: false; readonly reason: 'notAnImage' | 'notAllowed' | 'noSettings' | 'unreadable'; readonly name: string; readonly detail?: string };

const IMAGE_PATH = /\.(png|jpe?g|webp)$/i;

/** The settings of a dropped image: from the history or its embedded metadata, or why there are none. */
export async function settingsOfDroppedImage(source: DroppedImage, ctx: DropContext): Promise<DropOutcome> {
  if ('bytes' in source) {
    const name = source.name;
    if (!sniffImageFormat(source.bytes)) return { ok: false, reason: 'notAnImage', name };
    const meta = ctx.readMetadata(source.bytes);
    return meta ? { ok: true, record: recordFromMetadata(meta, ctx.fallbackModel), name } : { ok: false, reason: 'noSettings', name };
  }
  const uri = hostUri(source.uri, ctx.roots);
  if (!mayRead(uri, ctx)) return { ok: false, reason: IMAGE_PATH.test(pathOf(uri) ?? '') ? 'notAllowed' : 'notAnImage', name: lastSegment(uri) };
  const name = ctx.displayName(uri);
  try {
    const record = await recordForFile(uri, ctx.history, () => ctx.readFile(uri), ctx.readMetadata, ctx.fallbackModel);
    return record ? { ok: true, record, name } : { ok: false, reason: 'noSettings', name };
  } catch (err) {
    return { ok: false, reason: 'unreadable', name, detail: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * The webview is not trusted: it may name an image the history knows, or a PNG, JPEG or WebP file
 * inside a workspace folder, by a path that does not climb (`..`) or wander (`.`); nothing else.
 */
export function mayRead(uri: string, ctx: Pick<DropContext, 'history' | 'roots'>): boolean {
  if (ctx.history.findByUri(uri)) return true;
  const target = parts(uri);
  if (!target || !IMAGE_PATH.test(target.path)) return false;
  if (target.path.split('/').some((segment) => segment === '.' || segment === '..')) return false;
  return ctx.roots.some((rootText) => {
    const root = parts(rootText);
    if (!root || root.scheme !== target.scheme || root.authority !== target.authority) return false;
    const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
    return target.path.startsWith(base);
  });
}

/**
 * In a remote window (code-server, SSH, containers) VS Code's views put `vscode-remote://<authority>/path`
 * on a drag, while the extension host, running on that machine, knows the same file as `file:///path`.
 */
export function hostUri(uri: string, roots: readonly string[]): string {
  const match = /^vscode-remote:\/\/[^/?#]*(\/[^?#]*)$/i.exec(uri);
  if (!match || roots.some((root) => /^vscode-remote:/i.test(root))) return uri;
  return `file://${match[1]}`;
}

/** Scheme, authority and decoded path, without the normalising URL would do (it would hide `..`). */
function parts(uri: string): { scheme: string; authority: string; path: string } | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(\/[^?#]*)$/i.exec(uri);
  if (!match) return undefined;
  try {
    return { scheme: match[1]!.toLowerCase(), authority: decodeURIComponent(match[2]!).toLowerCase(), path: decodeURIComponent(match[3]!) };
  } catch {
    return undefined;
  }
}

function pathOf(uri: string): string | undefined {
  return parts(uri)?.path;
}

function lastSegment(uri: string): string {
  return (pathOf(uri) ?? uri).split('/').pop()?.slice(0, 200) ?? '';
}
