// Dropping or pasting image files into HTML, JSX/TSX, Vue, Svelte, CSS, LaTeX, reStructuredText or
// AsciiDoc inserts the reference in that language, relative to the document and URL-encoded (VS
// Code's own Markdown extension already does this for Markdown). An image from outside the
// workspace, or bytes with no file at all (a pasted screenshot), is copied into the output folder.
import * as vscode from 'vscode';
import { referencePath } from '../assets/insert';
import { referenceText } from '../assets/reference';
import { resolveSaveTarget } from '../assets/target';
import { uniqueFileName } from '../assets/fileName';
import { fileExists } from '../assets/save';
import type { SettingsService } from '../settings/service';
import { IMAGE_REFERENCE_KIND } from './contributions';
import { altFromFileName, imagesIn, type DroppedImage } from './dataTransferImages';

interface PlannedReferences {
  readonly text: string;
  readonly copies: vscode.WorkspaceEdit | undefined;
  readonly count: number;
}

export class ImageDropProvider implements vscode.DocumentDropEditProvider, vscode.DocumentPasteEditProvider {
  constructor(private readonly settings: SettingsService) {}

  async provideDocumentDropEdits(document: vscode.TextDocument, _position: vscode.Position, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<vscode.DocumentDropEdit | undefined> {
    const plan = await this.plan(document, dataTransfer, token);
    if (!plan) return undefined;
    const edit = new vscode.DocumentDropEdit(plan.text, title(plan), IMAGE_REFERENCE_KIND);
    if (plan.copies) edit.additionalEdit = plan.copies;
    return edit;
  }

  async provideDocumentPasteEdits(document: vscode.TextDocument, _ranges: readonly vscode.Range[], dataTransfer: vscode.DataTransfer, _context: vscode.DocumentPasteEditContext, token: vscode.CancellationToken): Promise<vscode.DocumentPasteEdit[] | undefined> {
    const plan = await this.plan(document, dataTransfer, token);
    if (!plan) return undefined;
    const edit = new vscode.DocumentPasteEdit(plan.text, title(plan), IMAGE_REFERENCE_KIND);
    if (plan.copies) edit.additionalEdit = plan.copies;
    return [edit];
  }

  /** The references to insert and the copies to make; undefined when the transfer is not images. */
  async plan(document: vscode.TextDocument, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<PlannedReferences | undefined> {
    const images = await imagesIn(dataTransfer, (value) => vscode.Uri.parse(value, true));
    if (!images || token.isCancellationRequested) return undefined;
    const copies = new vscode.WorkspaceEdit();
    // WorkspaceEdit.size counts text edits only, not file creations: track the copies here.
    const taken = new Set<string>();
    const references: string[] = [];
    for (const image of images) {
      const file = image.kind === 'uri' && vscode.workspace.getWorkspaceFolder(image.uri) ? image.uri : await this.copyTarget(document, image, taken);
      if (!file || token.isCancellationRequested) return undefined;
      if (file !== (image.kind === 'uri' ? image.uri : undefined)) {
        // Created as part of the edit (and undone with it); `overwrite: false` makes the whole edit
        // fail rather than replace a file that appeared after the name was chosen.
        copies.createFile(file, { contents: await bytesOf(image), overwrite: false, ignoreIfExists: false });
      }
      references.push(referenceText(document.languageId, referencePath(document.uri, file), altFromFileName(image.kind === 'uri' ? image.uri.path : image.name)));
    }
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    return { text: references.join(eol), copies: taken.size > 0 ? copies : undefined, count: references.length };
  }

  /** A free file name in the output folder for an image from outside the workspace. */
  private async copyTarget(document: vscode.TextDocument, image: DroppedImage, taken: Set<string>): Promise<vscode.Uri | undefined> {
    const settings = this.settings.snapshot(document.uri);
    const target = await resolveSaveTarget(settings.outputFolder, settings.defaultModel, document.uri);
    if (target.kind !== 'workspace') return undefined; // no workspace to copy into: leave the drop to VS Code
    const folder = vscode.Uri.parse(target.target.folderUri);
    const name = image.kind === 'uri' ? (image.uri.path.split('/').pop() ?? 'image.png') : image.name;
    const free = await uniqueFileName(name, async (candidate) => {
      const uri = vscode.Uri.joinPath(folder, candidate);
      return taken.has(uri.toString()) || fileExists(uri);
    });
    const uri = vscode.Uri.joinPath(folder, free);
    taken.add(uri.toString());
    return uri;
  }
}

function title(plan: PlannedReferences): string {
  return plan.count === 1 ? vscode.l10n.t('Insert image reference') : vscode.l10n.t('Insert {0} image references', plan.count);
}

async function bytesOf(image: DroppedImage): Promise<Uint8Array> {
  return image.kind === 'bytes' ? image.data() : vscode.workspace.fs.readFile(image.uri);
}
