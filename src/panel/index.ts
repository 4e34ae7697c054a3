// Registers the generator panel (segmind.generate + serializer), the gallery's commands and the image
// commands (reproduce, variations). extension.ts calls `registerPanel(context, deps, gallery)`.
import * as vscode from 'vscode';
import { registerGalleryCommands } from '../gallery/commands';
import type { GalleryGrid } from '../gallery/grid/galleryView';
import { GeneratorPanel, GENERATOR_VIEW_TYPE, type PlannedJob } from './generatorPanel';
import { EditorTracker } from './editorTracker';
import type { PanelDeps } from './deps';
import type { PrefillMessage } from '../protocol/messages';

export type { PanelDeps, PanelGenerateRequest, PanelGenerateResult, PanelJobEvent, PanelLogger } from './deps';
export { History, type HistoryEntry } from '../gallery/history';

/** Opens, reuses and restores the one generator panel. */
export class PanelManager implements vscode.Disposable {
  private current: GeneratorPanel | undefined;

  constructor(private readonly services: { deps: PanelDeps; extensionUri: vscode.Uri; editors: EditorTracker }) {}

  /** Shows the panel, creating it if needed; a selection in the last editor becomes the prompt. */
  show(options: { prefill?: Omit<PrefillMessage, 'type'>; useSelection?: boolean } = {}): GeneratorPanel {
    const prompt = options.useSelection ? this.services.editors.selectionText() : undefined;
    if (this.current) {
      this.current.reveal();
      if (options.prefill) this.current.prefill(options.prefill);
      else if (prompt) this.current.setPrompt(prompt);
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(
      GENERATOR_VIEW_TYPE,
      vscode.l10n.t('Segmind Image Generator'),
      // Beside the text the user writes in, so the prompt and the result link stay in view.
      { viewColumn: vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preserveFocus: false },
      { enableScripts: true, enableFindWidget: true },
    );
    const generator = this.adopt(panel, options.prefill ? undefined : prompt);
    if (options.prefill) generator.prefill(options.prefill);
    return generator;
  }

  /** Starts jobs in the panel (opening it), e.g. variations or a regenerate from the gallery. */
  run(jobs: readonly PlannedJob[], prefill?: Omit<PrefillMessage, 'type'>): void {
    this.show(prefill ? { prefill } : {}).run(jobs);
  }

  /** For the serializer: a panel VS Code restored after a reload; its form comes from the webview's state. */
  restore(panel: vscode.WebviewPanel): void {
    this.adopt(panel, undefined);
  }

  private adopt(panel: vscode.WebviewPanel, prompt: string | undefined): GeneratorPanel {
    const generator = new GeneratorPanel(panel, this.services, prompt);
    this.current?.dispose();
    this.current = generator;
    generator.onDidDispose(() => {
      if (this.current === generator) this.current = undefined;
    });
    return generator;
  }

  dispose(): void {
    this.current?.dispose();
  }
}

export function registerPanel(context: vscode.ExtensionContext, deps: PanelDeps, gallery: GalleryGrid): { panels: PanelManager } {
  const editors = new EditorTracker();
  const services = { deps, extensionUri: context.extensionUri, editors };
  const panels = new PanelManager(services);
  context.subscriptions.push(
    editors,
    panels,
    vscode.commands.registerCommand('segmind.generate', () => panels.show({ useSelection: true })),
    vscode.window.registerWebviewPanelSerializer(GENERATOR_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => panels.restore(panel),
    }),
    ...registerGalleryCommands({ services, panels, gallery }),
  );
  return { panels };
}
