// Registers drop and paste of image files for every language the provider serves. The provider
// (src/imageDrop/imageDropProvider.ts, in dist/features.js) is built on the first drop or paste.
import * as vscode from 'vscode';
import { DROP_LANGUAGES, IMAGE_MIME_TYPES, IMAGE_REFERENCE_KIND } from './contributions';
import type { ImageDropProvider } from './imageDropProvider';

export function registerImageDrop(provider: () => ImageDropProvider): vscode.Disposable {
  const selector = DROP_LANGUAGES.map((language) => ({ language }));
  const drop: vscode.DocumentDropEditProvider = { provideDocumentDropEdits: (...args) => provider().provideDocumentDropEdits(...args) };
  const paste: vscode.DocumentPasteEditProvider = { provideDocumentPasteEdits: (...args) => provider().provideDocumentPasteEdits(...args) };
  return vscode.Disposable.from(
    vscode.languages.registerDocumentDropEditProvider(selector, drop, { providedDropEditKinds: [IMAGE_REFERENCE_KIND], dropMimeTypes: IMAGE_MIME_TYPES }),
    vscode.languages.registerDocumentPasteEditProvider(selector, paste, { providedPasteEditKinds: [IMAGE_REFERENCE_KIND], pasteMimeTypes: IMAGE_MIME_TYPES }),
  );
}
