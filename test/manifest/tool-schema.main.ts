// Writes the tool's generated inputSchema into package.json (after a catalog change):
//   node esbuild.js && node dist/test/manifest/tool-schema.main.js
// test/unit/agentTool/manifest.test.ts fails until this has been run.
import { MANIFEST_PATH, writeGeneratedSchema } from './toolContribution';

console.log(writeGeneratedSchema() ? `updated the tool's inputSchema in ${MANIFEST_PATH}` : `${MANIFEST_PATH} already has the generated inputSchema`);
