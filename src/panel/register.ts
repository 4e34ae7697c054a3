// Registers the generator panel: `segmind.generate`, and the serializer that brings the panel back
// after a reload. The PanelManager it returns is what the gallery opens images in.
import * as vscode from 'vscode';
import { GENERATOR_VIEW_TYPE, type GeneratorServices } from './generatorPanel';
import { PanelManager } from './panelManager';

export function registerPanel(services: GeneratorServices): { panels: PanelManager; registrations: vscode.Disposable[] } {
  const panels = new PanelManager(services);
  return {
    panels,
    registrations: [
      panels,
      vscode.commands.registerCommand('segmind.generate', () => panels.show({ useSelection: true })),
      vscode.window.registerWebviewPanelSerializer(GENERATOR_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => panels.restore(panel),
      }),
    ],
  };
}
