// The queue's row actions must be where VS Code looks for them: `viewItem` is set only for
// view/item/context, so an entry elsewhere never shows (the inline Cancel/Retry once sat in
// webview/context and no row had a button or a context menu).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readManifest } from '../../manifest/toolContribution';

type MenuEntry = { command: string; when?: string; group?: string };

describe('queue menus in package.json', () => {
  const menus = ((readManifest() as { contributes?: { menus?: Record<string, MenuEntry[]> } }).contributes?.menus ?? {});

  it('every entry that tests viewItem is in view/item/context', () => {
    const misplaced = Object.entries(menus).flatMap(([menu, entries]) => entries.filter((e) => /\bviewItem\b/.test(e.when ?? '') && menu !== 'view/item/context').map((e) => `${menu}: ${e.command}`));
    assert.deepEqual(misplaced, []);
  });

  it('each queue row has its actions: Cancel and Retry inline, reorder and remove in the context menu', () => {
    const rows = (menus['view/item/context'] ?? []).filter((e) => e.command.startsWith('segmind.queue.'));
    const inline = rows.filter((e) => e.group?.startsWith('inline')).map((e) => e.command).sort();
    const menu = rows.filter((e) => !e.group?.startsWith('inline')).map((e) => e.command).sort();
    assert.deepEqual(inline, ['segmind.queue.cancel', 'segmind.queue.retry']);
    assert.deepEqual(menu, ['segmind.queue.cancel', 'segmind.queue.moveDown', 'segmind.queue.moveUp', 'segmind.queue.remove', 'segmind.queue.retry']);
  });
});
