// The parts of undici the transport uses, required by path: undici's index pulls in fetch,
// WebSocket, caches and mocks too, which would double the lazily loaded bundle (~590 KB → ~310 KB).
// Types still come from undici's own declarations. The unit tests run this same code path.
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as Undici from 'undici';

const DispatcherClass = require('undici/lib/dispatcher/dispatcher') as { prototype: object };
const apiRequest = require('undici/lib/api/api-request') as (this: Undici.Dispatcher, opts: Undici.Dispatcher.RequestOptions) => Promise<Undici.Dispatcher.ResponseData>;
// What undici's index does (`Object.assign(Dispatcher.prototype, api)`), limited to the two methods
// in use: request, and connect (ProxyAgent opens its CONNECT tunnel with it).
Object.assign(DispatcherClass.prototype, { request: apiRequest, connect: require('undici/lib/api/api-connect') });

export const Agent = require('undici/lib/dispatcher/agent') as typeof Undici.Agent;
export const ProxyAgent = require('undici/lib/dispatcher/proxy-agent') as typeof Undici.ProxyAgent;
export const EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent') as typeof Undici.EnvHttpProxyAgent;

/** undici's request() on an explicit dispatcher (what `request(url, { dispatcher })` does). */
export function request(
  url: URL,
  opts: Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Undici.Dispatcher },
): Promise<Undici.Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = opts;
  return apiRequest.call(dispatcher, { ...rest, origin: url.origin, path: `${url.pathname}${url.search}` });
}
