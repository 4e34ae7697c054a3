import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Wiring is added feature by feature.
}

export function deactivate(): void {}
