// A user selects four lines of prompts, runs "Segmind: Generate Images from Each Line" from the
// command palette and follows the Prompt Queue view in the Segmind sidebar: one prompt runs at a
// time (segmind.queue.concurrency 1), the others wait; they cancel one (its inline button), move
// one up (Alt+Up), and when the running prompt fails after Segmind accepted it, Retry (context
// menu) waits on that same request: no second submit. Against the emulator, in the real workbench.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { activeEditor, filesUnder, openFile, openWorkbench, runCommand, withFailureScreenshot, type VsCodeSession } from './workbench';
import { clickInlineAction, runContextMenuItem, treeRow, viewPane, waitForRows, type TreeRow } from './treeView';

const KITE = 'a red kite over the dunes';
const HERON = 'a grey heron in the reeds';
const FROG = 'a green frog on a lily pad';
const FINCH = 'a yellow finch on a wire';
const FILE = 'birds.txt';
const TEXT = ['Birds to draw, one per line:', KITE, HERON, FROG, FINCH, ''].join('\n');

type Shown = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
const ICON: Record<Shown, string> = { pending: 'clock', running: 'sync', done: 'pass', failed: 'error', cancelled: 'circle-slash' };

/** undefined when every prompt of `expected` shows that state (text and icon) in that order; else what differs. */
function showsStates(expected: readonly [string, Shown][]) {
  return (rows: TreeRow[]): string | undefined => {
    const labels = rows.map((r) => r.label);
    if (labels.join('|') !== expected.map(([label]) => label).join('|')) return `order ${labels.join(', ')}`;
    for (const [i, [label, state]] of expected.entries()) {
      const row = rows[i]!;
      if (!row.description.startsWith(state) || !row.icons.includes(ICON[state])) return `${label} is not ${state}`;
    }
    return undefined;
  };
}

/** Selects lines `from`..`to` (1-based) of the active editor with the keyboard. */
async function selectLines(page: Page, from: number, to: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 5000 });
  await input.fill(`:${from}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  for (let line = from; line < to; line++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
}

describe('Prompt Queue view (Generate Images from Each Line)', { timeout: 420_000 }, () => {
  let session: VsCodeSession;

  before(async () => {
    session = await openWorkbench({
      label: 'ui-queue',
      // Long enough that each prompt is seen running; the first one is held by a fault below.
      emulator: { queueMs: 1000, processingMs: 3000 },
      settings: { 'segmind.queue.concurrency': 1 },
    });
    fs.writeFileSync(path.join(session.workspace, FILE), TEXT);
  });

  after(async () => {
    await session?.close();
  });

  it('shows each prompt pending, running and done; cancel, reorder and retry act on the rows', async () => {
    await withFailureScreenshot(session, 'queue', async () => {
      const page = session.page;
      const emulator = session.emulator!;
      // The first prompt stays QUEUED at Segmind until the test moves the emulator's clock on.
      emulator.fault({ on: 'submit', kind: 'long-queue', ms: 600_000 });

      await openFile(page, FILE);
      await activeEditor(page).click({ position: { x: 200, y: 10 } });
      await selectLines(page, 2, 5);
      await runCommand(page, 'Segmind: Generate Images from Each Line');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 15_000 });
      assert.match(await dialog.innerText(), /Queue 4 prompts \(4 images\)\?/);
      await dialog.locator('.monaco-button', { hasText: 'Generate 4 Images' }).click();

      const pane = viewPane(page, 'Prompt Queue');
      await pane.waitFor({ state: 'visible', timeout: 30_000 });
      const queued = await waitForRows(pane, 'the first prompt running, the others pending',
        showsStates([[KITE, 'running'], [HERON, 'pending'], [FROG, 'pending'], [FINCH, 'pending']]));
      assert.ok(queued[0]!.icons.includes('modifier-spin'), 'the running prompt spins');
      assert.equal(queued[1]!.ariaLabel, `${HERON}, pending`, 'a screen reader hears the prompt and its state');
      await session.screenshot('queue-running');

      await clickInlineAction(treeRow(pane, FROG), 'Cancel');
      await waitForRows(pane, 'the frog cancelled', showsStates([[KITE, 'running'], [HERON, 'pending'], [FROG, 'cancelled'], [FINCH, 'pending']]));

      // Keyboard: select the finch's row, Alt+Up moves it before the heron (pending prompts swap; the cancelled one stays put).
      await treeRow(pane, FINCH).click();
      await page.keyboard.press('Alt+ArrowUp');
      await waitForRows(pane, 'the finch moved up', showsStates([[KITE, 'running'], [FINCH, 'pending'], [FROG, 'cancelled'], [HERON, 'pending']]));
      await session.screenshot('queue-reordered');

      // Every status poll of the kite fails (the client gives up after 5): its request stays accepted at Segmind.
      emulator.fault({ on: 'status', kind: 'http', status: 504, times: 5 });
      await waitForRows(pane, 'the kite failed and the finch running', showsStates([[KITE, 'failed'], [FINCH, 'running'], [FROG, 'cancelled'], [HERON, 'pending']]), 90_000);
      await waitForRows(pane, 'the finch done and the heron running', showsStates([[KITE, 'failed'], [FINCH, 'done'], [FROG, 'cancelled'], [HERON, 'running']]), 90_000);
      const settled = await waitForRows(pane, 'the heron done', showsStates([[KITE, 'failed'], [FINCH, 'done'], [FROG, 'cancelled'], [HERON, 'done']]), 90_000);
      assert.match(settled[0]!.description, /^failed · Segmind had a server problem \(504\)/);
      assert.match(settled[1]!.description, /^done · .+\.(png|jpe?g|webp)$/, 'a done prompt names its image');
      assert.deepEqual([...emulator.jobs.values()].map((j) => j.params.prompt), [KITE, FINCH, HERON], 'submitted in the reordered order; the cancelled prompt never');

      // The failed row's tooltip says what Retry will do.
      await treeRow(pane, KITE).hover();
      const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Retry waits on request' }).first();
      await hover.waitFor({ state: 'visible', timeout: 15_000 });
      await session.screenshot('queue-failed-tooltip');
      await page.keyboard.press('Escape');

      await runContextMenuItem(treeRow(pane, KITE), 'Retry');
      await waitForRows(pane, 'the kite running again', showsStates([[KITE, 'running'], [FINCH, 'done'], [FROG, 'cancelled'], [HERON, 'done']]));
      emulator.advanceClock(600_000);
      await waitForRows(pane, 'the kite done', showsStates([[KITE, 'done'], [FINCH, 'done'], [FROG, 'cancelled'], [HERON, 'done']]), 90_000);
      await session.screenshot('queue-done');
      assert.equal(emulator.acceptedSubmits(), 3, 'the retry waited on the kite\'s request: nothing submitted twice');
      assert.equal(filesUnder(session.workspace, /\.(png|jpe?g|webp)$/i).length, 3, 'three images saved');
    });
  });
});
