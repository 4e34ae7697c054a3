// The actions on one generated image, shared by the panel's buttons and the gallery's commands.
import * as vscode from 'vscode';
import type { FileAction } from '../shared/protocol';
import type { EditorServices } from './editorServices';
import type { EditorTracker } from './editorTracker';

export interface FileActionServices {
  readonly deps: EditorServices;
  readonly editors: EditorTracker;
}

/** Open, reveal, copy or insert one generated image; shared by the panel and the gallery. */
export async function runFileAction(action: FileAction, uri: vscode.Uri, services: FileActionServices): Promise<void> {
  switch (action) {
    case 'open':
      await vscode.commands.executeCommand('vscode.open', uri);
      return;
    case 'reveal':
      await vscode.commands.executeCommand('revealInExplorer', uri);
      return;
    case 'copyPath': {
      const path = vscode.workspace.asRelativePath(uri, false);
      await vscode.env.clipboard.writeText(path);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', path), 3000);
      return;
    }
    case 'insert': {
      const editor = services.editors.lastEditor();
      if (!editor) throw new Error(vscode.l10n.t('Open a text editor to insert the image into, then try again.'));
      await services.deps.insert([uri], editor);
      return;
    }
  }
}
