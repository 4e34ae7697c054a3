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
  /**
   * The last scan of each document, by version: VS Code asks for code actions at every cursor move,
   * and a scan parses the whole document and looks at each referenced file.
   */
  private readonly scans = new Map<string, { readonly version: number; readonly plans: Promise<MissingImagePlan[]> }>();

  constructor(private readonly settings: SettingsService) {
    super();
    // A file appearing or disappearing changes which references are missing.
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.{png,jpg,jpeg,webp,PNG,JPG,JPEG,WEBP}'));
    this._register(watcher.onDidCreate(() => this.refresh()));
    this._register(watcher.onDidDelete(() => this.refresh()));
    // The default model decides which references a model can make.
    this._register(settings.onDidChange(() => this.refresh()));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.scans.delete(document.uri.toString())));
  }

  /** Forgets the scans and asks VS Code for the lenses again (an image appeared or went; the watcher may lag behind this feature's own). */
  refresh(): void {
    this.scans.clear();
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
    const key = document.uri.toString();
    const known = this.scans.get(key);
    if (known?.version === document.version) return known.plans;
    const plans = findMissingImages(document, this.settings.snapshot(document.uri).defaultModel);
    this.scans.set(key, { version: document.version, plans });
    plans.catch(() => this.scans.delete(key));
    return plans;
  }
}
