// Where the key may go (segmind.apiBaseUrl: https, or http only to loopback) and what the log
// redactor removes before a line reaches the output channel. Pure modules of the editor side.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Redactor } from '../../../src/logging/redact';
import { apiBaseUrlProblem, buildSnapshot, settingsProblemMessage } from '../../../src/settings/snapshot';
import { CaseTable, KNOWN_KEY } from '../../hardening/fixtures';

const table = new CaseTable();
after(() => table.print('segmind.apiBaseUrl values (user settings)'));

describe('hardening: segmind.apiBaseUrl', () => {
  const refused = [
    'http://evil.example',
    'http://api.segmind.com',
    'http://localhost.evil.example',
    'http://127.0.0.1.nip.io',
    'http://localhost@evil.example',
    'https://user:pw@api.segmind.com',
    'https://:pw@api.segmind.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ftp://api.segmind.com',
    'ws://127.0.0.1:1',
    'api.segmind.com',
    '',
    ' ',
  ];
  for (const url of refused) {
    it(`refuses ${JSON.stringify(url)} and falls back to https://api.segmind.com, blocking generation`, () => {
      const problem = apiBaseUrlProblem(url);
      assert.ok(problem, 'refused');
      assert.match(problem, /segmind\.apiBaseUrl/);
      assert.ok(!problem.includes('pw@'), 'credentials are not echoed');
      const snapshot = buildSnapshot({ apiBaseUrl: url });
      assert.equal(snapshot.apiBaseUrl, 'https://api.segmind.com');
      assert.ok(settingsProblemMessage(snapshot.problems)?.startsWith('Fix your Segmind settings first: '));
      table.add({ case: `apiBaseUrl ${JSON.stringify(url)}`, outcome: problem, submitsAccepted: 0, written: 'nothing' });
    });
  }

  const allowed = ['https://api.segmind.com', 'https://gateway.example.com/segmind/', 'http://localhost:8080', 'http://127.0.0.1:41234', 'http://[::1]:9000', 'http://127.1:1'];
  for (const url of allowed) {
    it(`allows ${url}`, () => {
      assert.equal(apiBaseUrlProblem(url), undefined);
    });
  }

  it('a setting value that is not a string is refused, never coerced', () => {
    for (const value of [42, true, ['https://api.segmind.com'], { url: 'x' }]) {
      const snapshot = buildSnapshot({ apiBaseUrl: value });
      assert.equal(snapshot.apiBaseUrl, 'https://api.segmind.com');
      assert.ok(snapshot.problems.length > 0);
    }
  });
});

describe('hardening: log redaction', () => {
  it('removes a known key wherever it appears, and any x-api-key value even if unknown', () => {
    const redactor = new Redactor();
    redactor.add(KNOWN_KEY);
    const lines = [
      `request failed: key ${KNOWN_KEY} rejected`,
      `{"headers":{"x-api-key":"${KNOWN_KEY}"}}`,
      'x-api-key: SG_someOtherKey123456',
      "'x-api-key': 'SG_another_one_7890'",
      `url https://x.example/?k=${encodeURIComponent(KNOWN_KEY)}`,
      `${KNOWN_KEY}${KNOWN_KEY}`,
    ];
    for (const line of lines) {
      const out = redactor.redact(line);
      assert.ok(!out.includes(KNOWN_KEY), out);
      assert.ok(!/SG_someOtherKey|SG_another_one/.test(out), out);
    }
  });

  it('a key with regular-expression characters is redacted literally', () => {
    const redactor = new Redactor();
    const key = 'a.b*c+d?(e)[f]{g}|h^$\\i';
    redactor.add(key);
    assert.equal(redactor.redact(`x ${key} y`), 'x [redacted] y');
    assert.equal(redactor.redact('x a-b-c y'), 'x a-b-c y');
  });
});
