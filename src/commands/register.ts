// Registers the editor commands: generate from the selection, the API key, jobs and the log.
import type * as vscode from 'vscode';
import { registerApiKeyCommands } from './apiKey';
import { registerGenerateFromSelection } from './generateFromSelection';
import { registerJobCommands } from './jobs';
import type { CommandServices } from './services';

export function registerCommands(services: CommandServices): vscode.Disposable[] {
  return [registerGenerateFromSelection(services), ...registerApiKeyCommands(services), ...registerJobCommands(services)];
}
