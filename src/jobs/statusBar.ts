// A status bar item while jobs run (click lists them) and, once Segmind reported a balance, the
// credits left; its tooltip adds what this workspace spent today. Also the `segmind.jobsRunning`
// context key for the palette's Cancel entry.
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle';
import type { AccountCredits } from '../credits/accountCredits';
import { formatCredits } from '../credits/costText';
import { creditsOnDay } from '../history/dailyCredits';
import type { History } from '../history/history';
import type { JobRunner } from './runner';

export class JobsStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('segmind.jobs', vscode.StatusBarAlignment.Left, 50));

  constructor(private readonly runner: JobRunner, private readonly credits: AccountCredits, private readonly history: History) {
    super();
    this.item.name = vscode.l10n.t('Segmind Generations');
    this.item.command = 'segmind.showJobs';
    this._register(runner.onDidChange(() => this.update()));
    this._register(credits.onDidChange(() => this.update()));
    this._register(history.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const count = this.runner.jobs().length;
    void vscode.commands.executeCommand('setContext', 'segmind.jobsRunning', count > 0);
    const balance = this.credits.balance();
    if (count === 0 && !balance) {
      this.item.hide();
      return;
    }
    const left = balance ? vscode.l10n.t('{0} credits', formatCredits(balance.credits)) : undefined;
    this.item.text = count === 0
      ? `$(credit-card) ${left ?? ''}`
      : `$(loading~spin) ${count === 1 ? vscode.l10n.t('Segmind: 1 image job') : vscode.l10n.t('Segmind: {0} image jobs', count)}${left ? ` · ${left}` : ''}`;
    this.item.tooltip = [
      ...(balance ? [vscode.l10n.t('Segmind: {0} credits left (reported {1})', formatCredits(balance.credits), new Date(balance.at).toLocaleString())] : []),
      this.spentToday(),
      count > 0 ? vscode.l10n.t('Click to list running generations') : '',
    ].filter(Boolean).join('\n');
    this.item.show();
  }

  private spentToday(): string {
    const today = creditsOnDay(this.history.entries(), Date.now());
    if (today.images === 0) return vscode.l10n.t('Spent today in this workspace: nothing yet');
    const spent = vscode.l10n.t('Spent today in this workspace: {0} credits on {1} images', formatCredits(today.credits), today.images);
    return today.uncosted === 0 ? spent : `${spent} ${vscode.l10n.t('({0} of unknown cost: they overlapped other jobs)', today.uncosted)}`;
  }
}
