// `npm start -- --check`: what a person sees after `npm start`, checked headless — the workbench is
// served, the sample workspace is open in it, and the extension has activated — then everything is
// stopped. The `start` stage of `npm test` runs it exactly as the README's command, from a clean
// environment, so a broken first run (tools cache empty) fails CI instead of a new user.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser';
import { screenshotsDir, type VsCodeSession } from './session';

export interface StartCheck {
  name: string;
  ok: boolean;
  detail: string;
}

const EXTENSION_ID = 'segmind-studio.segmind-image-studio';

/** Opens the printed URL in a headless Chromium and checks what a person would see; never throws. */
export async function checkStartedSession(session: VsCodeSession, url: string, timeoutMs = 120_000): Promise<StartCheck[]> {
  const checks: StartCheck[] = [];
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1000, deadline - Date.now());

  const res = await fetch(url, { signal: AbortSignal.timeout(15_000) }).catch((err: Error) => err);
  const served = !(res instanceof Error) && res.ok && (await res.text()).includes('workbench');
  checks.push({ name: 'the workbench is served at the printed URL', ok: served, detail: res instanceof Error ? res.message : `HTTP ${res.status}` });

  const browser = await launchBrowser(session.deps.chromium, path.join(session.tempRoot, 'check-profile'));
  try {
    const page = browser.page;
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const folderName = path.basename(session.workspace);
    // The Explorer's root row names the opened folder once the workspace is loaded.
    const explorerRoot = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'README.md' }).first();
    const workspaceOpen = await explorerRoot
      .waitFor({ state: 'visible', timeout: left() })
      .then(async () => (await page.title()).includes(folderName))
      .catch(() => false);
    checks.push({ name: `the sample workspace (${folderName}) is open, its files in the Explorer`, ok: workspaceOpen, detail: `window title: "${await page.title().catch(() => '')}"` });

    const activation = await waitForActivation(session.userDataDir, left());
    checks.push({ name: 'the extension has activated in the extension host', ok: activation.ok, detail: activation.detail });
    fs.mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotsDir, 'start-check.png') }).catch(() => undefined);
  } catch (err) {
    checks.push({ name: 'the workbench opens in a browser', ok: false, detail: (err as Error).message });
  } finally {
    await browser.close();
  }
  return checks;
}

/**
 * A failed activation is logged by the extension host (its log under the user-data folder); a
 * finished one by the extension itself, as the last line of activate(), in its own log file.
 */
async function waitForActivation(userDataDir: string, timeoutMs: number): Promise<{ ok: boolean; detail: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const file of logFiles(path.join(userDataDir, 'logs'))) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const failed = lines.find((line) => line.includes(`Activating extension ${EXTENSION_ID} failed`));
      if (failed) return { ok: false, detail: failed.trim() };
      const activated = file.includes(EXTENSION_ID) ? lines.find((line) => line.includes('activated: Segmind Image Studio')) : undefined;
      if (activated) return { ok: true, detail: activated.trim() };
    }
    if (Date.now() > deadline) return { ok: false, detail: `no finished activation of ${EXTENSION_ID} logged under ${userDataDir}/logs` };
    await new Promise((r) => setTimeout(r, 500));
  }
}

function logFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.log'))
    .map((e) => path.join(e.parentPath, e.name));
}
