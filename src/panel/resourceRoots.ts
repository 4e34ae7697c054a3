// What the panel's webview may load: the built assets and, for thumbnails, the output folder.
import * as vscode from 'vscode';
import { staticPrefix } from './staticPrefix';

/** dist/ for the bundle, and the fixed start of the output folder in each workspace folder for thumbnails. */
export function localResourceRoots(extensionUri: vscode.Uri, outputFolder: string): vscode.Uri[] {
  const roots = [vscode.Uri.joinPath(extensionUri, 'dist')];
  const fixed = staticPrefix(outputFolder);
  for (const workspaceFolder of vscode.workspace.workspaceFolders ?? []) {
    roots.push(fixed ? vscode.Uri.joinPath(workspaceFolder.uri, fixed) : workspaceFolder.uri);
  }
  return roots;
}

/** True when `uri` is below `root` (same scheme and authority). */
export function isInside(uri: vscode.Uri, root: vscode.Uri): boolean {
  if (uri.scheme !== root.scheme || uri.authority !== root.authority) return false;
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path.startsWith(base);
}
