// The gallery's commands (package.json `segmind.gallery.*`) and the image commands that start from a
// saved file or history entry: Reproduce Image in Generator, Generate Variations.
import * as vscode from 'vscode';
import type { CommandHandler } from '../common/lazyCommands';
import type { History, HistoryEntry } from '../history/history';
import type { Logger } from '../logging/log';
import { runFileAction, type FileActionServices } from '../panel/fileActions';
import type { PanelManager } from '../panel/panelManager';
import { randomSeed } from '../segmind/request';
import type { SettingsSnapshot } from '../settings/snapshot';
import type { GalleryAction } from '../shared/galleryMessages';
import type { GalleryCommandId } from './contributions';
import type { GalleryGrid } from './grid/galleryView';
import { isGridMenuTarget, menuTargets, type GridMenuTarget } from './grid/menuTarget';
import { recordForFile, recordFromEntry, type GenerationRecord, type MetadataReader } from '../panel/imageRecord';
import { noSettingsMessage, reproducePrefill } from '../panel/reproduce';
import { guidanceSweep, newSeedVariations } from './variations';
import { readGenerationMetadata } from '../panel/embeddedMetadata';

export interface GalleryCommandContext {
  readonly history: History;
  readonly logger: Logger;
  readonly settings: { snapshot(): SettingsSnapshot };
  /** Open, reveal and insert act on an image as the panel's buttons do. */
  readonly files: FileActionServices;
  readonly panels: PanelManager;
  readonly gallery: GalleryGrid;
}

/** A grid tile's context menu, a history entry id, or (from the Explorer) a Uri. */
type Target = GridMenuTarget | vscode.Uri | string | undefined;

export function galleryCommands(ctx: GalleryCommandContext): Readonly<Record<GalleryCommandId, CommandHandler>> {
  const { history, panels, gallery } = ctx;
  const reader: MetadataReader = readGenerationMetadata;

  const entryOf = (target: Target): HistoryEntry | undefined => {
    if (typeof target === 'string') return history.get(target);
    if (target instanceof vscode.Uri) return history.findByUri(target.toString());
    if (isGridMenuTarget(target)) return history.get(target.itemId);
    // Invoked from a keybinding or the palette: the grid's selection.
    return gallery.selection[0] === undefined ? undefined : history.get(gallery.selection[0]);
  };
  /** From a tile's context menu, the action applies to the whole selection when the tile is in it. */
  const onGrid = (action: GalleryAction, single: (target: Target) => unknown) => (target: Target) =>
    isGridMenuTarget(target) ? gallery.run(action, menuTargets(target, gallery.selection, history)) : single(target);
  /** Copy Prompt and Delete take many: the grid's selection unless an entry or file is named. */
  const entriesOf = (target: Target): HistoryEntry[] => {
    if (target === undefined || isGridMenuTarget(target)) return menuTargets(target, gallery.selection, history);
    const entry = entryOf(target);
    return entry ? [entry] : [];
  };
  const uriOf = (target: Target): vscode.Uri | undefined => {
    if (target instanceof vscode.Uri) return target;
    const entry = entryOf(target);
    return entry ? vscode.Uri.parse(entry.uri, true) : undefined;
  };
  const recordOf = async (target: Target): Promise<{ record?: GenerationRecord; name: string }> => {
    const uri = uriOf(target) ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) return { name: '' };
    const name = vscode.workspace.asRelativePath(uri, false);
    const entry = target instanceof vscode.Uri ? undefined : entryOf(target);
    if (entry) {
      const record = recordFromEntry(entry);
      return record ? { record, name } : { name };
    }
    try {
      const fallback = ctx.settings.snapshot().defaultModel;
      const record = await recordForFile(uri.toString(), history, async () => vscode.workspace.fs.readFile(uri), reader, fallback);
      return record ? { record, name } : { name };
    } catch (err) {
      ctx.logger.warn(`could not read ${name}: ${err instanceof Error ? err.message : String(err)}`);
      return { name };
    }
  };
  const noRecord = (name: string): void => {
    void vscode.window.showWarningMessage(noSettingsMessage(name));
  };
  const withFile = (action: 'open' | 'reveal' | 'insert') => async (target: Target) => {
    const uri = uriOf(target);
    if (!uri) return;
    try {
      await runFileAction(action, uri, ctx.files);
    } catch (err) {
      void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
    }
  };

  return {
    'segmind.gallery.refresh': () => gallery.refresh(),
    'segmind.gallery.filter': () => gallery.focusSearch(),
    'segmind.gallery.openImage': onGrid('open', withFile('open')),
    'segmind.gallery.reveal': onGrid('reveal', withFile('reveal')),
    'segmind.gallery.insert': onGrid('insert', withFile('insert')),
    'segmind.gallery.copyPrompt': (target: Target) => gallery.run('copyPrompt', entriesOf(target)),
    'segmind.gallery.regenerate': onGrid('regenerate', async (target: Target) => {
      const { record, name } = await recordOf(target);
      if (!record) return noRecord(name);
      const [plan] = newSeedVariations(record, 1);
      if (plan) panels.run([{ ...plan, label: vscode.l10n.t('New seed for {0}', name) }], { model: record.model, params: record.params, keepSeed: false });
    }),
    'segmind.gallery.delete': (target: Target) => gallery.run('delete', entriesOf(target)),
    'segmind.reproduceFromImage': onGrid('useSettings', async (target: Target) => {
      const { record, name } = await recordOf(target);
      if (!record) return noRecord(name);
      panels.show({ prefill: reproducePrefill(record, name) });
    }),
    'segmind.generateVariations': onGrid('variations', async (target: Target) => {
      const { record, name } = await recordOf(target);
      if (!record) return noRecord(name);
      const fourSeeds = vscode.l10n.t('4 images with new seeds');
      const sweep = vscode.l10n.t('Guidance sweep: 3, 5, 7 × 2 seeds (6 images)');
      const choice = await vscode.window.showQuickPick([fourSeeds, sweep], {
        title: vscode.l10n.t('Variations of {0}', name),
        placeHolder: vscode.l10n.t('Each image is a separate, billed request'),
      });
      if (!choice) return;
      const prefill = { model: record.model, params: record.params, keepSeed: record.seed !== undefined };
      if (choice === fourSeeds) {
        panels.run(newSeedVariations(record, 4), prefill);
      } else {
        const seeds: [number, number] = [record.seed ?? randomSeed(), randomSeed()];
        panels.run(guidanceSweep(record, seeds), prefill);
      }
    }),
    'segmind.gallery.compare': () => gallery.compare(),
  };
}
