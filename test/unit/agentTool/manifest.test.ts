// package.json's tool contribution: its inputSchema is exactly the one generated from the catalog
// (run `node dist/test/manifest/tool-schema.main.js` after a catalog change), and the rest of the
// entry is what VS Code needs to list it and let users reference it with `#`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TOOL_NAME } from '../../../src/agentTool/contributions';
import { toolInputSchema } from '../../../src/agentTool/schema';
import { contributedTool, readManifest } from '../../manifest/toolContribution';
import { repoRoot } from '../../launcher/deps';

describe('the language model tool in package.json', () => {
  const tool = contributedTool(readManifest());

  it('has the inputSchema generated from the catalog (else run node dist/test/manifest/tool-schema.main.js)', () => {
    assert.ok(tool, `no languageModelTools entry named ${TOOL_NAME}`);
    assert.deepEqual(tool.inputSchema, toolInputSchema());
  });

  it('can be referenced in chat, describes itself to a model, and its strings are localised', () => {
    assert.equal(tool?.toolReferenceName, 'segmindImage');
    assert.equal(tool?.canBeReferencedInPrompt, true);
    assert.match(String(tool?.modelDescription), /Use it when .* It returns text only/s);
    const nls = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
    for (const key of [tool?.displayName, tool?.userDescription]) {
      const id = /^%(.+)%$/.exec(String(key))?.[1];
      assert.ok(id && nls[id], `${String(key)} is in package.nls.json`);
    }
  });
});
