// What the grid's actions do in the editor. Actions on one image go through the gallery's commands
// (the same code as their context menu and palette entries); Copy Prompt and Delete take the whole
// selection at once.
import * as vscode from 'vscode';
import type { GalleryAction } from '../../shared/galleryMessages';
import type { History, HistoryEntry } from '../../history/history';

/** The command each one-image action runs, with the entry's id as argument. */
const COMMANDS: Partial<Record<GalleryAction, string>> = {
  open: 'segmind.gallery.openImage',
  insert: 'segmind.gallery.insert',
  reveal: 'segmind.gallery.reveal',
  useSettings: 'segmind.reproduceFromImage',
  regenerate: 'segmind.gallery.regenerate',
  variations: 'segmind.generateVariations',
};
/** Opening or regenerating a few at once is useful; dozens of editors or billed jobs are not. */
const MAX_AT_ONCE: Partial<Record<GalleryAction, number>> = { open: 8, insert: 50, reveal: 1, useSettings: 1, regenerate: 8, variations: 1 };

/**
 * Asks before files are deleted, first to the trash; `trashFailed` (the reason) when the file system
 * has no trash (remote and virtual workspaces), asking to delete permanently. A test passes its own answer.
 */
export type ConfirmDelete = (entries: readonly HistoryEntry[], trashFailed?: string) => Thenable<boolean>;

export async function runGridAction(action: GalleryAction, entries: readonly HistoryEntry[], history: History, confirm: ConfirmDelete = askToDelete): Promise<void> {
  if (action === 'copyPrompt') return copyPrompts(entries);
  if (action === 'delete') return (await confirm(entries)) ? deleteImages(entries, history, confirm) : undefined;
  const command = COMMANDS[action];
  const max = MAX_AT_ONCE[action] ?? 1;
  if (!command) return;
  if (entries.length > max) {
    throw new Error(vscode.l10n.t('Select at most {0} images for this action ({1} are selected).', max, entries.length));
  }
  for (const entry of entries) await vscode.commands.executeCommand(command, entry.id);
}

async function copyPrompts(entries: readonly HistoryEntry[]): Promise<void> {
  await vscode.env.clipboard.writeText(entries.map((e) => e.prompt).join('\n\n'));
  vscode.window.setStatusBarMessage(entries.length === 1 ? vscode.l10n.t('Prompt copied') : vscode.l10n.t('{0} prompts copied', entries.length), 3000);
}

async function askToDelete(entries: readonly HistoryEntry[], trashFailed?: string): Promise<boolean> {
  const what = entries.length === 1 ? `"${entries[0]?.path ?? ''}"` : vscode.l10n.t('{0} images', entries.length);
  const question = trashFailed
    ? vscode.l10n.t('Could not move to the trash ({0}). Delete {1} permanently?', trashFailed, what)
    : vscode.l10n.t('Delete {0}? The files go to the trash and leave the gallery.', what);
  const confirm = trashFailed ? vscode.l10n.t('Delete Permanently') : vscode.l10n.t('Move to Trash');
  return (await vscode.window.showWarningMessage(question, { modal: true }, confirm)) === confirm;
}

/** Moves the files to the OS trash (or, if the user agrees when there is none, deletes them) and removes them from the history. */
async function deleteImages(entries: readonly HistoryEntry[], history: History, confirm: ConfirmDelete): Promise<void> {
  let useTrash = true;
  const failed: string[] = [];
  for (const [index, entry] of entries.entries()) {
    const uri = vscode.Uri.parse(entry.uri, true);
    let error = await deleteFile(uri, useTrash);
    if (error && useTrash) {
      if (!(await confirm(entries.slice(index), error.message))) return;
      useTrash = false;
      error = await deleteFile(uri, false);
    }
    if (error) failed.push(`${entry.path}: ${error.message}`);
    else await history.remove(entry.id);
  }
  if (failed.length > 0) throw new Error(vscode.l10n.t('Could not delete {0}', failed.join('; ')));
}

/** Deletes one file; a file already gone counts as deleted. Returns the error otherwise. */
async function deleteFile(uri: vscode.Uri, useTrash: boolean): Promise<Error | undefined> {
  try {
    await vscode.workspace.fs.delete(uri, { useTrash });
    return undefined;
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
    return err instanceof Error ? err : new Error(String(err));
  }
}
