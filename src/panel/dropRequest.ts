// Answers the panel's `dropImage` request: the dropped image's settings for the form, or why there are none.
import * as vscode from 'vscode';
import type { DroppedImage, ReplyPayload } from '../shared/protocol';
import { settingsOfDroppedImage } from './droppedImage';
import { readGenerationMetadata } from './embeddedMetadata';
import type { EditorServices } from './editorServices';
import { dropRefusal, reproducePrefill } from './reproduce';

export async function answerDropRequest(
  source: DroppedImage,
  deps: Pick<EditorServices, 'history' | 'settings' | 'logger'>,
): Promise<{ ok: true; payload: ReplyPayload<'dropImage'> } | { ok: false; message: string }> {
  const outcome = await settingsOfDroppedImage(source, {
    history: deps.history,
    roots: (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.toString()),
    readFile: async (uri) => vscode.workspace.fs.readFile(vscode.Uri.parse(uri, true)),
    readMetadata: readGenerationMetadata,
    fallbackModel: deps.settings.snapshot().defaultModel,
    displayName: (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri, true), false),
  });
  if (outcome.ok) return { ok: true, payload: reproducePrefill(outcome.record, outcome.name) };
  deps.logger.info(`a dropped image loaded nothing (${outcome.reason}${outcome.detail ? `: ${outcome.detail}` : ''})`);
  return { ok: false, message: dropRefusal(outcome) };
}
