// Prepares the user-data folder that .vscode/launch.json's "Run Extension" and "Extension Tests"
// give the Extension Development Host: user settings pointing the extension at the emulator that
// the "emulator" task starts on a fixed port (segmind.apiBaseUrl is an application setting, so it
// cannot come from the workspace), the sample workspace for "Run Extension"
// (test-output/sample-workspace, kept) and a fresh copy of it for "Extension Tests"
// (.vscode-test/test-workspace: tests write images into it). Used by F5 in desktop VS Code only.
import fs from 'node:fs';
import path from 'node:path';
import { root } from './lib.mjs';

export const DEV_EMULATOR_URL = 'http://127.0.0.1:41999';
const dir = path.join(root, '.vscode-test', 'user-data', 'User');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, 'settings.json');
let settings = {};
try {
  settings = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch {
  // first run
}
Object.assign(settings, { 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'segmind.apiBaseUrl': DEV_EMULATOR_URL });
fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
console.log(`[dev-host] ${path.relative(root, file)}: segmind.apiBaseUrl = ${DEV_EMULATOR_URL}`);

const fixture = path.join(root, 'test', 'fixtures', 'workspace');
const sample = path.join(root, 'test-output', 'sample-workspace');
if (!fs.existsSync(sample)) fs.cpSync(fixture, sample, { recursive: true });
const testWorkspace = path.join(root, '.vscode-test', 'test-workspace');
fs.rmSync(testWorkspace, { recursive: true, force: true });
fs.cpSync(fixture, testWorkspace, { recursive: true });
