import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, apiBaseUrlProblem, buildSnapshot, settingsProblemMessage } from '../../../src/settings/snapshot';
import { Redactor } from '../../../src/logging/redact';

describe('settings snapshot', () => {
  it('uses the defaults when nothing is set', () => {
    const s = buildSnapshot({});
    assert.deepEqual(s.problems, []);
    assert.equal(s.defaultModel, DEFAULT_SETTINGS.defaultModel);
    assert.equal(s.apiBaseUrl, 'https://api.segmind.com');
    assert.equal(s.confirmImageCount, 4);
  });
  it('reports each bad value by setting name and keeps the default', () => {
    const s = buildSnapshot({ defaultModel: 'sdxl', requestMode: 'fast', confirmImageCount: 2.5, requestTimeoutSeconds: 5, fileNameTemplate: '  ', defaultParameters: { sdxl: {} } });
    assert.equal(s.defaultModel, DEFAULT_SETTINGS.defaultModel);
    assert.equal(s.requestMode, 'async');
    assert.deepEqual(s.problems, [
      'segmind.defaultModel must be one of stable-diffusion-3.5-large-txt2img, stable-diffusion-3-medium-txt2img (got "sdxl")',
      'segmind.defaultParameters has an unknown model "sdxl" (use stable-diffusion-3.5-large-txt2img or stable-diffusion-3-medium-txt2img)',
      'segmind.fileNameTemplate must be a non-empty text (got "  ")',
      'segmind.requestMode must be "async" or "sync" (got "fast")',
      'segmind.requestTimeoutSeconds must be a number of seconds from 10 to 3600 (got 5)',
      'segmind.confirmImageCount must be an integer from 1 to 40 (got 2.5)',
    ]);
    assert.match(settingsProblemMessage(s.problems) ?? '', /^Fix your Segmind settings first: segmind\.defaultModel must be/);
  });
  it('refuses "prompt" inside default parameters', () => {
    assert.deepEqual(buildSnapshot({ defaultParameters: { 'stable-diffusion-3-medium-txt2img': { prompt: 'x' } } }).problems, [
      'segmind.defaultParameters["stable-diffusion-3-medium-txt2img"] must not contain "prompt"',
    ]);
  });
  it('allows https everywhere and http only for loopback hosts', () => {
    for (const ok of ['https://api.segmind.com', 'http://127.0.0.1:4000', 'http://localhost:8080/', 'http://[::1]:9000', 'https://proxy.corp:8443/segmind']) {
      assert.equal(apiBaseUrlProblem(ok), undefined, ok);
    }
    assert.match(apiBaseUrlProblem('http://api.segmind.com') ?? '', /must use https:\/\//);
    assert.match(apiBaseUrlProblem('http://127.0.0.1.evil.com') ?? '', /must use https:\/\//);
    assert.match(apiBaseUrlProblem('ftp://x') ?? '', /must start with https/);
    assert.match(apiBaseUrlProblem('not a url') ?? '', /must be a URL/);
    assert.match(apiBaseUrlProblem('https://user:pw@api.segmind.com') ?? '', /user name or password/);
    const bad = buildSnapshot({ apiBaseUrl: 'http://example.com' });
    assert.equal(bad.apiBaseUrl, 'https://api.segmind.com', 'a refused URL never reaches the client');
    assert.equal(buildSnapshot({ apiBaseUrl: 'http://127.0.0.1:1234/' }).apiBaseUrl, 'http://127.0.0.1:1234');
  });
  it('passes the proxy settings through', () => {
    const s = buildSnapshot({ proxyUrl: ' http://proxy:3128 ', strictSSL: false });
    assert.equal(s.proxyUrl, 'http://proxy:3128');
    assert.equal(s.strictSSL, false);
    assert.equal(buildSnapshot({ proxyUrl: '' }).proxyUrl, undefined);
  });
});

describe('log redaction', () => {
  it('removes known secrets and x-api-key values', () => {
    const r = new Redactor();
    r.add('sk-0123456789abcdef');
    r.add('short'); // too short to be a key: ignored
    assert.equal(r.redact('key sk-0123456789abcdef and sk-0123456789abcdef'), 'key [redacted] and [redacted]');
    assert.equal(r.redact('x-api-key: abcdefgh123 next'), 'x-api-key: [redacted] next');
    assert.equal(r.redact('{"x-api-key":"zzzzzzzzzz"}'), '{"x-api-key":"[redacted]"}');
    assert.equal(r.redact('a short word'), 'a short word');
  });
});
