// The output folder setting: expand its variables and refuse anything that could leave the
// workspace folder. Pure: returns workspace-relative path segments or a typed error.
import { DEFAULT_SETTINGS } from '../settings/snapshot';
import { RESERVED_NAMES, formatDate } from './fileName';

/** How every refusal of an output folder ends: what to use instead. */
export const USE_A_WORKSPACE_FOLDER = `Use a folder inside the workspace, such as "${DEFAULT_SETTINGS.outputFolder}".`;

export interface OutputFolderVariables {
  readonly date: Date;
  readonly model: string;
  /** Workspace-relative POSIX folder of the active document ('' at the root, undefined without one). */
  readonly documentDir?: string;
}

export type OutputFolderErrorKind = 'empty' | 'absolute' | 'drive' | 'parent' | 'invalid-character' | 'reserved-name';

export class OutputFolderError extends Error {
  constructor(readonly kind: OutputFolderErrorKind, readonly folder: string, message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

export type OutputFolderResult =
  | { readonly ok: true; readonly segments: readonly string[]; readonly path: string }
  | { readonly ok: false; readonly error: OutputFolderError };

// eslint-disable-next-line no-control-regex
const INVALID_SEGMENT_CHARACTERS = /[<>:"|?*\u0000-\u001f\u007f]/;

function refuse(kind: OutputFolderErrorKind, folder: string, why: string): OutputFolderResult {
  return {
    ok: false,
    error: new OutputFolderError(
      kind,
      folder,
      `The output folder "${folder}" ${why}. ${USE_A_WORKSPACE_FOLDER}`,
    ),
  };
}

/** Expands ${date}, ${model}, ${documentDir}; unknown variables stay as text (and are then checked). */
export function expandOutputFolder(template: string, vars: OutputFolderVariables): string {
  const values: Record<string, string> = {
    date: formatDate(vars.date),
    model: vars.model,
    documentDir: vars.documentDir ?? '',
  };
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * Workspace-relative segments of the output folder, or why it is refused: absolute paths, drive
 * letters, UNC paths, `..` segments and characters no OS accepts in a folder name. '' is the root.
 */
export function resolveOutputFolder(template: string, vars: OutputFolderVariables): OutputFolderResult {
  const raw = template.trim();
  let expanded = expandOutputFolder(raw, vars).trim();
  // An empty ${documentDir} must not turn "${documentDir}/img" into the absolute "/img".
  if (!/^[/\\]/.test(raw)) expanded = expanded.replace(/^[/\\]+/, '');
  const checked = checkRelativePath(expanded);
  if (!checked.ok) return refuse(checked.kind, expanded, checked.why);
  return { ok: true, segments: checked.segments, path: checked.segments.join('/') };
}

export type RelativePathCheck =
  | { readonly ok: true; readonly segments: readonly string[] }
  | { readonly ok: false; readonly kind: OutputFolderErrorKind; readonly why: string };

/**
 * The segments of a workspace-relative path (no variables), or why it could leave the workspace or
 * name something an OS refuses; `why` follows the path in a sentence ("… goes up out of the workspace").
 */
export function checkRelativePath(relative: string): RelativePathCheck {
  const refused = (kind: OutputFolderErrorKind, why: string): RelativePathCheck => ({ ok: false, kind, why });
  if (/^[a-zA-Z]:/.test(relative)) return refused('drive', 'is on a drive, not in the workspace');
  if (/^[/\\]/.test(relative) || /^~(?:[/\\]|$)/.test(relative)) return refused('absolute', 'is an absolute path, not in the workspace');
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative)) return refused('absolute', 'is a URI, not a workspace folder');
  const segments = relative.split(/[/\\]+/).filter((s) => s !== '' && s !== '.');
  for (const segment of segments) {
    if (segment === '..') return refused('parent', 'goes up out of the workspace ("..")');
    if (INVALID_SEGMENT_CHARACTERS.test(segment)) return refused('invalid-character', 'contains characters that are not allowed in folder names');
    if (/[. ]$/.test(segment)) return refused('invalid-character', 'has a folder name that ends with a dot or space');
    if (RESERVED_NAMES.test(segment.split('.')[0]?.trim() ?? '')) return refused('reserved-name', `uses "${segment}", a name Windows reserves for devices`);
    if (/\p{Cf}/u.test(segment)) return refused('invalid-character', 'contains invisible formatting characters');
  }
  return { ok: true, segments };
}
