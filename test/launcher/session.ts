// A throwaway VS Code: the Segmind emulator (in this process), code-server with fresh user-data and
// extensions folders, a fresh copy of the sample workspace, and headless Chromium with its own
// profile. Used by the integration launcher, the UI tests, the package check and `npm start`.
// Everything it starts is stopped by close() — and by the cleanup registry on Ctrl-C or failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/emulator';
import { launchBrowser, type Browser } from './browser';
import { CleanupScope } from './cleanup';
import { startCodeServer, tail, workbenchUrl, type CodeServer } from './code-server';
import { repoRoot, vsCodeDeps, type VsCodeDeps } from './deps';
import { acquireLock } from './lock';

export const outputDir = path.join(repoRoot, 'test-output');
export const screenshotsDir = path.join(outputDir, 'screenshots');
export const logsDir = path.join(outputDir, 'logs');
export const workspaceFixture = path.join(repoRoot, 'test', 'fixtures', 'workspace');

export interface SessionOptions {
  /** Names the log files and screenshots of this session. */
  label: string;
  /** Folder to open; default: a fresh copy of test/fixtures/workspace. */
  workspace?: string;
  /** Extension loaded from source; default: the repository. null: only installed extensions. */
  extensionDevelopmentPath?: string | null;
  /** Extensions folder (e.g. one a .vsix was installed into); default: a fresh empty one. */
  extensionsDir?: string;
  /** Emulator options (control API always on), or false to talk to `api` instead. */
  emulator?: EmulatorOptions | false;
  /** Used when `emulator` is false: real Segmind. */
  api?: { baseUrl: string; apiKey?: string };
  /** User settings merged over the defaults below. */
  settings?: Record<string, unknown>;
  /** Extra environment for the extension host. */
  extensionEnvironment?: Record<string, string>;
  /** Start Chromium (default true). `npm start` prints the URL instead. */
  browser?: boolean;
  /**
   * Put SEGMIND_API_KEY into the URL's payload too (default true). `npm start` prints its URL, so
   * there the key reaches the extension host only through code-server's environment.
   */
  keyInUrl?: boolean;
  /**
   * true (default): code-server with the smoke-test driver, the extension loaded through the URL's
   * payload as "under development", tests modules can run (runTests). false: a workbench as users
   * see it — notification toasts shown — with the extension linked into the extensions folder
   * (from `extensionDevelopmentPath`), its environment coming from code-server's. For UI tests.
   */
  smokeTestDriver?: boolean;
  /** Take the one-VS-Code-at-a-time lock (default true). */
  lock?: boolean;
  /** Keep the temp folder after close (also when SEGMIND_KEEP_TEMP=1). */
  keepTemp?: boolean;
}

export interface TestRunResults {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
  tests?: { title: string; state: 'passed' | 'failed' | 'pending'; durationMs?: number }[];
  done?: boolean;
}

export interface PhaseOutcome {
  /** Argument of codeAutomationExit (0 = run() resolved), or null on timeout. */
  exitCode: number | null;
  results: TestRunResults | undefined;
  seconds: number;
}

export class VsCodeSession {
  private exitWaiter: ((code: number) => void) | undefined;
  private phaseCount = 0;

  private constructor(
    readonly options: SessionOptions,
    readonly deps: VsCodeDeps,
    readonly tempRoot: string,
    readonly workspace: string,
    readonly userDataDir: string,
    readonly extensionsDir: string,
    readonly codeServer: CodeServer,
    readonly emulator: Emulator | undefined,
    readonly browser: Browser | undefined,
    readonly extensionEnvironment: Record<string, string>,
    private readonly scope: CleanupScope,
  ) {}

  get page(): Page {
    if (!this.browser) throw new Error('this session has no browser');
    return this.browser.page;
  }

  static async start(options: SessionOptions): Promise<VsCodeSession> {
    const deps = vsCodeDeps();
    const scope = new CleanupScope();
    if (options.lock !== false) {
      const releaseLock = await acquireLock(deps.cacheDir);
      scope.add('lock', releaseLock, releaseLock);
    }
    const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), `segmind-vscode-${safeName(options.label)}-`));
    const keep = options.keepTemp === true || process.env.SEGMIND_KEEP_TEMP === '1';
    scope.add('temp folder', () => removeTemp(tempRoot, keep), () => removeTemp(tempRoot, keep));
    try {
      fs.mkdirSync(logsDir, { recursive: true });
      const workspace = options.workspace ?? copyWorkspaceFixture(path.join(tempRoot, 'workspace'));
      const userDataDir = path.join(tempRoot, 'user-data');
      const extensionsDir = options.extensionsDir ?? path.join(tempRoot, 'extensions');
      const dev = options.extensionDevelopmentPath === undefined ? repoRoot : options.extensionDevelopmentPath;
      if (options.smokeTestDriver === false && dev) linkExtension(dev, extensionsDir);

      let emulator: Emulator | undefined;
      if (options.emulator !== false) {
        const em = await startEmulator({ ...(options.emulator ?? {}), control: true });
        emulator = em;
        scope.add('emulator', () => em.close());
      }
      const baseUrl = emulator?.url ?? options.api?.baseUrl ?? 'https://api.segmind.com';
      const apiKey = emulator?.apiKey ?? options.api?.apiKey;
      const extensionEnvironment: Record<string, string> = {
        ...(apiKey ? { SEGMIND_API_KEY: apiKey } : {}),
        ...(emulator ? { SEGMIND_TEST_EMULATOR_URL: emulator.url } : {}),
        ...(options.extensionEnvironment ?? {}),
      };
      const settings = {
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'chat.disableAIFeatures': true,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'segmind.apiBaseUrl': baseUrl,
        ...(options.settings ?? {}),
      };
      const logBase = path.join(logsDir, safeName(options.label));
      for (const suffix of ['-code-server.log', '-browser.log']) fs.rmSync(logBase + suffix, { force: true });
      const codeServer = await startCodeServer({
        deps,
        userDataDir,
        extensionsDir,
        workspace,
        settings,
        logFile: `${logBase}-code-server.log`,
        // The extension host is forked by code-server and inherits its environment: this hands the
        // key over also when the workbench is opened without a payload (a URL typed by hand).
        env: extensionEnvironment,
        smokeTestDriver: options.smokeTestDriver !== false,
      });
      scope.add('code-server', () => codeServer.stop());
      let browser: Browser | undefined;
      if (options.browser !== false) {
        const b = await launchBrowser(deps.chromium, path.join(tempRoot, 'chromium-profile'), `${logBase}-browser.log`);
        browser = b;
        scope.add('chromium', () => b.close());
      }
      const session = new VsCodeSession(options, deps, tempRoot, workspace, userDataDir, extensionsDir, codeServer, emulator, browser, extensionEnvironment, scope);
      if (browser) {
        // The workbench calls this when the tests module's run() settles: 0 resolved, 1 rejected.
        await browser.page.exposeFunction('codeAutomationExit', (code: number) => {
          const waiter = session.exitWaiter;
          session.exitWaiter = undefined;
          waiter?.(code);
        });
      }
      return session;
    } catch (err) {
      await scope.close();
      throw err;
    }
  }

  /** Workbench URL with the extension under development and, optionally, a tests module. */
  url(extra: { extensionTestsPath?: string; env?: Record<string, string> } = {}): string {
    // Without the smoke-test driver the workbench ignores the payload: the extension is installed.
    if (this.options.smokeTestDriver === false) return workbenchUrl(this.codeServer.origin, this.workspace, {});
    const dev = this.options.extensionDevelopmentPath === undefined ? repoRoot : this.options.extensionDevelopmentPath;
    const environment = { ...this.extensionEnvironment, ...(extra.env ?? {}) };
    if (this.options.keyInUrl === false) delete environment.SEGMIND_API_KEY;
    return workbenchUrl(this.codeServer.origin, this.workspace, {
      ...(dev ? { extensionDevelopmentPath: dev } : {}),
      ...(extra.extensionTestsPath ? { extensionTestsPath: extra.extensionTestsPath } : {}),
      extensionEnvironment: environment,
    });
  }

  /** Opens (or reloads into) the workbench without tests and waits until it is usable. */
  async open(): Promise<Page> {
    const page = this.page;
    await page.goto(this.url(), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The status bar fills in once the extension host is connected.
    await page.locator('.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    return page;
  }

  /**
   * Loads the workbench with `extensionTestsPath` (a page load with this session's profile: the
   * second call is a reload) and waits for codeAutomationExit. The tests module writes its results
   * to the file named by SEGMIND_TEST_RESULTS.
   */
  async runTests(extensionTestsPath: string, env: Record<string, string> = {}, timeoutMs = 5 * 60_000, startTimeoutMs = 90_000): Promise<PhaseOutcome> {
    if (this.options.smokeTestDriver === false) throw new Error('runTests needs a session with the smoke-test driver');
    const started = Date.now();
    const resultsFile = path.join(this.tempRoot, `results-${++this.phaseCount}.json`);
    let poll: NodeJS.Timeout | undefined;
    const exited = new Promise<number | null>((resolve) => {
      const finish = (code: number | null) => {
        clearInterval(poll);
        this.exitWaiter = undefined;
        resolve(code);
      };
      // The tests module writes its results file as soon as it runs: without one after
      // startTimeoutMs it never loaded (bad path, extension host down) — no need to wait longer.
      poll = setInterval(() => {
        const elapsed = Date.now() - started;
        if (elapsed > timeoutMs || (elapsed > startTimeoutMs && !fs.existsSync(resultsFile))) finish(null);
      }, 500);
      this.exitWaiter = finish;
    });
    await this.page.goto(this.url({ extensionTestsPath, env: { ...env, SEGMIND_TEST_RESULTS: resultsFile } }), { waitUntil: 'domcontentloaded' });
    const exitCode = await exited;
    if (exitCode === null) await this.screenshot(`${this.options.label}-timeout-${this.phaseCount}`).catch(() => undefined);
    let results: TestRunResults | undefined;
    try {
      results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as TestRunResults;
    } catch {
      results = undefined;
    }
    return { exitCode, results, seconds: (Date.now() - started) / 1000 };
  }

  /** Saves a PNG of the whole window under test-output/screenshots/; returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    const file = path.join(screenshotsDir, `${name.replace(/[^\w.-]/g, '_')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Last lines of code-server's log (for failure messages). */
  serverLogTail(lines = 40): string {
    return tail(path.join(logsDir, `${safeName(this.options.label)}-code-server.log`), lines);
  }

  /** Stops Chromium, code-server and the emulator, removes the temp folder, releases the lock. */
  close(): Promise<void> {
    return this.scope.close();
  }
}

/** Makes an extension folder (the repository) look installed: a link in the extensions folder. */
function linkExtension(extensionPath: string, extensionsDir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.symlinkSync(path.resolve(extensionPath), path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
}

/** Copies the sample workspace into `dest` (fresh per run: tests write images into it). */
export function copyWorkspaceFixture(dest: string): string {
  fs.cpSync(workspaceFixture, dest, { recursive: true });
  return dest;
}

function safeName(label: string): string {
  return label.replace(/[^\w.-]/g, '_');
}

function removeTemp(dir: string, keep: boolean): void {
  if (keep) {
    console.log(`[launcher] kept ${dir}`);
    return;
  }
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
