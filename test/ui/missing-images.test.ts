// A user writes image references before the images exist: the CodeLens above each one generates
// it in place, the quick fix (Ctrl+.) offers the same, and "Segmind: Generate Missing Images" asks
// once, then makes the rest. Against the emulator, in the real workbench.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { activeEditor, openFile, openWorkbench, runCommand, selectLine, withFailureScreenshot, type VsCodeSession } from './workbench';

const DOC = 'docs/tour.md';
const TEXT = [
  '# A tour of the lighthouse café',
  '',
  '![a lighthouse on a rocky cliff at dawn, soft pastel colors](img/lighthouse.png)',
  '',
  '![a steaming cup of coffee on a wooden table by the sea](img/coffee.jpg)',
  '',
  '![seagulls over the harbour at noon](img/gulls.webp)',
  '',
].join('\n');

describe('images a document references but lacks (in the workbench)', { timeout: 300_000 }, () => {
  let session: VsCodeSession;
  const exists = (rel: string) => fs.existsSync(path.join(session.workspace, 'docs', rel));
  const waitForFile = async (rel: string) => {
    for (let i = 0; i < 240 && !exists(rel); i++) await session.page.waitForTimeout(250);
    assert.ok(exists(rel), `docs/${rel} was not written`);
  };

  before(async () => {
    session = await openWorkbench({ label: 'ui-missing-images', emulator: { queueMs: 500, processingMs: 1500 } });
    fs.mkdirSync(path.join(session.workspace, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(session.workspace, DOC), TEXT);
  });

  after(async () => {
    await session?.close();
  });

  it('the CodeLens generates the image at the referenced path', async () => {
    await withFailureScreenshot(session, 'missing-images-codelens', async () => {
      const page = session.page;
      await openFile(page, DOC);
      const lenses = activeEditor(page).locator('.codelens-decoration a', { hasText: 'Generate image with Segmind' });
      await lenses.first().waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(await lenses.count(), 3, 'one lens per missing image');
      await session.screenshot('missing-images-codelens');
      await lenses.first().click();
      await waitForFile('img/lighthouse.png');
      await page.waitForFunction(() => document.querySelectorAll('.editor-group-container.active .codelens-decoration a').length === 2, undefined, { timeout: 30_000 });
    });
  });

  it('the quick fix offers the same on the reference under the cursor', async () => {
    await withFailureScreenshot(session, 'missing-images-quickfix', async () => {
      const page = session.page;
      await selectLine(page, 5);
      await activeEditor(page).locator('.view-lines').click({ position: { x: 200, y: 5 } }).catch(() => undefined);
      await selectLine(page, 5);
      const fix = page.locator('.action-widget', { hasText: 'Generate image with Segmind' });
      await page.keyboard.press('Control+.');
      // The lightbulb is the mouse's way to the same menu, if the key went elsewhere.
      if (!(await fix.first().isVisible().catch(() => false))) {
        await page.waitForTimeout(1500);
        if (!(await fix.first().isVisible().catch(() => false))) await page.locator('.lightBulbWidget').first().click();
      }
      await fix.first().waitFor({ state: 'visible', timeout: 15_000 });
      await session.screenshot('missing-images-quickfix');
      await page.keyboard.press('Escape');
    });
  });

  it('Generate Missing Images asks once, listing each image, then makes the rest', async () => {
    await withFailureScreenshot(session, 'missing-images-batch', async () => {
      const page = session.page;
      await runCommand(page, 'Segmind: Generate Missing Images');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 15_000 });
      const text = await dialog.innerText();
      assert.match(text, /2 images that do not exist/);
      assert.match(text, /img\/coffee\.jpg — a steaming cup of coffee/);
      await session.screenshot('missing-images-batch-confirm');
      await dialog.locator('.monaco-button', { hasText: 'Generate 2 Images' }).click();
      await waitForFile('img/coffee.jpg');
      await waitForFile('img/gulls.webp');
      assert.equal(session.emulator?.acceptedSubmits(), 3, 'one job per image, none twice');
      await page.waitForFunction(() => document.querySelectorAll('.editor-group-container.active .codelens-decoration a').length === 0, undefined, { timeout: 30_000 });
    });
  });
});
