// The "Prompt Queue" view in the Segmind sidebar: one row per prompt, in queue order, with its state
// as a theme icon and text (pending, running, done, failed, cancelled). Its commands act on the
// focused row (context menu, inline buttons, Alt+Up/Down).
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle';
import type { PromptQueue, QueueItem, QueueItemState } from './promptQueue';

const ICONS: Record<QueueItemState, vscode.ThemeIcon> = {
  pending: new vscode.ThemeIcon('clock'),
  running: new vscode.ThemeIcon('sync~spin'),
  done: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  cancelled: new vscode.ThemeIcon('circle-slash'),
};

function stateText(state: QueueItemState): string {
  switch (state) {
    case 'pending': return vscode.l10n.t('pending');
    case 'running': return vscode.l10n.t('running');
    case 'done': return vscode.l10n.t('done');
    case 'failed': return vscode.l10n.t('failed');
    case 'cancelled': return vscode.l10n.t('cancelled');
  }
}

export class QueueTree extends Disposable implements vscode.TreeDataProvider<QueueItem> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly queue: PromptQueue) {
    super();
    this._register(queue.onDidChange(() => this.changed.fire()));
  }

  getChildren(element?: QueueItem): QueueItem[] {
    return element ? [] : [...this.queue.items()];
  }

  getTreeItem(item: QueueItem): vscode.TreeItem {
    const row = new vscode.TreeItem(item.prompt, vscode.TreeItemCollapsibleState.None);
    row.id = item.id;
    row.iconPath = ICONS[item.state];
    const detail = item.state === 'done' ? item.files?.join(', ') : item.state === 'failed' ? item.error : item.preset;
    row.description = [stateText(item.state), detail].filter(Boolean).join(' · ');
    row.tooltip = new vscode.MarkdownString(undefined, false);
    const retry = item.acceptedRequest ? vscode.l10n.t('Retry waits on request {0} again; nothing is submitted a second time.', item.acceptedRequest) : undefined;
    row.tooltip.appendText([item.prompt, [stateText(item.state), item.preset, item.model].filter(Boolean).join(' · '), item.error, retry].filter(Boolean).join('\n\n'));
    row.accessibilityInformation = { label: vscode.l10n.t('{0}, {1}', item.prompt, row.description) };
    row.contextValue = `queueItem.${item.state}`;
    const first = item.files?.[0];
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (first && folder) row.command = { command: 'vscode.open', title: vscode.l10n.t('Open Image'), arguments: [vscode.Uri.joinPath(folder.uri, ...first.split('/'))] };
    return row;
  }
}
