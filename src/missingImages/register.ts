// Registers what generates the images a document references but lacks: the CodeLens and quick fix
// on each such reference, and the commands behind them.
import type * as vscode from 'vscode';
import type { CommandServices } from '../commands/services';
import { registerMissingImageCommands } from './commands';
import { MissingImageProviders } from './providers';

export function registerMissingImages(services: CommandServices): vscode.Disposable[] {
  return [new MissingImageProviders(services.settings).register(), ...registerMissingImageCommands(services)];
}
