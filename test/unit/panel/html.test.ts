// The panel page: strict CSP with a nonce for the one script, no inline code, escaped initial data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, renderPage, escapeHtml } from '../../../src/panel/html';
import { staticPrefix } from '../../../src/panel/staticPrefix';

const parts = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: '3b1c2f0e-9d7a-4e63-a1b2-0c9d8e7f6a5b',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css',
  title: 'Segmind Image Generator',
  initialData: { model: 'stable-diffusion-3.5-large-txt2img', userDefaults: {}, prompt: '"></main><script>alert(1)</script>', platform: 'other' as const },
};

test('the CSP allows nothing but our script (by nonce), styles, fonts and images from the webview source', () => {
  const csp = contentSecurityPolicy(parts.cspSource, parts.nonce);
  assert.match(csp, /^default-src 'none'; /);
  assert.ok(csp.includes(`script-src 'nonce-${parts.nonce}'`));
  assert.ok(csp.includes(`style-src ${parts.cspSource}`));
  assert.ok(csp.includes(`img-src ${parts.cspSource}`));
  assert.ok(!csp.includes('unsafe-inline'));
  assert.ok(!csp.includes('unsafe-eval'));
  assert.ok(!/https?:\/\/(?!file\+)/.test(csp), 'no remote origin');
});

test('the page has exactly one script, carrying the nonce, and escaped initial data', () => {
  const html = renderPage(parts);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)];
  assert.equal(scripts.length, 1);
  assert.ok(scripts[0]?.[0].includes(`nonce="${parts.nonce}"`));
  assert.ok(!/\son\w+=/.test(html), 'no inline event handlers');
  assert.ok(!html.includes('<script>alert'), 'the prompt cannot break out of data-init');
  const data = /data-init="([^"]*)"/.exec(html)?.[1] ?? '';
  const decoded = data.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  assert.deepEqual(JSON.parse(decoded), parts.initialData);
});

test('escapeHtml escapes the five special characters', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
});

test('the thumbnail root is the output folder up to its first variable', () => {
  assert.equal(staticPrefix('assets/generated'), 'assets/generated');
  assert.equal(staticPrefix('assets/${date}/x'), 'assets');
  assert.equal(staticPrefix('${documentDir}/img'), '');
  assert.equal(staticPrefix('./img\\gen'), 'img/gen');
  assert.equal(staticPrefix('img/../../etc'), 'img');
});
