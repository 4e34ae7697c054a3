// The presets a workspace adds in `.vscode/segmind-presets.json` (each folder of a multi-root
// workspace may have one), re-read when a file changes. Ignored in an untrusted workspace, like
// `segmind.defaultParameters`: a cloned repository does not choose what you are billed for.
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle';
import { parsePresetsFile, type PresetList } from '../shared/presets';

export const WORKSPACE_PRESETS_FILE = '.vscode/segmind-presets.json';

export class WorkspacePresets extends Disposable {
  private list: PresetList = { presets: [], problems: [] };
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private reading: Promise<void> = Promise.resolve();

  constructor() {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${WORKSPACE_PRESETS_FILE}`));
    const reread = (): void => void this.refresh();
    this._register(watcher.onDidCreate(reread));
    this._register(watcher.onDidChange(reread));
    this._register(watcher.onDidDelete(reread));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(reread));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(reread));
    reread();
  }

  current(): PresetList {
    return this.list;
  }

  /** Resolves once the files have been read (after the latest change). */
  refresh(): Promise<void> {
    this.reading = this.reading.then(async () => {
      this.list = await readAll();
      this.changed.fire();
    });
    return this.reading;
  }
}

async function readAll(): Promise<PresetList> {
  if (!vscode.workspace.isTrusted) return { presets: [], problems: [] };
  const presets: PresetList['presets'] = [];
  const problems: string[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, ...WORKSPACE_PRESETS_FILE.split('/'));
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      continue; // no file: no workspace presets
    }
    const parsed = parsePresetsFile(text, presetsFileLabel(uri));
    for (const preset of parsed.presets) if (!presets.some((p) => p.name === preset.name)) presets.push(preset);
    problems.push(...parsed.problems);
  }
  return { presets, problems };
}

/** The file as the user knows it: `.vscode/segmind-presets.json`, with its folder's name in a multi-root workspace. */
export function presetsFileLabel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}
