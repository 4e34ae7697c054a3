// The extension's settings, validated into one readonly snapshot. Pure (no vscode): the service
// hands in the raw values. A bad value falls back to its default and is reported in `problems`,
// which block generation with a message that names the setting.
import { DEFAULT_MODEL, isModelSlug, MODEL_SLUGS, type ModelSlug } from '../shared/catalog';

export interface SettingsSnapshot {
  readonly defaultModel: ModelSlug;
  readonly defaultParameters: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly outputFolder: string;
  readonly fileNameTemplate: string;
  readonly insertAfterSave: boolean;
  readonly embedMetadata: boolean;
  readonly requestMode: 'async' | 'sync';
  readonly requestTimeoutSeconds: number;
  readonly confirmImageCount: number;
  /** The gallery's thumbnail cache budget, in MB. */
  readonly thumbnailCacheMB: number;
  /**
   * `segmind.presets` as written: the preset library (src/presets/, loaded on first use) validates
   * it, so activation does not load the validator.
   */
  readonly presets: unknown;
  /** `segmind.queue.concurrency`: how many jobs of a prompt queue run at once. */
  readonly queueConcurrency: number;
  readonly apiBaseUrl: string;
  /** `http.proxy` / `http.proxyStrictSSL`, honoured by the transport. */
  readonly proxyUrl?: string;
  readonly strictSSL: boolean;
  /** One sentence per invalid setting. */
  readonly problems: readonly string[];
}

export const DEFAULT_SETTINGS: Omit<SettingsSnapshot, 'problems' | 'proxyUrl'> = {
  defaultModel: DEFAULT_MODEL,
  defaultParameters: {},
  outputFolder: 'assets/generated',
  fileNameTemplate: '${prompt}-${seed}',
  insertAfterSave: true,
  embedMetadata: true,
  requestMode: 'async',
  requestTimeoutSeconds: 600,
  confirmImageCount: 4,
  thumbnailCacheMB: 200,
  presets: [],
  queueConcurrency: 2,
  apiBaseUrl: 'https://api.segmind.com',
  strictSSL: true,
};

/** Settings whose key under `segmind.` differs from their snapshot name. */
export const SETTING_KEYS: Partial<Record<keyof typeof DEFAULT_SETTINGS, string>> = { queueConcurrency: 'queue.concurrency' };

export type RawSettings = Partial<Record<keyof typeof DEFAULT_SETTINGS | 'proxyUrl', unknown>>;

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/** Why `value` is not an acceptable API base URL, or undefined. http only for loopback hosts. */
export function apiBaseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `segmind.apiBaseUrl must be a URL such as https://api.segmind.com (got "${value}")`;
  }
  if (url.username || url.password) return 'segmind.apiBaseUrl must not contain a user name or password';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return undefined;
  if (url.protocol === 'http:') return `segmind.apiBaseUrl must use https:// (plain http:// is only allowed for localhost), got "${value}"`;
  return `segmind.apiBaseUrl must start with https:// (got "${value}")`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates raw values; invalid ones keep their default and add a problem. */
export function buildSnapshot(raw: RawSettings): SettingsSnapshot {
  const problems: string[] = [];
  const pick = <T>(name: keyof typeof DEFAULT_SETTINGS, ok: (v: unknown) => v is T, describe: string): T => {
    const value = raw[name];
    if (value === undefined || value === null) return DEFAULT_SETTINGS[name] as T;
    if (ok(value)) return value;
    problems.push(`segmind.${SETTING_KEYS[name] ?? name} must be ${describe} (got ${JSON.stringify(value)})`);
    return DEFAULT_SETTINGS[name] as T;
  };
  const isString = (v: unknown): v is string => typeof v === 'string';
  const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
  const inRange = (min: number, max: number, int: boolean) => (v: unknown): v is number =>
    typeof v === 'number' && v >= min && v <= max && (!int || Number.isInteger(v));

  const defaultModel = pick<ModelSlug>('defaultModel', isModelSlug, `one of ${MODEL_SLUGS.join(', ')}`);
  const defaultParameters = pick<Record<string, Record<string, unknown>>>(
    'defaultParameters',
    (v): v is Record<string, Record<string, unknown>> => isPlainObject(v) && Object.values(v).every(isPlainObject),
    'an object keyed by model id, each value an object of parameters',
  );
  for (const [key, params] of Object.entries(defaultParameters)) {
    if (!isModelSlug(key)) problems.push(`segmind.defaultParameters has an unknown model "${key}" (use ${MODEL_SLUGS.join(' or ')})`);
    else if ('prompt' in params) problems.push(`segmind.defaultParameters["${key}"] must not contain "prompt"`);
  }
  const fileNameTemplate = pick<string>('fileNameTemplate', (v): v is string => isString(v) && v.trim() !== '', 'a non-empty text');
  const apiBaseUrl = pick<string>('apiBaseUrl', isString, 'a URL');
  const urlProblem = apiBaseUrlProblem(apiBaseUrl);
  if (urlProblem) problems.push(urlProblem);
  const proxy = typeof raw.proxyUrl === 'string' && raw.proxyUrl.trim() ? raw.proxyUrl.trim() : undefined;

  return {
    defaultModel,
    defaultParameters,
    outputFolder: pick<string>('outputFolder', isString, 'a workspace-relative folder'),
    fileNameTemplate,
    insertAfterSave: pick<boolean>('insertAfterSave', isBool, 'true or false'),
    embedMetadata: pick<boolean>('embedMetadata', isBool, 'true or false'),
    requestMode: pick<'async' | 'sync'>('requestMode', (v): v is 'async' | 'sync' => v === 'async' || v === 'sync', '"async" or "sync"'),
    requestTimeoutSeconds: pick<number>('requestTimeoutSeconds', inRange(10, 3600, false), 'a number of seconds from 10 to 3600'),
    confirmImageCount: pick<number>('confirmImageCount', inRange(1, 40, true), 'an integer from 1 to 40'),
    thumbnailCacheMB: pick<number>('thumbnailCacheMB', inRange(10, 10_000, false), 'a number of MB from 10 to 10000'),
    presets: raw.presets ?? [],
    queueConcurrency: pick<number>('queueConcurrency', inRange(1, 8, true), 'an integer from 1 to 8'),
    apiBaseUrl: urlProblem ? DEFAULT_SETTINGS.apiBaseUrl : apiBaseUrl.replace(/\/+$/, ''),
    ...(proxy ? { proxyUrl: proxy } : {}),
    strictSSL: pick<boolean>('strictSSL', isBool, 'true or false'),
    problems,
  };
}

/** The message that blocks a generation while a setting is invalid. */
export function settingsProblemMessage(problems: readonly string[]): string | undefined {
  if (problems.length === 0) return undefined;
  return `Fix your Segmind settings first: ${problems.join('; ')}.`;
}
