// The prompt queue's command and the queue as the extension's API shows it (queue tests, reload phases).
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

export interface PromptResult { prompt: string; state: string; files?: string[]; requestId?: string; error?: string }
export interface QueueItem { id: string; prompt: string; state: string; jobId?: string; files?: string[]; requestId?: string; acceptedRequest?: string; error?: string }

export function generateFromLines(options: Record<string, unknown>): Promise<PromptResult[]> {
  return vscode.commands.executeCommand<PromptResult[]>('segmind.generateFromLines', options) as Promise<PromptResult[]>;
}

export async function queueItems(): Promise<readonly QueueItem[]> {
  const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { queue: () => readonly QueueItem[] };
  return api.queue();
}

