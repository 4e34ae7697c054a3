// Helpers for UI tests of a tree view in the sidebar (an extension's TreeDataProvider): its rows as
// the user sees them (label, description, icon, what a screen reader reads), and their actions.
import type { Locator, Page } from 'playwright-core';

export interface TreeRow {
  readonly label: string;
  readonly description: string;
  /** The row's codicon names, e.g. ['clock'] or ['sync', 'modifier-spin']. */
  readonly icons: readonly string[];
  /** What a screen reader announces for the row. */
  readonly ariaLabel: string;
}

/** The pane of the view titled `title` (its header shows the title). */
export function viewPane(page: Page, title: string): Locator {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) }).first();
}

/** The row whose label is `label`. */
export function treeRow(pane: Locator, label: string): Locator {
  return pane.locator('.monaco-list-row', { has: pane.page().locator('.label-name', { hasText: label }) }).first();
}

/** The rows the view shows, top to bottom. */
export async function treeRows(pane: Locator): Promise<TreeRow[]> {
  return pane.locator('.monaco-list-row').evaluateAll((rows) =>
    rows
      .map((row) => ({ row, top: row.getBoundingClientRect().top }))
      .sort((a, b) => a.top - b.top)
      .map(({ row }) => ({
        label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
        icons: [...(row.querySelector('.custom-view-tree-node-item-icon')?.classList ?? [])].filter((c) => c.startsWith('codicon-')).map((c) => c.slice('codicon-'.length)),
        ariaLabel: row.getAttribute('aria-label') ?? '',
      })),
  );
}

/**
 * Waits until the rows satisfy `check` (which returns undefined when they do, else what is still
 * missing); returns them. The rows change on their own, so this is the only way to assert on them.
 */
export async function waitForRows(pane: Locator, what: string, check: (rows: TreeRow[]) => string | undefined, timeoutMs = 60_000): Promise<TreeRow[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: TreeRow[] = [];
  let missing: string | undefined = 'no rows read yet';
  while (Date.now() < deadline) {
    rows = await treeRows(pane).catch(() => []);
    missing = check(rows);
    if (missing === undefined) return rows;
    await pane.page().waitForTimeout(250);
  }
  throw new Error(`the view never showed ${what} within ${timeoutMs / 1000} s (${missing}); it shows:\n${rows.map(describeRow).join('\n') || '(no rows)'}`);
}

export function describeRow(row: TreeRow): string {
  return `  ${row.label} | ${row.description} | icon ${row.icons.join(' ') || '-'} | aria "${row.ariaLabel}"`;
}

/** Clicks the row's inline action (shown on hover) whose title starts with `title`. */
export async function clickInlineAction(row: Locator, title: string): Promise<void> {
  await row.hover();
  const action = row.locator(`.actions .action-label[aria-label^="${title}"]`).first();
  await action.waitFor({ state: 'visible', timeout: 10_000 });
  await action.click();
}

/** Runs `item` from the row's context menu (right click). */
export async function runContextMenuItem(row: Locator, item: string): Promise<void> {
  const page = row.page();
  await row.click({ button: 'right' });
  const entry = page.locator('.monaco-menu .action-item:not(.disabled) .action-label', { hasText: new RegExp(`^${item}$`) }).first();
  await entry.waitFor({ state: 'visible', timeout: 10_000 });
  // The pointer picks the entry and Enter runs it: a click on the entry left the menu open, the
  // command not run, in headless Chromium.
  await entry.hover();
  await page.locator('.monaco-menu .action-item.focused .action-label', { hasText: new RegExp(`^${item}$`) }).waitFor({ state: 'visible', timeout: 5000 });
  await page.keyboard.press('Enter');
  await entry.waitFor({ state: 'hidden', timeout: 10_000 });
}
