// Remembers the text editor the user last worked in: when a panel or view has focus there is no
// active text editor, yet "Insert" and "prefill from the selection" mean that editor.
import * as vscode from 'vscode';

export class EditorTracker implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor && isTextDocument(editor.document)) this.last = editor;
  });

  /** The last active text editor, re-found among the visible ones (its object may have been replaced). */
  lastEditor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && isTextDocument(active.document)) return active;
    const last = this.last;
    if (!last || last.document.isClosed) return vscode.window.visibleTextEditors.find((e) => isTextDocument(e.document));
    return vscode.window.visibleTextEditors.find((e) => e.document === last.document) ?? last;
  }

  /** The selected text of the last editor, trimmed; undefined when nothing is selected. */
  selectionText(): string | undefined {
    const editor = this.lastEditor();
    if (!editor || editor.selection.isEmpty) return undefined;
    const text = editor.document.getText(editor.selection).trim();
    return text || undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

function isTextDocument(document: vscode.TextDocument): boolean {
  // Output channels and similar are editors too, but nothing the user writes in.
  return document.uri.scheme !== 'output' && document.uri.scheme !== 'vscode-output';
}
