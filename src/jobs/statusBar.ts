// A status bar item while jobs run (click lists them), with remaining credits when known, and the
// `segmind.jobsRunning` context key for the palette's Cancel entry.
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle';
import type { JobRunner } from './runner';

export class JobsStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('segmind.jobs', vscode.StatusBarAlignment.Left, 50));

  constructor(private readonly runner: JobRunner) {
    super();
    this.item.name = vscode.l10n.t('Segmind Generations');
    this.item.command = 'segmind.showJobs';
    this._register(runner.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const count = this.runner.jobs().length;
    void vscode.commands.executeCommand('setContext', 'segmind.jobsRunning', count > 0);
    if (count === 0) {
      this.item.hide();
      return;
    }
    const credits = this.runner.credits !== undefined ? ` · ${vscode.l10n.t('{0} credits', formatCredits(this.runner.credits))}` : '';
    this.item.text = `$(loading~spin) ${count === 1 ? vscode.l10n.t('Segmind: 1 image job') : vscode.l10n.t('Segmind: {0} image jobs', count)}${credits}`;
    this.item.tooltip = vscode.l10n.t('Click to list running generations');
    this.item.show();
  }
}

export function formatCredits(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
