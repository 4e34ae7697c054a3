// What a drop or paste carries that is an image: files named by URI (the Explorer, the gallery,
// another editor put `text/uri-list`) and image bytes without a workspace file (a screenshot on the
// clipboard, a file dragged from the OS). Pure apart from reading the DataTransfer.
import type * as vscode from 'vscode';

/** Image formats a document can reference (wider than what the models write). */
const IMAGE_FILE = /\.(png|jpe?g|webp|gif|svg|avif|bmp|ico)$/i;

export function isImagePath(path: string): boolean {
  return IMAGE_FILE.test(path);
}

export type DroppedImage =
  | { readonly kind: 'uri'; readonly uri: vscode.Uri }
  | { readonly kind: 'bytes'; readonly name: string; readonly data: () => Thenable<Uint8Array> };

/** Parses `text/uri-list` (RFC 2483: one URI a line, `#` lines are comments). */
export function parseUriList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

const EXTENSION_BY_MIME: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif', 'image/svg+xml': 'svg', 'image/avif': 'avif' };

/**
 * The images in a DataTransfer, or undefined when anything in it is not an image: then the drop or
 * paste is not ours and the editor's default (text) applies.
 */
export async function imagesIn(dataTransfer: vscode.DataTransfer, parseUri: (value: string) => vscode.Uri): Promise<DroppedImage[] | undefined> {
  const images: DroppedImage[] = [];
  const seen = new Set<string>();
  const uriList = await dataTransfer.get('text/uri-list')?.asString();
  for (const value of uriList ? parseUriList(uriList) : []) {
    let uri: vscode.Uri;
    try {
      uri = parseUri(value);
    } catch {
      return undefined;
    }
    if (!isImagePath(uri.path)) return undefined;
    seen.add(uri.toString());
    images.push({ kind: 'uri', uri });
  }
  for (const [mime, item] of dataTransfer) {
    const file = item.asFile();
    if (!file || !mime.startsWith('image/')) continue;
    // The same file often comes both as a URI and as bytes: the URI wins (no copy needed).
    if (file.uri && seen.has(file.uri.toString())) continue;
    if (file.uri) {
      seen.add(file.uri.toString());
      images.push({ kind: 'uri', uri: file.uri });
      continue;
    }
    const name = isImagePath(file.name) ? file.name : `pasted-image.${EXTENSION_BY_MIME[mime] ?? 'png'}`;
    images.push({ kind: 'bytes', name, data: () => file.data() });
  }
  return images.length > 0 ? images : undefined;
}

/** Alt text for an image we know nothing else about: the words of its file name. */
export function altFromFileName(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.[^.]+$/, '').replace(/[-_.]+/g, ' ').replace(/\s+/g, ' ').trim() || 'image';
}
