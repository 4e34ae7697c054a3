// What the panel page renders from the extension's messages — including the server's own words
// (a FAILED job's detail, a hostile request id) and file paths from a hostile workspace — must stay
// text: no markup, no event handler, no script survives into the HTML (the CSP is the second wall).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderJob, type JobView } from '../../../media/jobs';
import { JOB_STATES } from '../../../src/shared/protocol';

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "' onmouseover='alert(1)",
  '</article><iframe src="javascript:alert(1)">',
  '&lt;script&gt;',
];

describe('hardening: hostile text in the panel\'s job cards', () => {
  for (const payload of PAYLOADS) {
    for (const state of JOB_STATES) {
      it(`${state}: ${JSON.stringify(payload)} in the prompt, label, error, request id and file path stays text`, () => {
        const job: JobView = {
          jobId: `j${payload}`, state, model: 'stable-diffusion-3.5-large-txt2img', modelName: `SD ${payload}`,
          params: { prompt: payload, steps: 30 }, seed: 7, label: payload, startedAt: 0,
          requestId: payload, error: `The generation failed on Segmind's side: ${payload}.`,
          files: [{ uri: `file:///w/${payload}.png`, path: `assets/${payload}.png`, src: `https://file+.vscode-resource.vscode-cdn.net/w/${payload}.png` }],
        };
        const html = renderJob(job, 1000);
        assert.ok(!html.includes(payload), 'the raw payload is not in the HTML');
        const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
        for (const tag of tags) {
          const name = /^<([a-z]+)/i.exec(tag)?.[1]?.toLowerCase() ?? '';
          assert.ok(['article', 'header', 'span', 'div', 'button', 'img', 'figure', 'figcaption'].includes(name), `unexpected element: ${tag.slice(0, 80)}`);
          // Attribute values are double-quoted and escaped: outside them, no event handler.
          assert.ok(!/\son[a-z]+\s*=/i.test(tag.replace(/"[^"]*"/g, '""')), `event handler in ${tag.slice(0, 120)}`);
        }
        for (const src of html.matchAll(/\ssrc="([^"]*)"/g)) assert.match(src[1] ?? '', /^https:\/\/file\+\.vscode-resource/, 'image sources stay webview resources');
      });
    }
  }
});
