// Registers the generator panel: `segmind.generate`, and the serializer that brings the panel back
// after a reload. The PanelManager behind them (in dist/features.js) is built on the first use.
import * as vscode from 'vscode';
import { GENERATE_COMMAND, GENERATOR_VIEW_TYPE } from './contributions';
import type { PanelManager } from './panelManager';

export function registerPanel(panels: () => Pick<PanelManager, 'show' | 'restore'>): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(GENERATE_COMMAND, () => panels().show({ useSelection: true })),
    vscode.window.registerWebviewPanelSerializer(GENERATOR_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => panels().restore(panel),
    }),
  ];
}
