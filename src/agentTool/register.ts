// Registers the language model tool that lets coding agents (and other extensions) generate images.
import type * as vscode from 'vscode';
import { registerImageTool, type ImageToolDeps } from './tool';

export function registerAgentTool(deps: ImageToolDeps): vscode.Disposable {
  return registerImageTool(deps);
}
