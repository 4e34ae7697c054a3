// Headless Chromium (Debian's, not a Playwright download) driven by playwright-core, with a
// persistent profile: the workbench keeps SecretStorage and its state there, so a reload that
// reuses the profile is a real reload.
import fs from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { onCleanup } from './cleanup';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(executablePath: string, profileDir: string, consoleLog?: string): Promise<Browser> {
  fs.mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    unregister();
    await context.close().catch(() => undefined);
  };
  const unregister = onCleanup('chromium', close);
  const page = context.pages()[0] ?? (await context.newPage());
  if (consoleLog) {
    const out = fs.createWriteStream(consoleLog, { flags: 'a' });
    page.on('console', (m) => out.write(`[${new Date().toISOString()}] ${m.type()}: ${m.text()}\n`));
    page.on('pageerror', (e) => out.write(`[${new Date().toISOString()}] pageerror: ${e.message}\n`));
    context.on('close', () => out.end());
  }
  return { context, page, close };
}
