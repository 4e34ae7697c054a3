// The "Generated Images" view: history grouped by day, each image with its own picture as icon.
import * as vscode from 'vscode';
import { MODELS, isModelSlug } from '../shared/catalog';
import { groupByDay, shortPrompt, type DayGroup } from './grouping';
import type { History, HistoryEntry } from '../history/history';

export type GalleryNode = { readonly kind: 'day'; readonly group: DayGroup } | { readonly kind: 'image'; readonly entry: HistoryEntry };

export class GalleryTree implements vscode.TreeDataProvider<GalleryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GalleryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filterText = '';
  /** Existence of each file, checked once per refresh (stat on every render would be wasteful). */
  private exists = new Map<string, boolean>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly history: History) {
    this.subscription = history.onDidChange(() => this.refresh());
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.refresh();
  }

  refresh(): void {
    this.exists = new Map();
    this.changed.fire(undefined);
  }

  /** Day groups after the filter; the view's message says when the filter hides everything. */
  groups(): DayGroup[] {
    return groupByDay(this.history.entries(), this.filterText, Date.now());
  }

  async getChildren(node?: GalleryNode): Promise<GalleryNode[]> {
    if (!node) return this.groups().map((group) => ({ kind: 'day', group }));
    if (node.kind === 'image') return [];
    await Promise.all(node.group.entries.map((e) => this.checkExists(e)));
    return node.group.entries.map((entry) => ({ kind: 'image', entry }));
  }

  getTreeItem(node: GalleryNode): vscode.TreeItem {
    if (node.kind === 'day') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `day:${node.group.key}`;
      item.description = node.group.entries.length === 1 ? '1 image' : `${node.group.entries.length} images`;
      item.contextValue = 'day';
      return item;
    }
    const entry = node.entry;
    const uri = vscode.Uri.parse(entry.uri, true);
    const missing = this.exists.get(entry.uri) === false;
    const model = isModelSlug(entry.model) ? MODELS[entry.model].name.replace('Stable Diffusion', 'SD') : entry.model;
    const item = new vscode.TreeItem(shortPrompt(entry.prompt), vscode.TreeItemCollapsibleState.None);
    item.id = `image:${entry.id}`;
    item.description = missing ? vscode.l10n.t('missing · {0}', entry.path) : `${model} · seed ${entry.seed}`;
    // The image itself is the icon: a thumbnail at tree size.
    item.iconPath = missing ? new vscode.ThemeIcon('warning') : uri;
    item.resourceUri = missing ? undefined : uri;
    item.contextValue = missing ? 'image-missing' : 'image';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(entry.prompt);
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(`${model} · seed ${entry.seed} · ${new Date(entry.createdAt).toLocaleString()}\n${entry.path}`);
    if (missing) tooltip.appendText(`\n${vscode.l10n.t('The file was moved or deleted.')}`);
    item.tooltip = tooltip;
    item.accessibilityInformation = {
      label: `${entry.prompt}, ${model}, seed ${entry.seed}${missing ? ', file missing' : ''}`,
    };
    if (!missing) item.command = { command: 'segmind.gallery.openImage', title: vscode.l10n.t('Open Image'), arguments: [node] };
    return item;
  }

  private async checkExists(entry: HistoryEntry): Promise<void> {
    if (this.exists.has(entry.uri)) return;
    try {
      await vscode.workspace.fs.stat(vscode.Uri.parse(entry.uri, true));
      this.exists.set(entry.uri, true);
    } catch {
      this.exists.set(entry.uri, false);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
