// Which output URLs the client may download. A result could point anywhere (a compromised or
// spoofed answer, a proxy rewriting bodies): only http(s), and never a private or loopback address
// unless it is the API's own host (or the host of the status/response URLs the API gave us).
import { isIP } from 'node:net';
import { SegmindError, type SegmindErrorDetails } from './errors';

function ipv4Parts(host: string): number[] | undefined {
  if (isIP(host) !== 4) return undefined;
  return host.split('.').map(Number);
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:1.2.3.4, or as URL writes it, ::ffff:102:304). */
function mappedIpv4(host: string): string | undefined {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
  if (dotted) return dotted;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!hex) return undefined;
  const [hi, lo] = [parseInt(hex[1] ?? '0', 16), parseInt(hex[2] ?? '0', 16)];
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Lower case, without IPv6 brackets or the trailing dot of a fully qualified name ("localhost."). */
function normalizeHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '').toLowerCase();
}

/** Loopback: 127/8, ::1, localhost and *.localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = normalizeHost(hostname);
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return (ipv4Parts(mappedIpv4(host) ?? host)?.[0] ?? -1) === 127;
}

/** Private, link-local, unspecified, CGNAT or loopback addresses (literal IPs and localhost names). */
export function isPrivateHost(hostname: string): boolean {
  const host = normalizeHost(hostname);
  if (isLoopbackHost(host)) return true;
  const v4 = ipv4Parts(mappedIpv4(host) ?? host);
  if (v4) {
    const [a = 0, b = 0] = v4;
    return a === 0 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) ||
      (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (isIP(host) === 6) return host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  return host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.');
}

/**
 * Refuses an output URL that is not http(s) or that points at a private host other than the trusted
 * ones. When the API itself is on loopback (the emulator, a local gateway), loopback is trusted too.
 */
export function checkOutputUrl(raw: string, trustedOrigins: readonly string[], details: SegmindErrorDetails = {}): URL {
  const shown = raw.length > 80 ? `${raw.slice(0, 80)}…` : raw;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SegmindError('malformed', `The server returned an output that is not a valid URL (${shown}).`, details);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SegmindError('malformed', `The server returned an output URL with the ${url.protocol} scheme, which is refused: only http and https images are downloaded.`, details);
  }
  if (url.username || url.password) {
    throw new SegmindError('malformed', 'The server returned an output URL with embedded credentials, which is refused.', details);
  }
  const trustedHosts = trustedOrigins.map((o) => normalizeHost(new URL(o).hostname));
  const trustLoopback = trustedHosts.some(isLoopbackHost);
  const host = normalizeHost(url.hostname);
  if (isPrivateHost(host) && !trustedHosts.includes(host) && !(trustLoopback && isLoopbackHost(host))) {
    throw new SegmindError('malformed', `The server returned an output URL on a private or local address (${url.host}), which is refused.`, details);
  }
  return url;
}
