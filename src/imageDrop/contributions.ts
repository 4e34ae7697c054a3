// What drop and paste register at activation: the languages served and the kind of edit offered.
import * as vscode from 'vscode';
import { REFERENCE_LANGUAGES, referenceStyle } from '../assets/reference';

/** Languages whose reference syntax the insert feature writes, Markdown left to VS Code itself. */
export const DROP_LANGUAGES = REFERENCE_LANGUAGES.filter((language) => referenceStyle(language) !== 'markdown');

export const IMAGE_REFERENCE_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('segmind', 'imageReference');

export const IMAGE_MIME_TYPES = ['text/uri-list', 'image/*', 'files'];
