// A user selects the prompt in README.md, runs "Segmind: Generate Image from Selection" from the
// command palette, sees the progress notification, then the Markdown image link under the prompt
// and the saved image in the Explorer. Against the emulator, with a queue and processing time long
// enough to see the progress.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  activeTab,
  expandExplorerFolder,
  explorerItem,
  filesUnder,
  lineOf,
  openFile,
  openWorkbench,
  runCommand,
  selectLine,
  waitForEditorText,
  waitForNotification,
  withFailureScreenshot,
  type VsCodeSession,
} from './workbench';

const PROMPT = 'A cozy seaside café at golden hour, warm light through large windows, watercolor style';

describe('Generate Image from Selection (command palette)', { timeout: 240_000 }, () => {
  let session: VsCodeSession;

  before(async () => {
    session = await openWorkbench({ label: 'ui-generate-from-selection', emulator: { queueMs: 1500, processingMs: 3000 } });
  });

  after(async () => {
    await session?.close();
  });

  it('generates, shows progress, inserts the link and saves the image', async () => {
    await withFailureScreenshot(session, 'generate-from-selection', async () => {
      const page = session.page;
      const readme = path.join(session.workspace, 'README.md');
      await openFile(page, 'README.md');
      await selectLine(page, lineOf(readme, PROMPT));

      await runCommand(page, 'Segmind: Generate Image from Selection');
      const progress = await waitForNotification(page, /./, 15_000);
      await session.screenshot('generate-from-selection-progress');
      const progressText = await progress.innerText();
      assert.match(progressText, /segmind|generat|queue|process|stable diffusion/i, `progress notification says: ${progressText}`);

      const text = await waitForEditorText(page, /!\[/, 90_000);
      const link = /!\[[^\]]*\]\(([^)]+)\)/.exec(text);
      assert.ok(link, `no Markdown image link in the editor:\n${text}`);
      const target = decodeURIComponent(link[1]!.replace(/^<|>$/g, ''));

      const images = filesUnder(session.workspace, /\.(png|jpe?g|webp)$/i);
      assert.equal(images.length, 1, `images in the workspace: ${images.join(', ') || 'none'}`);
      const image = images[0]!;
      assert.equal(path.resolve(path.dirname(readme), target), path.join(session.workspace, image), `the link points at ${target}, the image is ${image}`);
      assert.ok(fs.statSync(path.join(session.workspace, image)).size > 100);
      assert.equal(session.emulator?.acceptedSubmits(), 1, 'exactly one job was submitted (billed)');

      await expandExplorerFolder(page, path.dirname(image).split(path.sep).join('/'));
      const row = explorerItem(page, path.basename(image));
      await row.waitFor({ state: 'visible', timeout: 15_000 });
      await session.screenshot('generate-from-selection-done');

      // Open it from the Explorer, as a user checking the result would.
      await row.click();
      await activeTab(page, path.basename(image)).waitFor({ state: 'visible', timeout: 15_000 });
      await page.waitForTimeout(1000); // let the image preview paint
      await session.screenshot('generate-from-selection-image');
    });
  });
});
