// Registers drop and paste of image files for every language the provider serves.
import * as vscode from 'vscode';
import type { SettingsService } from '../settings/service';
import { DROP_LANGUAGES, IMAGE_REFERENCE_KIND, ImageDropProvider } from './imageDropProvider';

export function registerImageDrop(settings: SettingsService): vscode.Disposable {
  const provider = new ImageDropProvider(settings);
  const selector = DROP_LANGUAGES.map((language) => ({ language }));
  return vscode.Disposable.from(
    vscode.languages.registerDocumentDropEditProvider(selector, provider, { providedDropEditKinds: [IMAGE_REFERENCE_KIND], dropMimeTypes: ['text/uri-list', 'image/*', 'files'] }),
    vscode.languages.registerDocumentPasteEditProvider(selector, provider, { providedPasteEditKinds: [IMAGE_REFERENCE_KIND], pasteMimeTypes: ['text/uri-list', 'image/*', 'files'] }),
  );
}
