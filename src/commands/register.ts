// Registers the editor commands (generate from the selection, the API key, jobs and the log) at
// activation; their code (src/commands/handlers.ts, in dist/features.js) loads on the first run.
import type * as vscode from 'vscode';
import { registerLazyCommands, type CommandHandler } from '../common/lazyCommands';
import { COMMAND_IDS, type CommandId } from './contributions';

export function registerCommands(handlers: () => Readonly<Record<CommandId, CommandHandler>>): vscode.Disposable[] {
  return registerLazyCommands(COMMAND_IDS, handlers);
}
