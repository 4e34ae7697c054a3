// Registers the prompt queue at activation: its view in the Segmind sidebar and its commands
// ("Generate from Each Line", the row commands). The queue behind them (src/queue/queueFeature.ts,
// in dist/features.js) is built when the view first asks for rows or a command first runs.
import * as vscode from 'vscode';
import { lazily } from '../common/lazily';
import { registerLazyCommands } from '../common/lazyCommands';
import { QUEUE_COMMAND_IDS, QUEUE_VIEW } from './contributions';
import type { QueueItem } from './promptQueue';
import type { QueueFeature } from './queueFeature';

export function registerQueue(open: () => QueueFeature): vscode.Disposable[] {
  // The view needs its provider and change event now; they relay the real tree's once it exists.
  const changed = new vscode.EventEmitter<QueueItem | undefined | void>();
  let relaying: vscode.Disposable | undefined;
  const feature = lazily(() => {
    const opened = open();
    relaying = opened.tree.onDidChangeTreeData(() => changed.fire());
    return opened;
  });
  const view = vscode.window.createTreeView<QueueItem>(QUEUE_VIEW, {
    treeDataProvider: { onDidChangeTreeData: changed.event, getChildren: (item) => feature().tree.getChildren(item), getTreeItem: (item) => feature().tree.getTreeItem(item) },
    showCollapseAll: false,
  });
  const handlers = lazily(() => feature().commands(view));
  return [changed, view, { dispose: () => relaying?.dispose() }, ...registerLazyCommands(QUEUE_COMMAND_IDS, handlers)];
}
