// The language model tool's entry in package.json, whose inputSchema is a generated copy of
// src/agentTool/schema.ts (VS Code reads the manifest before the extension runs).
import fs from 'node:fs';
import path from 'node:path';
import { TOOL_NAME } from '../../src/agentTool/contributions';
import { toolInputSchema } from '../../src/agentTool/schema';
import { repoRoot } from '../launcher/deps';

export const MANIFEST_PATH = path.join(repoRoot, 'package.json');

interface ToolContribution { name: string; inputSchema?: unknown; [key: string]: unknown }
interface Manifest { contributes?: { languageModelTools?: ToolContribution[] } }

export function readManifest(): Manifest {
  return JSON.parse(fs.readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;
}

/** The tool's contribution in `manifest`; undefined when it is not contributed. */
export function contributedTool(manifest: Manifest): ToolContribution | undefined {
  return manifest.contributes?.languageModelTools?.find((t) => t.name === TOOL_NAME);
}

/** Rewrites package.json with the generated schema; false when it already had it. */
export function writeGeneratedSchema(): boolean {
  const manifest = readManifest();
  const tool = contributedTool(manifest);
  if (!tool) throw new Error(`package.json contributes no languageModelTools entry named ${TOOL_NAME}`);
  const generated = toolInputSchema();
  if (JSON.stringify(tool.inputSchema) === JSON.stringify(generated)) return false;
  tool.inputSchema = generated;
  fs.writeFileSync(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
  return true;
}
