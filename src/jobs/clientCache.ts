// Loads the HTTP stack (dist/http.js: undici, transport, client) on first use, so activation never
// pays for it, and keeps one client per configuration (its connection pool is reused).
import type * as Http from '../httpBundle';
import type { Logger } from '../logging/log';
import type { SettingsSnapshot } from '../settings/snapshot';

type HttpModule = typeof Http;
export type SegmindClient = InstanceType<HttpModule['SegmindClient']>;

let loaded: HttpModule | undefined;

/** The lazily required HTTP bundle. The path is relative to the bundle holding this code (in dist/) at run time. */
export function loadHttp(): HttpModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./http') as HttpModule;
  return loaded;
}

export class ClientCache {
  private current: { signature: string; client: SegmindClient } | undefined;

  constructor(private readonly logger: Logger, private readonly userAgent: string) {}

  get(settings: SettingsSnapshot, apiKey: string): SegmindClient {
    // The key is part of the identity but is never stored in clear outside the client.
    const signature = JSON.stringify([settings.apiBaseUrl, settings.requestTimeoutSeconds, settings.proxyUrl, settings.strictSSL, fingerprint(apiKey)]);
    if (this.current?.signature === signature) return this.current.client;
    const old = this.current?.client;
    const { SegmindClient } = loadHttp();
    const client = new SegmindClient({
      baseUrl: settings.apiBaseUrl,
      apiKey,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      ...(settings.proxyUrl ? { proxyUrl: settings.proxyUrl } : {}),
      strictSSL: settings.strictSSL,
      logger: this.logger,
      userAgent: this.userAgent,
    });
    this.current = { signature, client };
    // Jobs still running on the old client keep it until they finish; closing waits for them.
    if (old) void old.dispose().catch(() => undefined);
    return client;
  }

  dispose(): void {
    void this.current?.client.dispose().catch(() => undefined);
    this.current = undefined;
  }
}

/** A short, non-reversible tag of the key (FNV-1a), so the cache can tell keys apart. */
function fingerprint(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}
