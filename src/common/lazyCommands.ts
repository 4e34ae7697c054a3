// Commands registered at activation whose handlers load on the first invocation: VS Code must know
// every contributed id at once, but what runs behind it can wait until someone runs it.
import * as vscode from 'vscode';

export type CommandHandler = (...args: never[]) => unknown;

/** Registers each id; `handlers()` is called when one of them first runs, and must have a handler for every id. */
export function registerLazyCommands<Id extends string>(ids: readonly Id[], handlers: () => Readonly<Record<Id, CommandHandler>>): vscode.Disposable[] {
  return ids.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => (handlers()[id] as (...a: unknown[]) => unknown)(...args)));
}
