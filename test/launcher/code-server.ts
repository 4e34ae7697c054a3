// Starts VS Code's server build (code-server) on a free loopback port, with its own user-data and
// extensions folders, and builds workbench URLs whose `payload` loads the extension under
// development and (optionally) a tests module. `--vscode-option enable-smoke-test-driver` is what
// makes the workbench honour that payload (without it, it is silently ignored).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { killGroup, onCleanup, stopGroup } from './cleanup';
import { node24Env, type VsCodeDeps } from './deps';

export interface CodeServerOptions {
  deps: VsCodeDeps;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  settings: Record<string, unknown>;
  logFile: string;
  /** Extra environment for code-server (and so for the extension host it forks). */
  env?: NodeJS.ProcessEnv;
  /**
   * `--vscode-option enable-smoke-test-driver` (default true): the workbench honours the URL's
   * `payload` (extension under development, tests module, environment) only with it — and with it,
   * it also shows no notification toasts (and shows command errors as dialogs), as in VS Code's
   * own smoke tests. UI tests that look at notifications run without it.
   */
  smokeTestDriver?: boolean;
}

export interface CodeServer {
  readonly port: number;
  readonly origin: string; // http://127.0.0.1:PORT
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The flags from the recipe; `enable-smoke-test-driver` is what makes the workbench honour `payload`. */
function codeServerArgs(o: CodeServerOptions, port: number): string[] {
  return [
    o.deps.codeServerEntry,
    '--config', path.join(o.deps.cacheDir, 'code-server.yaml'),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', o.userDataDir,
    '--extensions-dir', o.extensionsDir,
    ...(o.smokeTestDriver === false ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
    o.workspace,
  ];
}

export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

export async function startCodeServer(o: CodeServerOptions): Promise<CodeServer> {
  writeUserSettings(o.userDataDir, o.settings);
  fs.mkdirSync(o.extensionsDir, { recursive: true });
  fs.mkdirSync(path.dirname(o.logFile), { recursive: true });
  const config = path.join(o.deps.cacheDir, 'code-server.yaml');
  if (!fs.existsSync(config)) fs.writeFileSync(config, 'auth: none\n');

  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const log = fs.openSync(o.logFile, 'a');
    const child = spawn(o.deps.node24, codeServerArgs(o, port), {
      env: node24Env(o.deps, { ...process.env, ...o.env }),
      stdio: ['ignore', log, log],
      detached: true, // own process group: stopping it also stops the extension host and helpers
    });
    fs.closeSync(log);
    const unregister = onCleanup('code-server', () => stopGroup(child), () => killGroup(child, 'SIGKILL'));
    const stop = async () => {
      unregister();
      await stopGroup(child);
    };
    try {
      await waitForHealthy(child, port, o.logFile);
      return { port, origin: `http://127.0.0.1:${port}`, process: child, stop };
    } catch (err) {
      lastError = err as Error;
      await stop();
    }
  }
  throw lastError ?? new Error('code-server did not start');
}

async function waitForHealthy(child: ChildProcess, port: number, logFile: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it was ready; log: ${logFile}\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on port ${port} within ${timeoutMs / 1000} s; log: ${logFile}\n${tail(logFile)}`);
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export interface WorkbenchPayload {
  /** Absolute path of the extension to load from source (omit for installed extensions only). */
  extensionDevelopmentPath?: string;
  /** Absolute path of a module exporting `run(): Promise<void>`; omit to just open VS Code. */
  extensionTestsPath?: string;
  /** Environment variables for the extension host (and so for the extension and the tests). */
  extensionEnvironment?: Record<string, string>;
}

/** `http://127.0.0.1:PORT/?folder=…&payload=…` — paths become vscode-remote URIs on this server. */
export function workbenchUrl(origin: string, workspace: string, payload: WorkbenchPayload): string {
  const authority = new URL(origin).host;
  const remote = (p: string) => `vscode-remote://${authority}${path.resolve(p)}`;
  const entries: [string, string][] = [];
  if (payload.extensionDevelopmentPath) entries.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
  if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  if (payload.extensionEnvironment) entries.push(['extensionEnvironment', JSON.stringify(payload.extensionEnvironment)]);
  const query = `folder=${encodeURIComponent(path.resolve(workspace))}` + (entries.length ? `&payload=${encodeURIComponent(JSON.stringify(entries))}` : '');
  return `${origin}/?${query}`;
}
