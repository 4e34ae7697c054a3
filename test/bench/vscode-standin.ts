// A minimal `vscode` module for loading dist/extension.js in plain Node (activation benchmark).
// Anything activate() touches that is not modelled explicitly is an inert "anything" proxy:
// callable, constructible, every property another such proxy, `dispose()` a no-op. Enough to
// run the wiring, and it costs nothing measurable, like the real API's registrations.
import Module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A proxy that accepts any use; `then` is undefined so awaiting it does not hang. Each call or
 * `new` gives a fresh one that remembers what is assigned to it (item.label = …), like an object.
 */
export function inert(name = 'vscode'): unknown {
  const assigned = new Map<PropertyKey, unknown>();
  const children = new Map<string, unknown>();
  const target = function () {
    /* inert */
  };
  return new Proxy(target, {
    get(_t, key) {
      if (assigned.has(key)) return assigned.get(key);
      if (key === 'then') return undefined;
      if (key === 'dispose') return () => undefined;
      if (key === Symbol.toPrimitive) return (hint: string) => (hint === 'number' ? 0 : '');
      if (key === Symbol.iterator) return function* () {};
      if (key === 'toString' || key === 'toJSON') return () => '';
      if (typeof key === 'symbol') return undefined;
      let child = children.get(key);
      if (!child) children.set(key, (child = inert(`${name}.${key}`)));
      return child;
    },
    set(_t, key, value) {
      assigned.set(key, value);
      return true;
    },
    defineProperty(_t, key, descriptor) {
      assigned.set(key, descriptor.value ?? descriptor.get?.());
      return true;
    },
    apply: () => inert(`${name}()`),
    construct: () => inert(`new ${name}`) as object,
    has: () => true,
  });
}

const disposable = () => ({ dispose: () => undefined });

class StandInUri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query = '',
    readonly fragment = '',
  ) {}
  static file(p: string): StandInUri {
    return new StandInUri('file', '', path.resolve(p).split(path.sep).join('/'));
  }
  static parse(value: string): StandInUri {
    const url = new URL(value);
    return new StandInUri(url.protocol.replace(/:$/, ''), url.host, decodeURIComponent(url.pathname), url.search.slice(1), url.hash.slice(1));
  }
  static joinPath(base: StandInUri, ...segments: string[]): StandInUri {
    return base.with({ path: path.posix.join(base.path, ...segments) });
  }
  static from(parts: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): StandInUri {
    return new StandInUri(parts.scheme, parts.authority ?? '', parts.path ?? '/', parts.query ?? '', parts.fragment ?? '');
  }
  get fsPath(): string {
    return this.path.split('/').join(path.sep);
  }
  with(change: Partial<{ scheme: string; authority: string; path: string; query: string; fragment: string }>): StandInUri {
    return new StandInUri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString(): string {
    return this.scheme === 'file' ? pathToFileURL(this.fsPath).href : `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}`;
  }
  toJSON(): unknown {
    return { scheme: this.scheme, authority: this.authority, path: this.path };
  }
}

class StandInDisposable {
  constructor(private readonly onDispose: () => void) {}
  static from(...items: { dispose(): unknown }[]): StandInDisposable {
    return new StandInDisposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

class StandInEventEmitter<T> {
  private listeners = new Set<(e: T) => unknown>();
  readonly event = (listener: (e: T) => unknown) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

const noEvent = () => disposable();

class StandInTreeItem {
  [key: string]: unknown;
  constructor(labelOrUri: unknown, collapsibleState?: number) {
    if (typeof labelOrUri === 'string' || (labelOrUri !== null && typeof labelOrUri === 'object' && 'label' in labelOrUri)) this['label'] = labelOrUri;
    else this['resourceUri'] = labelOrUri;
    this['collapsibleState'] = collapsibleState;
  }
}

class StandInThemeIcon {
  static readonly File = new StandInThemeIcon('file');
  static readonly Folder = new StandInThemeIcon('folder');
  constructor(
    readonly id: string,
    readonly color?: unknown,
  ) {}
}

class StandInMarkdownString {
  isTrusted = false;
  supportThemeIcons = false;
  constructor(public value = '') {}
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text;
    return this;
  }
}

class StandInCancellationError extends Error {
  constructor() {
    super('Canceled');
    this.name = 'Canceled';
  }
}

function configuration(): unknown {
  return {
    get: <T>(_key: string, fallback?: T) => fallback,
    has: () => false,
    inspect: () => undefined,
    update: async () => undefined,
  };
}

function memento(): unknown {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string, fallback?: T) => (values.has(key) ? values.get(key) : fallback),
    update: async (key: string, value: unknown) => void values.set(key, value),
    keys: () => [...values.keys()],
    setKeysForSync: () => undefined,
  };
}

/** The explicit parts of the stand-in; everything else falls through to `inert`. */
function buildApi(): Record<string, unknown> {
  const commands = new Map<string, unknown>();
  const api: Record<string, unknown> = {
    version: '1.138.0',
    Uri: StandInUri,
    Disposable: StandInDisposable,
    EventEmitter: StandInEventEmitter,
    TreeItem: StandInTreeItem,
    ThemeIcon: StandInThemeIcon,
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
    MarkdownString: StandInMarkdownString,
    CancellationError: StandInCancellationError,
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    EndOfLine: { LF: 1, CRLF: 2 },
    commands: {
      registerCommand: (id: string, fn: unknown) => {
        commands.set(id, fn);
        return { dispose: () => commands.delete(id) };
      },
      registerTextEditorCommand: (id: string, fn: unknown) => {
        commands.set(id, fn);
        return { dispose: () => commands.delete(id) };
      },
      executeCommand: async () => undefined,
      getCommands: async () => [...commands.keys()],
    },
    workspace: {
      getConfiguration: configuration,
      onDidChangeConfiguration: noEvent,
      onDidChangeWorkspaceFolders: noEvent,
      onDidGrantWorkspaceTrust: noEvent,
      workspaceFolders: undefined,
      isTrusted: true,
      fs: inert('workspace.fs'),
      registerFileSystemProvider: disposable,
      createFileSystemWatcher: () => ({ onDidCreate: noEvent, onDidChange: noEvent, onDidDelete: noEvent, dispose: () => undefined }),
    },
    window: {
      createOutputChannel: () => inert('OutputChannel'),
      registerWebviewPanelSerializer: disposable,
      registerWebviewViewProvider: disposable,
      registerTreeDataProvider: disposable,
      createTreeView: () => inert('TreeView'),
      createStatusBarItem: () => inert('StatusBarItem'),
      onDidChangeActiveTextEditor: noEvent,
      onDidChangeWindowState: noEvent,
      activeTextEditor: undefined,
      state: { focused: true },
    },
    env: { language: 'en', machineId: 'bench', sessionId: 'bench', appName: 'Visual Studio Code', uiKind: 1, remoteName: undefined },
    l10n: { t: (message: string | { message: string }, ...args: unknown[]) => (typeof message === 'string' ? message : message.message).replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])), bundle: undefined, uri: undefined },
    extensions: { getExtension: () => undefined, onDidChange: noEvent },
    // Namespaces and enums activation touches without modelling them: listed so esbuild's ESM interop,
    // which copies only the module's own keys, keeps them; their members fall back to `inert`.
    languages: {},
    lm: {},
    DocumentDropOrPasteEditKind: {},
    CodeActionKind: {},
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    UIKind: { Desktop: 1, Web: 2 },
    LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
  };
  return api;
}

/** Wraps each namespace so unknown members fall back to the inert proxy. */
function withFallback(object: Record<string, unknown>, name: string): unknown {
  return new Proxy(object, {
    get(target, key) {
      if (typeof key === 'symbol') return Reflect.get(target, key);
      if (key in target) {
        const value = target[key];
        const isNamespace = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
        return isNamespace ? withFallback(value as Record<string, unknown>, `${name}.${key}`) : value;
      }
      if (key === 'then' || key === '__esModule') return undefined;
      return inert(`${name}.${key}`);
    },
  });
}

/** A fake ExtensionContext rooted at the repository (media/, package.json). */
export function standInContext(extensionRoot: string, storageRoot: string): Record<string, unknown> {
  const uri = StandInUri.file(extensionRoot);
  return withFallback(
    {
      subscriptions: [] as { dispose(): unknown }[],
      extensionUri: uri,
      extensionPath: extensionRoot,
      asAbsolutePath: (p: string) => path.join(extensionRoot, p),
      globalState: memento(),
      workspaceState: memento(),
      secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: noEvent },
      globalStorageUri: StandInUri.file(path.join(storageRoot, 'global')),
      storageUri: StandInUri.file(path.join(storageRoot, 'workspace')),
      logUri: StandInUri.file(path.join(storageRoot, 'log')),
      globalStoragePath: path.join(storageRoot, 'global'),
      storagePath: path.join(storageRoot, 'workspace'),
      logPath: path.join(storageRoot, 'log'),
      extensionMode: 1,
      extension: { id: 'segmind-studio.segmind-image-studio', extensionUri: uri, extensionPath: extensionRoot, packageJSON: {}, isActive: true },
      environmentVariableCollection: inert('environmentVariableCollection'),
      languageModelAccessInformation: inert('languageModelAccessInformation'),
    },
    'context',
  ) as Record<string, unknown>;
}

const VSCODE_ID = '\0vscode-standin';

/** Makes `require('vscode')` return the stand-in from now on in this process. */
export function installVscodeStandIn(): void {
  const moduleApi = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
    _cache: Record<string, unknown>;
  };
  const original = moduleApi._resolveFilename;
  moduleApi._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? VSCODE_ID : original.call(this, request, ...rest);
  };
  const exportsObject = withFallback(buildApi(), 'vscode');
  moduleApi._cache[VSCODE_ID] = { id: VSCODE_ID, filename: VSCODE_ID, loaded: true, exports: exportsObject, children: [], paths: [] };
}
