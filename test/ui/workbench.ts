// Helpers for UI tests: drive the real VS Code workbench (code-server) in headless Chromium the
// way a user does — keyboard and mouse, command palette, editor, explorer, notifications, webviews.
import fs from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { VsCodeSession, type SessionOptions } from '../launcher/session';

export { VsCodeSession };

const EXTENSION_ID = 'segmind-studio.segmind-image-studio';

/**
 * Starts a session (emulator + code-server + Chromium) and opens the workbench with the extension
 * loaded. By default without the smoke-test driver, so that notifications show as users see them
 * (the extension is then linked into the extensions folder; see SessionOptions.smokeTestDriver).
 */
export async function openWorkbench(options: SessionOptions): Promise<VsCodeSession> {
  const session = await VsCodeSession.start({
    smokeTestDriver: false,
    ...options,
    // No soft wrap: editorText() reads the rendered lines, and a wrapped line would read as two.
    // One Explorer row per folder (no "assets/generated" compact rows): expandExplorerFolder walks them.
    settings: { 'editor.wordWrap': 'off', '[markdown]': { 'editor.wordWrap': 'off' }, 'explorer.compactFolders': false, ...(options.settings ?? {}) },
  });
  try {
    await session.open();
    await dismissStartupNoise(session.page);
    return session;
  } catch (err) {
    await session.screenshot(`${options.label}-open-failed`).catch(() => undefined);
    await session.close();
    throw err;
  }
}

async function dismissStartupNoise(page: Page): Promise<void> {
  // Let the extension host come up and startup toasts appear, then clear them so a test sees its own.
  await page.waitForTimeout(1500);
  await clearNotifications(page);
}

/** Opens the command palette (F1) — retried, the workbench ignores keys while it is still loading. */
export async function openCommandPalette(page: Page): Promise<Locator> {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 1000 });
      return input;
    } catch {
      // not ready yet
    }
  }
  throw new Error('the command palette did not open (F1)');
}

/** Runs a command by its palette title (e.g. "Segmind: Generate Image from Selection"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = await openCommandPalette(page);
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 }).catch(async () => {
    const shown = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    throw new Error(`command "${title}" is not in the palette; it shows: ${shown.slice(0, 10).join(' | ') || 'nothing'}`);
  });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
}

/** Opens a workspace file in the editor with Quick Open (Ctrl+P). */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const name = path.basename(relativePath);
  for (let attempt = 0; attempt < 10; attempt++) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    if (!(await input.isVisible().catch(() => false))) {
      await page.waitForTimeout(500);
      continue;
    }
    await input.fill(relativePath);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
      await page.keyboard.press('Enter');
      await activeTab(page, name).waitFor({ state: 'visible', timeout: 10_000 });
      await activeEditor(page).click({ position: { x: 200, y: 10 } });
      return;
    } catch {
      await page.keyboard.press('Escape'); // the file index may still be building: try again
      await page.waitForTimeout(500);
    }
  }
  throw new Error(`could not open ${relativePath} with Quick Open`);
}

export function activeTab(page: Page, name: string): Locator {
  return page.locator('.tabs-container .tab.active', { hasText: name });
}

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Selects the whole of line `lineNumber` (1-based) in the active editor: Ctrl+G, Home, Shift+End. */
export async function selectLine(page: Page, lineNumber: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 5000 });
  await input.fill(`:${lineNumber}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
}

/** 1-based number of the first line of `file` that contains `text`. */
export function lineOf(file: string, text: string): number {
  const index = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`"${text}" is not in ${file}`);
  return index + 1;
}

/** Text the active editor shows (visible lines; fine for short files). */
export async function editorText(page: Page): Promise<string> {
  const text = await activeEditor(page).locator('.view-lines').innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** Waits until the active editor shows text matching `pattern`; returns the whole text. */
export async function waitForEditorText(page: Page, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await editorText(page).catch(() => '');
    if (pattern.test(text)) return text;
    await page.waitForTimeout(250);
  }
  throw new Error(`the editor never showed ${pattern}; it shows:\n${text}`);
}

export function notificationToasts(page: Page): Locator {
  return page.locator('.notifications-toasts .notification-toast');
}

/** Waits for a notification toast whose text matches `pattern`; returns its locator. */
export async function waitForNotification(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<Locator> {
  const toast = notificationToasts(page).filter({ hasText: pattern }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs }).catch(async () => {
    const shown = await notificationToasts(page).allInnerTexts();
    const dialogs = await page.locator('.monaco-dialog-box').allInnerTexts();
    throw new Error(
      `no notification matching ${pattern} within ${timeoutMs / 1000} s; shown: ${shown.join(' | ') || 'none'}` +
        (dialogs.length ? `; dialog: ${dialogs.join(' | ').replace(/\s+/g, ' ')}` : ''),
    );
  });
  return toast;
}

export async function clearNotifications(page: Page): Promise<void> {
  if ((await notificationToasts(page).count()) === 0) return;
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
}

/** Shows the Explorer and expands each folder of `folderPath` (e.g. "assets/generated"). */
export async function expandExplorerFolder(page: Page, folderPath: string): Promise<void> {
  await runCommand(page, 'View: Show Explorer');
  for (const part of folderPath.split('/').filter(Boolean)) {
    const item = explorerItem(page, part);
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('.explorer-folders-view .monaco-list-row')].some((row) => row.getAttribute('aria-label') === name && row.getAttribute('aria-expanded') === 'true'),
      part,
      { timeout: 10_000 },
    );
  }
}

/** An Explorer row by its name (the row's aria-label). */
export function explorerItem(page: Page, name: string | RegExp): Locator {
  const rows = page.locator('.explorer-folders-view .monaco-list-row');
  return typeof name === 'string' ? rows.and(page.locator(`[aria-label="${name.replace(/"/g, '\\"')}"]`)).first() : rows.filter({ hasText: name }).first();
}

/**
 * The content of this extension's webview shown in the editor area (VS Code nests it:
 * iframe.webview.ready > #active-frame). Hidden webviews keep their iframes, and an image preview is a
 * webview too, so only the visible one of this extension counts; the gallery in the sidebar must be
 * hidden meanwhile (show the Explorer).
 */
export function webviewContent(page: Page): FrameLocator {
  const ours = page.locator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`).filter({ visible: true });
  return ours.contentFrame().locator('#active-frame').contentFrame();
}

/** The content of the webview view shown in the sidebar (the gallery): the visible webview placed over it. */
export async function webviewViewContent(page: Page, timeoutMs = 30_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const name = await page.locator('iframe.webview.ready').evaluateAll((frames) => {
      const bar = document.querySelector('.part.sidebar')?.getBoundingClientRect();
      const inBar = frames.find((f) => {
        const r = f.getBoundingClientRect();
        return bar && r.width > 0 && r.left >= bar.left - 1 && r.right <= bar.right + 1 && getComputedStyle(f).visibility !== 'hidden';
      });
      return inBar?.getAttribute('name') ?? undefined;
    });
    if (name) return page.frameLocator(`iframe[name="${name}"]`).frameLocator('#active-frame');
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview view in the sidebar within ${timeoutMs / 1000} s`);
}

/** Every webview iframe with its place and visibility: for failure reports. */
export async function describeWebviews(page: Page): Promise<string> {
  return page.locator('iframe.webview').evaluateAll((frames) =>
    frames.map((f) => {
      const box = f.getBoundingClientRect();
      const src = (f as HTMLIFrameElement).src;
      return `${f.className} ${Math.round(box.width)}x${Math.round(box.height)}@${Math.round(box.x)},${Math.round(box.y)} ${getComputedStyle(f).visibility} purpose=${/purpose=([^&]*)/.exec(src)?.[1] ?? '-'} ext=${/extensionId=([^&]*)/.exec(src)?.[1] ?? '-'}`;
    }).join('\n'),
  );
}

/** Files (relative paths) under a workspace folder whose names match `pattern`. */
export function filesUnder(root: string, pattern: RegExp): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

/** Runs a test body; on failure saves a screenshot (test-output/screenshots/<name>-failed.png) first. */
export async function withFailureScreenshot(session: VsCodeSession, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    const file = await session.screenshot(`${name}-failed`).catch(() => undefined);
    if (file && err instanceof Error) err.message += `\n(screenshot: ${file})`;
    throw err;
  }
}
