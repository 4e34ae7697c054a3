// The gallery webview in a real browser (headless Chromium, the production page and CSP, the real
// controller and thumbnail cache behind a stand-in VS Code API): thumbnails are made by the page's own
// decoders and cached; only visible rows are in the DOM; search narrows as you type and the count is
// announced; click, Ctrl+click, keyboard and the action bar select and act; Compare highlights what
// differs; state survives a reload. Screenshots: test-output/screenshots/gallery-webview-*.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { History } from '../../src/history/history';
import { MemoryStore } from '../integration/memoryStore';
import { repoRoot, vsCodeDeps } from '../launcher/deps';
import { startGalleryHarness, type GalleryHarness } from '../webview/galleryHarness';
import { makeSourceImages, syntheticHistory } from '../webview/syntheticHistory';

const COUNT = 300;

describe('gallery webview', { timeout: 120_000 }, () => {
  let dir: string;
  let harness: GalleryHarness;
  let history: History;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmind-gallery-ui-'));
    const sources = await makeSourceImages(path.join(dir, 'sources'), 12, 512);
    history = new History(new MemoryStore());
    for (const entry of syntheticHistory(path.join(dir, 'workspace'), sources, COUNT).reverse()) await history.add(entry);
    harness = await startGalleryHarness({ history, cacheDir: path.join(dir, 'cache'), sourceRoot: dir, chromium: vsCodeDeps().chromium, theme: 'dark' });
    await harness.open();
  });

  after(async () => {
    await harness?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows thumbnails the page made itself, only for the rows in view', async () => {
    const { page } = harness;
    await page.locator('.tile img').first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await page.locator('#count').innerText(), `${COUNT} images`);
    const tiles = await page.locator('.tile').count();
    assert.ok(tiles > 0 && tiles < 80, `virtualized: ${tiles} tiles in the DOM for ${COUNT} images`);
    assert.equal(await page.getByRole('grid', { name: 'Generated images' }).count(), 1);
    assert.match(await page.locator('.day').first().innerText(), /^TODAY · \d+ IMAGES? · [\d.]+ CREDITS( \+ \d+ UNKNOWN)?$/i, 'the day\'s count and what its images cost');
    for (let i = 0; i < 50 && (await page.locator('.tile img').count()) < tiles; i++) await page.waitForTimeout(200);
    const srcs = await page.locator('.tile img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));
    assert.ok(srcs.length === tiles && srcs.every((s) => s.includes('/thumbs/') && s.endsWith('.webp')), `only WebP thumbnails, never the sources: ${srcs[0]}`);
    const cached = fs.readdirSync(path.join(dir, 'cache')).filter((f) => f.endsWith('.webp'));
    assert.ok(cached.length >= tiles, `${cached.length} thumbnails on disk`);
    // Two selected, for the screenshots: the action bar shows.
    await page.locator('.tile').nth(1).click();
    await page.locator('.tile').nth(4).click({ modifiers: ['Control'] });
    for (const theme of ['dark', 'light'] as const) {
      await harness.setTheme(theme);
      await page.screenshot({ path: path.join(repoRoot, 'test-output', 'screenshots', `gallery-webview-${theme}.png`) });
    }
    await harness.setTheme('dark');
    await page.locator('#grid').focus();
    await page.keyboard.press('Escape');
  });

  it('narrows as you type, announces the count, and shows an empty state with a way back', async () => {
    const { page } = harness;
    await page.getByRole('searchbox', { name: 'Search images' }).fill('owl watercolour');
    const expected = syntheticHistory(path.join(dir, 'workspace'), [], COUNT).filter((e) => /owl/.test(e.prompt) && /watercolour/.test(e.prompt)).length;
    await page.locator('#count', { hasText: `${expected} of ${COUNT} images` }).waitFor({ timeout: 5000 });
    await page.locator('#announcer', { hasText: `${expected} of ${COUNT} images shown` }).waitFor({ timeout: 5000 });
    await page.getByRole('searchbox', { name: 'Search images' }).fill('no such thing');
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await page.locator('#count', { hasText: `${COUNT} images` }).waitFor({ timeout: 5000 });
    await page.getByLabel('Model').selectOption({ label: 'Stable Diffusion 3 Medium (150)' });
    await page.locator('#count', { hasText: `150 of ${COUNT} images` }).waitFor({ timeout: 5000 });
    await page.getByLabel('Model').selectOption({ label: 'All models' });
  });

  it('selects by click, Ctrl+click and keyboard; acts from the action bar and keys; compares two', async () => {
    const { page } = harness;
    const tiles = page.locator('.tile');
    await tiles.nth(0).click();
    await tiles.nth(2).click({ modifiers: ['Control'] });
    assert.equal(await page.locator('.tile[aria-selected="true"]').count(), 2);
    assert.match(await page.locator('#selection-count').innerText(), /2 selected/);
    const context = JSON.parse((await tiles.nth(0).getAttribute('data-vscode-context')) ?? '{}') as Record<string, unknown>;
    assert.deepEqual(context, { webviewSection: 'image', itemId: 'bench-0', preventDefaultContextMenuItems: true });

    await page.getByRole('button', { name: 'Compare' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare' });
    await dialog.locator('tr.differs').first().waitFor({ timeout: 5000 });
    const differing = await dialog.locator('tr.differs th').allInnerTexts();
    assert.ok(differing.some((t) => t.startsWith('seed')) && differing.some((t) => t.startsWith('prompt')), differing.join(', '));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Copy prompt' }).click();
    await page.locator('#grid').focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Enter');
    await page.keyboard.press('u');
    for (let i = 0; i < 20 && harness.actions.length < 3; i++) await page.waitForTimeout(100);
    assert.deepEqual(harness.actions, [
      { action: 'copyPrompt', ids: ['bench-0', 'bench-2'] },
      { action: 'open', ids: ['bench-1', 'bench-2'] },
      { action: 'useSettings', ids: ['bench-1', 'bench-2'] },
    ]);
    assert.equal(await page.locator('#grid').getAttribute('aria-activedescendant'), 'tile-2');
  });

  it('keeps the search, selection and scroll across a reload, with thumbnails from the cache', async () => {
    const { page } = harness;
    await page.getByRole('searchbox', { name: 'Search images' }).fill('fox');
    await page.locator('#grid').evaluate((grid) => (grid.scrollTop = 200));
    await page.waitForTimeout(400);
    const makesBefore = harness.sent.filter((m) => m.type === 'makeThumb').length;
    await harness.open();
    await page.locator('.tile img').first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await page.getByRole('searchbox', { name: 'Search images' }).inputValue(), 'fox');
    assert.equal(await page.locator('#grid').evaluate((grid) => grid.scrollTop), 200);
    assert.ok((await page.locator('.tile[aria-selected="true"]').count()) >= 0);
    await page.waitForTimeout(500);
    const makesAfter = harness.sent.filter((m) => m.type === 'makeThumb').length;
    assert.ok(makesAfter - makesBefore < 20, `mostly served from the cache (${makesAfter - makesBefore} new)`);
  });
});
