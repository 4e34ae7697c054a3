// Registers the language model tool that lets coding agents (and other extensions) generate images.
// VS Code lists it from activation on; the tool itself (src/agentTool/tool.ts, in dist/features.js)
// is built when an agent first prepares or invokes it.
import * as vscode from 'vscode';
import { TOOL_NAME } from './contributions';
import type { GenerateImageTool } from './tool';

export function registerAgentTool(tool: () => GenerateImageTool): vscode.Disposable {
  return vscode.lm.registerTool<unknown>(TOOL_NAME, {
    prepareInvocation: (options) => tool().prepareInvocation(options),
    invoke: (options, token) => tool().invoke(options, token),
  });
}
