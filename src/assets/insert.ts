// Inserts references to saved images in the document a generation came from: after its selection,
// at the position as moved by edits made meanwhile, one per line, as one undoable edit.
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle';
import { shiftOffset } from './anchor';
import { referenceText, relativePosixPath } from './reference';
import type { InsertionTarget } from './anchor';

/** Tracks the insertion point of each running job across edits. */
export class InsertionAnchors extends Disposable {
  private readonly anchors = new Map<string, InsertionTarget>();
  private readonly moved = this._register(new vscode.EventEmitter<string>());
  /** Fires a job id when its insertion point moved (so the job store can keep it for a reload). */
  readonly onDidMove = this.moved.event;

  constructor() {
    super();
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const uri = e.document.uri.toString();
        for (const [id, target] of this.anchors) {
          if (target.documentUri !== uri) continue;
          const offset = shiftOffset(target.offset, e.contentChanges);
          if (offset === target.offset) continue;
          this.anchors.set(id, { ...target, offset });
          this.moved.fire(id);
        }
      }),
    );
  }

  /** Where references for a generation started now from `editor` go. */
  static capture(editor: vscode.TextEditor): InsertionTarget {
    const selection = editor.selection;
    return {
      documentUri: editor.document.uri.toString(),
      languageId: editor.document.languageId,
      offset: editor.document.offsetAt(selection.end),
      hadSelection: !selection.isEmpty,
    };
  }

  track(jobId: string, target: InsertionTarget): void {
    this.anchors.set(jobId, target);
  }

  current(jobId: string): InsertionTarget | undefined {
    return this.anchors.get(jobId);
  }

  release(jobId: string): void {
    this.anchors.delete(jobId);
  }

  insert(target: InsertionTarget, files: readonly vscode.Uri[], prompt: string): Promise<boolean> {
    return insertReferences(target, files, prompt);
  }
}

/** Path of `file` as the document at `documentUri` should reference it (relative, POSIX). */
export function referencePath(documentUri: vscode.Uri, file: vscode.Uri): string {
  if (documentUri.scheme === file.scheme && documentUri.authority === file.authority && documentUri.scheme !== 'untitled') {
    const docDir = documentUri.path.split('/').slice(0, -1).join('/');
    return relativePosixPath(docDir, file.path);
  }
  return vscode.workspace.asRelativePath(file, false);
}

/** Inserts one reference per file; false when the document is gone. Throws if the edit is refused. */
export async function insertReferences(target: InsertionTarget, files: readonly vscode.Uri[], prompt: string): Promise<boolean> {
  if (files.length === 0) return false;
  const uri = vscode.Uri.parse(target.documentUri);
  let document: vscode.TextDocument;
  try {
    document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.documentUri) ?? (await vscode.workspace.openTextDocument(uri));
  } catch {
    return false;
  }
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const anchor = document.positionAt(Math.min(target.offset, document.getText().length));
  // A selection of whole lines ends at column 0 of the next line: insert after the last selected line.
  const line = target.hadSelection && anchor.character === 0 && anchor.line > 0 ? anchor.line - 1 : anchor.line;
  const at = document.lineAt(line).range.end;
  const references = files.map((f) => referenceText(target.languageId, referencePath(uri, f), prompt));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, at, eol + references.join(eol));
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) throw new Error('the editor refused the edit');
  return true;
}
