// The generator panel and the gallery, driven like a user does in the real workbench (code-server +
// Chromium) against the emulator: open the panel from the palette, change model, type an invalid
// value and see the inline error, fix it, generate (Ctrl+Enter), see the job's state and thumbnail,
// insert into a Markdown file, see it in the gallery grid (its thumbnail made in the webview), reload
// the window and find form, results and gallery intact, delete it from the grid's context menu, then
// reproduce from a copy of the saved image (its embedded metadata) and see the same seed and parameters.
// Screenshots of the panel (dark, light) and the gallery go to test-output/screenshots/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import {
  activeEditor,
  describeWebviews,
  expandExplorerFolder,
  explorerItem,
  filesUnder,
  openFile,
  runCommand,
  openWorkbench,
  waitForEditorText,
  webviewContent,
  webviewViewContent,
  type VsCodeSession,
} from './workbench';

const PROMPT = 'A red lighthouse on a basalt cliff at dawn, pastel sky, gouache';
const MEDIUM = 'stable-diffusion-3-medium-txt2img';

async function openPanel(page: Page): Promise<FrameLocator> {
  await runCommand(page, 'Segmind: Open Image Generator');
  const panel = webviewContent(page);
  await panel.locator('#f-prompt').waitFor({ state: 'visible', timeout: 30_000 });
  return panel;
}

/** The seed a job card shows ("… · seed 123"). */
async function cardSeed(panel: FrameLocator): Promise<number> {
  const meta = await panel.locator('.job .job-meta').first().innerText();
  const match = /seed (\d+)/.exec(meta);
  assert.ok(match, `the job card shows its seed: ${meta}`);
  return Number(match[1]);
}

/** The gallery's tile whose label has `text`, once its thumbnail is shown. */
async function galleryTile(page: Page, text: string) {
  await runCommand(page, 'View: Show Segmind');
  const tile = (await webviewViewContent(page)).locator(`.tile:has(img)[aria-label*="${text}"]`).first();
  await tile.waitFor({ state: 'visible', timeout: 30_000 });
  return tile;
}

async function contextMenuItem(page: Page, label: string): Promise<void> {
  const item = page.locator('.context-view .action-item', { hasText: label }).first();
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  // VS Code's menus ignore a click that comes right after they open (it guards against the opening mouse-up).
  await page.waitForTimeout(400);
  await item.click();
}

describe('Generator panel and gallery', { timeout: 400_000 }, () => {
  let session: VsCodeSession;

  before(async () => {
    session = await openWorkbench({
      label: 'ui-panel',
      emulator: { queueMs: 1200, processingMs: 1800 },
      settings: { 'workbench.colorTheme': 'Default Dark Modern', 'segmind.embedMetadata': true, 'explorer.compactFolders': false },
    });
  });

  after(async () => {
    await session?.close();
  });

  it('generates from the form, inserts, survives a reload and reproduces from the image', async () => {
    try {
      await scenario();
    } catch (err) {
      await session.screenshot('panel-failure').catch(() => undefined);
      console.log(`[panel] webviews at the failure:\n${await describeWebviews(session.page).catch((e: unknown) => String(e))}`);
      const jobs = await webviewContent(session.page).locator('#jobs').innerHTML({ timeout: 2000 }).catch(() => '(no panel)');
      console.log(`[panel] job cards at the failure:\n${jobs.slice(0, 1500)}`);
      const boxes = await webviewContent(session.page).locator('body').evaluate(() => {
        const out: string[] = [];
        for (let el = document.querySelector('.result img'); el; el = el.parentElement) {
          const r = el.getBoundingClientRect();
          out.push(`${el.tagName}.${el.className} ${r.width}x${r.height} display=${getComputedStyle(el).display} hidden=${(el as HTMLElement).hidden}`);
        }
        return out.join('\n');
      }).catch((e: unknown) => String(e));
      console.log(`[panel] thumbnail boxes:\n${boxes}`);
      throw err;
    }
  });

  async function scenario(): Promise<void> {
    const page = session.page;
    const emulator = session.emulator;
    assert.ok(emulator);

    // A Markdown file to insert into: the cursor at the end of README.md.
    await openFile(page, 'README.md');
    await page.keyboard.press('Control+End');

    // --- open from the palette; the form is labelled for screen readers ---
    let panel = await openPanel(page);
    const model = panel.getByLabel('Model', { exact: true });
    assert.equal(await model.inputValue(), 'stable-diffusion-3.5-large-txt2img');
    assert.ok(await panel.getByLabel('Width').isVisible(), 'SD 3.5 Large: width for the "custom" aspect ratio');
    await panel.getByLabel('Aspect ratio').selectOption('16:9 landscape 1344x768');
    assert.equal(await panel.getByLabel('Width').isVisible(), false, 'a preset hides width/height');
    assert.match(await panel.locator('#summary').innerText(), /^1344 × 768 · JPEG · 1 image/);

    // --- change model: the form is rebuilt from the catalog ---
    await model.selectOption(MEDIUM);
    await panel.locator('#f-img_width').waitFor({ state: 'visible' });
    assert.equal(await panel.locator('#f-aspect_ratio').count(), 0, 'SD 3 Medium has no aspect ratio');
    assert.equal(await panel.locator('#f-num_inference_steps').inputValue(), '25', 'the default is shown');

    const prompt = panel.getByRole('textbox', { name: 'Prompt', exact: true });
    await prompt.fill(PROMPT);
    const generate = panel.getByRole('button', { name: /Generate/ });

    // --- an invalid value: inline error with the core's message, Generate disabled ---
    const steps = panel.locator('#f-num_inference_steps');
    await steps.fill('5');
    const stepsError = panel.locator('#e-num_inference_steps');
    await stepsError.waitFor({ state: 'visible' });
    assert.equal(await stepsError.innerText(), 'num_inference_steps must be an integer from 10 to 100 (got 5)');
    assert.equal(await steps.getAttribute('aria-invalid'), 'true');
    assert.equal(await generate.isDisabled(), true, 'Generate is disabled while the form is invalid');
    await page.keyboard.press('Control+Enter');
    await page.waitForTimeout(500);
    assert.equal(emulator.requests.filter((r) => r.method === 'POST').length, 0, 'Ctrl+Enter on an invalid form sends nothing');

    // --- fixed ---
    await steps.fill('20');
    await stepsError.waitFor({ state: 'hidden' });
    assert.equal(await generate.isDisabled(), false);
    // A fresh profile: no job of this model was costed yet, and the panel says so.
    await panel.locator('#summary', { hasText: 'No cost estimate yet — learned from your first job with this model' }).waitFor({ state: 'visible', timeout: 10_000 });

    // --- generate with Ctrl+Enter: live state, then the thumbnail ---
    await steps.focus();
    await page.keyboard.press('Control+Enter');
    const card = panel.locator('.job').first();
    await card.waitFor({ state: 'visible', timeout: 10_000 });
    await panel.locator('.job .job-state', { hasText: /Queued|Processing/ }).first().waitFor({ state: 'visible', timeout: 15_000 });
    const thumbnail = panel.locator('.job .result img').first();
    await thumbnail.waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await panel.locator('.job .job-state').first().innerText(), 'Done');
    const loaded = await thumbnail.evaluate(
      (img: HTMLImageElement) =>
        new Promise<string>((resolve) => {
          const done = () => resolve(`${img.naturalWidth}x${img.naturalHeight} ${img.src}`);
          if (img.complete) done();
          else {
            img.addEventListener('load', done);
            img.addEventListener('error', done);
            setTimeout(done, 10_000);
          }
        }),
    );
    assert.match(loaded, /^[1-9]\d*x[1-9]\d* /, `the thumbnail loaded (CSP + localResourceRoots allow it): ${loaded}`);
    const seed = await cardSeed(panel);
    // That job was costed: the same settings now show an estimate.
    await panel.locator('#summary', { hasText: /≈ [\d.]+ credits/ }).waitFor({ state: 'visible', timeout: 10_000 });

    const submits = emulator.requests.filter((r) => r.method === 'POST' && r.origin === 'api');
    assert.equal(submits.length, 1, 'one job submitted');
    const body = submits[0]?.json as Record<string, unknown>;
    assert.equal(body.prompt, PROMPT);
    assert.equal(body.num_inference_steps, 20);
    assert.equal(body.seed, seed, 'the seed on the card is the seed sent');
    assert.ok(submits[0]?.path.endsWith(`/${MEDIUM}`));

    const images = filesUnder(session.workspace, /\.(png|jpe?g|webp)$/i);
    assert.equal(images.length, 1, `saved images: ${images.join(', ')}`);
    const image = images[0] ?? '';
    await card.scrollIntoViewIfNeeded();
    await session.screenshot('panel-dark');

    // --- insert into the Markdown file the user was in ---
    await panel.locator('.job [data-file-action="insert"]').first().click();
    await page.locator('.tabs-container .tab', { hasText: 'README.md' }).first().click();
    await waitForEditorText(page, /!\[/, 20_000);
    await activeEditor(page).click({ position: { x: 200, y: 10 } });
    await page.keyboard.press('Control+S');
    // The saved file, not the (word-wrapped) view.
    const readme = path.join(session.workspace, 'README.md');
    let link = '';
    for (let i = 0; i < 50 && !link; i++) {
      link = /!\[[^\]]*\]\(([^)]+)\)/.exec(fs.readFileSync(readme, 'utf8'))?.[1] ?? '';
      if (!link) await page.waitForTimeout(200);
    }
    assert.equal(decodeURIComponent(link), image.split(path.sep).join('/'), 'README.md links the saved image');

    // --- the gallery shows it, with a thumbnail the webview made; Enter opens it ---
    const tile = await galleryTile(page, PROMPT.slice(0, 30));
    assert.match((await tile.getAttribute('aria-label')) ?? '', new RegExp(`seed ${seed}`));
    assert.match((await tile.locator('img').getAttribute('src')) ?? '', /thumbnails\/[0-9a-f]+\.(webp|jpg)/, 'a cached thumbnail, not the image');
    await session.screenshot('gallery-dark');
    await tile.click();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: path.basename(image) }).first().waitFor({ state: 'visible', timeout: 15_000 });

    // --- reload the window: the panel, its form and results, and the history come back ---
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The sidebar comes back with the gallery: hide it so that the panel is the one webview shown.
    await runCommand(page, 'View: Show Explorer');
    panel = webviewContent(page);
    await panel.locator('#f-prompt').waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await panel.locator('#f-prompt').inputValue(), PROMPT);
    assert.equal(await panel.locator('#model').inputValue(), MEDIUM);
    assert.equal(await panel.locator('#f-num_inference_steps').inputValue(), '20');
    assert.equal(await cardSeed(panel), seed, 'the result card is still there');
    await panel.locator('.job .result img').first().waitFor({ state: 'visible', timeout: 15_000 });

    // --- delete from the gallery's context menu: confirmed, the file leaves the workspace and the grid ---
    // A copy first (not in the history): reproduce below reads its embedded metadata.
    const copy = path.join(path.dirname(image), `copy-${path.basename(image)}`);
    fs.copyFileSync(path.join(session.workspace, image), path.join(session.workspace, copy));
    const entry = await galleryTile(page, PROMPT.slice(0, 30));
    await entry.click();
    await entry.click({ button: 'right' });
    await contextMenuItem(page, 'Delete (Move to Trash)');
    for (let answer = 0; answer < 2 && fs.existsSync(path.join(session.workspace, image)); answer++) {
      // "Move to Trash", then, where the file system has no trash (code-server), "Delete Permanently".
      const button = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Move to Trash|Delete Permanently/ }).first();
      await button.waitFor({ state: 'visible', timeout: 10_000 }).then(() => button.click(), () => undefined);
      await page.waitForTimeout(1000);
    }
    assert.equal(fs.existsSync(path.join(session.workspace, image)), false, 'the file was deleted');
    await (await webviewViewContent(page)).locator('#empty', { hasText: 'No images yet' }).waitFor({ state: 'visible', timeout: 10_000 });
    // Change the form so the prefill is visible.
    await runCommand(page, 'View: Show Explorer');
    panel = webviewContent(page);
    await panel.locator('#f-num_inference_steps').fill('40');

    await expandExplorerFolder(page, path.dirname(image).split(path.sep).join('/'));
    await explorerItem(page, path.basename(copy)).click({ button: 'right' });
    await contextMenuItem(page, 'Reproduce Image in Generator');
    panel = webviewContent(page);
    await panel.locator('#notice', { hasText: /Reproducing/ }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await panel.locator('#model').inputValue(), MEDIUM);
    assert.equal(await panel.locator('#f-prompt').inputValue(), PROMPT);
    assert.equal(await panel.locator('#f-num_inference_steps').inputValue(), '20');
    assert.equal(await panel.locator('#f-seed').inputValue(), String(seed), 'the same seed');
    assert.equal(await panel.locator('#seed-random').isChecked(), false, 'the seed is fixed, not random');

    // --- variations from the image: a guidance sweep, 3 × 2 jobs shown side by side ---
    const before = emulator.requests.filter((r) => r.method === 'POST' && r.origin === 'api').length;
    await explorerItem(page, path.basename(copy)).click({ button: 'right' });
    await contextMenuItem(page, 'Generate Variations');
    const pick = page.locator('.quick-input-widget input');
    await pick.waitFor({ state: 'visible', timeout: 10_000 });
    await pick.fill('Guidance sweep');
    await page.keyboard.press('Enter');
    panel = webviewContent(page);
    for (let i = 0; i < 100 && (await panel.locator('.job-done').count()) < 7; i++) await page.waitForTimeout(300);
    assert.equal(await panel.locator('.job-done').count(), 7, 'six sweep cards done, plus the first generation');
    const sweep = emulator.requests.filter((r) => r.method === 'POST' && r.origin === 'api').slice(before).map((r) => r.json as Record<string, unknown>);
    assert.deepEqual(sweep.map((b) => b.guidance_scale).sort(), [3, 3, 5, 5, 7, 7]);
    assert.equal(new Set(sweep.map((b) => b.seed)).size, 2, 'two seeds');
    assert.ok(sweep.some((b) => b.seed === seed), 'the original seed is one of them');
    assert.ok(sweep.every((b) => b.prompt === PROMPT && b.num_inference_steps === 20));
    assert.equal(filesUnder(session.workspace, /\.(png|jpe?g|webp)$/i).length, 7, 'the copy and six new images, none overwritten');

    // --- light theme ---
    await runCommand(page, 'Preferences: Color Theme');
    await page.locator('.quick-input-widget input').fill('Light Modern');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    await session.screenshot('panel-light');
    await panel.locator('.job').first().scrollIntoViewIfNeeded();
    await session.screenshot('panel-light-results');
  }
});
