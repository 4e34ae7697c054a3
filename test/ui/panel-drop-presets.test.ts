// The generator panel in the real workbench (code-server + Chromium, against the emulator):
// - drop: an image the extension made, dragged from the Explorer with Shift held (VS Code lets a drag
//   reach a webview only then), loads its model, prompt, seed and parameters; a PNG from the OS that
//   carries no Segmind settings shows why, and leaves the form as it was;
// - presets: save the form as a named preset, change the fields, apply the preset (they come back),
//   rename it and delete it, with the keyboard for save and rename.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { expandExplorerFolder, explorerItem, filesUnder, openWorkbench, runCommand, webviewContent, withFailureScreenshot, type VsCodeSession } from './workbench';

const PROMPT = 'A heron standing in a misty marsh at dawn, ink and wash';
const MEDIUM = 'stable-diffusion-3-medium-txt2img';
const LARGE = 'stable-diffusion-3.5-large-txt2img';
/** A 1×1 PNG with no metadata: an image from anywhere else. */
const PLAIN_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

async function openPanel(page: Page): Promise<FrameLocator> {
  await runCommand(page, 'Segmind: Open Image Generator');
  const panel = webviewContent(page);
  await panel.locator('#f-prompt').waitFor({ state: 'visible', timeout: 30_000 });
  return panel;
}

/** What the form shows: model, prompt, steps, seed and whether the seed is random. */
async function formState(panel: FrameLocator): Promise<string> {
  const model = await panel.locator('#model').inputValue();
  const steps = model === MEDIUM ? '#f-num_inference_steps' : '#f-steps';
  return JSON.stringify({
    model,
    prompt: await panel.locator('#f-prompt').inputValue(),
    steps: await panel.locator(steps).inputValue(),
    seed: await panel.locator('#f-seed').inputValue(),
    randomSeed: await panel.locator('#seed-random').isChecked(),
  });
}

/** Answers the workbench's input box (a preset's name or style) from the keyboard. */
async function answerInputBox(page: Page, title: RegExp, text: string): Promise<void> {
  const widget = page.locator('.quick-input-widget', { hasText: title });
  await widget.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 10_000 });
}

describe('Generator panel: drop an image, presets', { timeout: 400_000 }, () => {
  let session: VsCodeSession;

  before(async () => {
    session = await openWorkbench({
      label: 'ui-panel-drop',
      emulator: { queueMs: 300, processingMs: 500 },
      settings: { 'workbench.colorTheme': 'Default Dark Modern', 'segmind.embedMetadata': true },
    });
  });

  after(async () => {
    await session?.close();
  });

  it('dropping an image made by the extension loads its settings; one without them says so and changes nothing', () =>
    withFailureScreenshot(session, 'panel-drop', async () => {
      const page = session.page;
      let panel = await openPanel(page);
      assert.match(await panel.locator('#drop-hint').innerText(), /hold Shift/, 'the panel says how to drop from VS Code');

      // An image of the extension's own: generated from the form.
      await panel.locator('#model').selectOption(MEDIUM);
      await panel.locator('#f-prompt').fill(PROMPT);
      await panel.locator('#f-num_inference_steps').fill('20');
      await panel.locator('#f-prompt').focus();
      await page.keyboard.press('Control+Enter');
      await panel.locator('.job .job-state', { hasText: 'Done' }).first().waitFor({ state: 'visible', timeout: 60_000 });
      const seed = /seed (\d+)/.exec(await panel.locator('.job .job-meta').first().innerText())?.[1];
      assert.ok(seed, 'the card shows the seed');
      const [image] = filesUnder(session.workspace, /\.(png|jpe?g|webp)$/i);
      assert.ok(image, 'the image was saved in the workspace');

      // The form moves on: another model, another prompt.
      await panel.locator('#model').selectOption(LARGE);
      await panel.locator('#f-prompt').fill('something else entirely');

      // Drag it from the Explorer onto the panel, holding Shift as VS Code requires.
      await expandExplorerFolder(page, path.dirname(image).split(path.sep).join('/'));
      const item = explorerItem(page, path.basename(image));
      const from = await item.boundingBox();
      const frame = page.locator('iframe.webview.ready').filter({ visible: true }).first();
      const to = await frame.boundingBox();
      assert.ok(from && to);
      await page.mouse.move(from.x + 20, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + 60, from.y + 40, { steps: 5 });
      await page.keyboard.down('Shift');
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
      await page.mouse.move(to.x + to.width / 2 + 10, to.y + to.height / 2 + 10, { steps: 5 });
      panel = webviewContent(page);
      // While the image is over the panel, the page shows it is a drop target.
      await panel.locator('body.drop-active').waitFor({ state: 'attached', timeout: 5000 });
      const outline = await panel.locator('body').evaluate((body) => getComputedStyle(body, '::after').borderTopStyle);
      assert.equal(outline, 'dashed', 'a dashed outline marks the drop target');
      await session.screenshot('panel-drop-target');
      await page.mouse.up();
      await page.keyboard.up('Shift');

      await panel.locator('#notice', { hasText: `Reproducing ${image.split(path.sep).join('/')}` }).waitFor({ state: 'visible', timeout: 15_000 });
      assert.equal(await panel.locator('body.drop-active').count(), 0, 'the drop-target styling is gone after the drop');
      const loaded = await formState(panel);
      assert.deepEqual(JSON.parse(loaded), { model: MEDIUM, prompt: PROMPT, steps: '20', seed, randomSeed: false });
      assert.equal(await page.locator('.tabs-container .tab', { hasText: path.basename(image) }).count(), 0, 'the drop went to the panel, not to the editor');

      // A PNG from the OS (a File in the drop) without Segmind settings: a visible error, the form unchanged.
      await panel.locator('body').evaluate((body, base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], 'holiday-photo.png', { type: 'image/png' }));
        for (const type of ['dragenter', 'dragover', 'drop']) body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
      }, PLAIN_PNG_BASE64);
      const notice = panel.locator('#notice.notice-error', { hasText: 'holiday-photo.png has no Segmind settings' });
      await notice.waitFor({ state: 'visible', timeout: 15_000 });
      assert.equal(await formState(panel), loaded, 'the form is as it was');
      await session.screenshot('panel-drop-refused');
    }));

  it('saves the form as a preset, applies it after the fields changed, renames and deletes it', () =>
    withFailureScreenshot(session, 'panel-presets', async () => {
      const page = session.page;
      await runCommand(page, 'View: Show Explorer');
      const panel = await openPanel(page);
      const presetSelect = panel.getByLabel('Preset', { exact: true });
      const style = panel.locator('#preset-style');
      await panel.locator('#model').selectOption(LARGE);
      await panel.locator('#f-steps').fill('33');
      await panel.locator('#f-guidance_scale').fill('6.5');
      await panel.locator('#f-prompt').fill('a lantern in the fog');

      // Save, from the keyboard: the button, then the editor's two questions.
      await panel.getByRole('button', { name: 'Save as Preset…' }).focus();
      await page.keyboard.press('Enter');
      await answerInputBox(page, /Save Preset/, 'Watercolour');
      await answerInputBox(page, /Preset Style/, 'watercolour painting of {prompt}');
      await panel.locator('#preset option:checked', { hasText: 'Watercolour — Stable Diffusion 3.5 Large' }).waitFor({ state: 'attached', timeout: 10_000 });
      assert.equal(await style.innerText(), 'Style: watercolour painting of {prompt}');
      assert.equal(await panel.getByRole('button', { name: 'Rename…' }).isDisabled(), false);

      // Change the fields, go to the default settings, then back to the preset: its values return.
      await panel.locator('#f-steps').fill('50');
      await panel.locator('#f-guidance_scale').fill('3');
      await presetSelect.selectOption({ label: 'Default settings' });
      await panel.locator('#notice', { hasText: 'Default settings loaded.' }).waitFor({ state: 'visible' });
      assert.equal(await panel.locator('#f-steps').inputValue(), '30');
      assert.equal(await style.isVisible(), false);
      await presetSelect.selectOption({ label: 'Watercolour — Stable Diffusion 3.5 Large' });
      await panel.locator('#notice', { hasText: 'Preset "Watercolour" loaded.' }).waitFor({ state: 'visible' });
      assert.equal(await panel.locator('#model').inputValue(), LARGE);
      assert.equal(await panel.locator('#f-steps').inputValue(), '33');
      assert.equal(await panel.locator('#f-guidance_scale').inputValue(), '6.5');
      assert.equal(await panel.locator('#f-prompt').inputValue(), 'a lantern in the fog', 'the prompt is the user\'s, not the preset\'s');
      assert.equal(await style.innerText(), 'Style: watercolour painting of {prompt}');

      // Rename, from the keyboard.
      await panel.getByRole('button', { name: 'Rename…' }).focus();
      await page.keyboard.press('Enter');
      await answerInputBox(page, /Rename Preset "Watercolour"/, 'Gouache');
      await panel.locator('#preset option:checked', { hasText: 'Gouache — Stable Diffusion 3.5 Large' }).waitFor({ state: 'attached', timeout: 10_000 });
      assert.deepEqual(await panel.locator('#preset option').allInnerTexts(), ['Default settings', 'Gouache — Stable Diffusion 3.5 Large']);

      // Delete, confirmed in the editor's dialog: the preset is gone, the form keeps its values.
      await panel.getByRole('button', { name: 'Delete', exact: true }).click();
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'Delete the preset "Gouache"?' });
      await dialog.waitFor({ state: 'visible', timeout: 10_000 });
      await dialog.locator('.monaco-button', { hasText: 'Delete' }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
      await panel.locator('#preset option', { hasText: 'Gouache' }).waitFor({ state: 'detached', timeout: 10_000 });
      assert.deepEqual(await panel.locator('#preset option').allInnerTexts(), ['Default settings']);
      assert.equal(await panel.getByRole('button', { name: 'Rename…' }).isDisabled(), true);
      assert.equal(await panel.getByRole('button', { name: 'Delete', exact: true }).isDisabled(), true);
      assert.equal(await panel.locator('#f-steps').inputValue(), '33');
      await session.screenshot('panel-presets-after-delete');
    }));
});
