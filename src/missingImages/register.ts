// Registers what generates the images a document references but lacks: the CodeLens and quick fix
// on each such reference, and the commands behind them. Their code (src/missingImages/*, in
// dist/features.js) loads on the first CodeLens request or command.
import * as vscode from 'vscode';
import { registerLazyCommands } from '../common/lazyCommands';
import { MISSING_IMAGE_COMMAND_IDS, MISSING_IMAGE_LANGUAGES } from './contributions';
import type { MissingImagesFeature } from './feature';
import type { MissingImageProviders } from './providers';

export function registerMissingImages(feature: () => MissingImagesFeature): vscode.Disposable[] {
  const selector = MISSING_IMAGE_LANGUAGES.map((language) => ({ language }));
  // VS Code subscribes to the lenses' change event at registration: relay the real provider's once built.
  const lensesChanged = new vscode.EventEmitter<void>();
  let relaying: vscode.Disposable | undefined;
  const providers = (): MissingImageProviders => {
    const built = feature().providers;
    relaying ??= built.onDidChangeCodeLenses(() => lensesChanged.fire());
    return built;
  };
  const lenses: vscode.CodeLensProvider = { onDidChangeCodeLenses: lensesChanged.event, provideCodeLenses: (...args) => providers().provideCodeLenses(...args) };
  const fixes: vscode.CodeActionProvider = { provideCodeActions: (document, range) => providers().provideCodeActions(document, range) };
  return [
    lensesChanged,
    { dispose: () => relaying?.dispose() },
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.languages.registerCodeActionsProvider(selector, fixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    ...registerLazyCommands(MISSING_IMAGE_COMMAND_IDS, () => feature().commands),
  ];
}
