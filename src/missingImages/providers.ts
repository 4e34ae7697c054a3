// "Generate image with Segmind" on each reference to a missing image: a CodeLens above it and a
// quick fix (Ctrl+.) on it. Both run `segmind.generateMissingImage` with the reference's plan.
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle';
import type { SettingsService } from '../settings/service';
import type { MissingImagePlan } from './plan';
import { GENERATE_MISSING_IMAGE } from './contributions';
import { findMissingImages, rangeOf } from './scanner';

/** The command that makes one missing image: `[documentUri, plan]`, no UI beyond progress. */
export function generateCommand(document: vscode.TextDocument, plan: MissingImagePlan): vscode.Command {
  return { command: GENERATE_MISSING_IMAGE, title: vscode.l10n.t('Generate image with Segmind'), tooltip: vscode.l10n.t('Generate "{0}" from: {1}', plan.path, plan.prompt), arguments: [document.uri.toString(), plan] };
}

export class MissingImageProviders extends Disposable implements vscode.CodeLensProvider, vscode.CodeActionProvider {
  private readonly lensesChanged = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.lensesChanged.event;

  constructor(private readonly settings: SettingsService) {
    super();
    // A file appearing or disappearing changes which references are missing.
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.{png,jpg,jpeg,webp,PNG,JPG,JPEG,WEBP}'));
    this._register(watcher.onDidCreate(() => this.lensesChanged.fire()));
    this._register(watcher.onDidDelete(() => this.lensesChanged.fire()));
  }

  /** Asks VS Code for the lenses again now (an image this feature just made; the watcher may lag). */
  refresh(): void {
    this.lensesChanged.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const plans = await this.missing(document);
    if (token.isCancellationRequested) return [];
    return plans.map((plan) => new vscode.CodeLens(rangeOf(document, plan), { ...generateCommand(document, plan), title: `$(sparkle) ${vscode.l10n.t('Generate image with Segmind')}` }));
  }

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): Promise<vscode.CodeAction[]> {
    const plans = (await this.missing(document)).filter((plan) => rangeOf(document, plan).intersection(range) !== undefined);
    return plans.map((plan) => {
      const action = new vscode.CodeAction(vscode.l10n.t('Generate image with Segmind'), vscode.CodeActionKind.QuickFix);
      action.command = generateCommand(document, plan);
      action.isPreferred = true;
      return action;
    });
  }

  private missing(document: vscode.TextDocument): Promise<MissingImagePlan[]> {
    return findMissingImages(document, this.settings.snapshot(document.uri).defaultModel);
  }
}
