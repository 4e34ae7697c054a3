// Where a reference's target points: a URL, a file outside the workspace, or a workspace-relative path.
// Only text is looked at; whether the file exists is the caller's question.

/** How a language writes targets. */
export interface TargetSyntax {
  /** Targets are URLs: percent-encoded, and `?query` / `#fragment` are not part of the file name. */
  readonly urlEncoded: boolean;
  /** A `/`-rooted target starts at the workspace root (a site root); otherwise it is an absolute OS path. */
  readonly rootedIsWorkspace: boolean;
}

export type Resolution =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'url' }
  | { readonly kind: 'outside-workspace' };

const WINDOWS_ABSOLUTE = /^(?:[a-z]:[\\/]|\\\\)/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Targets that a base directory does not apply to: rooted, absolute or with a scheme. */
const STANDS_ALONE = /^(?:[/\\]|[a-z][a-z0-9+.-]*:)/i;

/**
 * Resolves `target` written in the document at workspace-relative `documentPath`; `baseDirectory`
 * (relative to the document's folder) stands between the two when the language has one.
 */
export function resolveTarget(target: string, documentPath: string, syntax: TargetSyntax, baseDirectory?: string): Resolution {
  const written = target.trim();
  let path = baseDirectory && !STANDS_ALONE.test(written) ? `${baseDirectory.replace(/\/*$/, '/')}${written}` : written;
  // Drive letters look like URL schemes; test them first.
  if (WINDOWS_ABSOLUTE.test(path)) return { kind: 'outside-workspace' };
  if (SCHEME.test(path) || path.startsWith('//')) return { kind: 'url' };
  if (syntax.urlEncoded) path = decodePercent(path.replace(/[?#].*$/s, ''));
  if (path.startsWith('/') && !syntax.rootedIsWorkspace) return { kind: 'outside-workspace' };
  const start = path.startsWith('/') ? [] : documentPath.split('/').slice(0, -1);
  const segments = normalizeSegments(start, path.split('/'));
  return segments ? { kind: 'path', path: segments.join('/') } : { kind: 'outside-workspace' };
}

/** `from` with `steps` applied; undefined when a `..` climbs above the root. */
function normalizeSegments(from: readonly string[], steps: readonly string[]): string[] | undefined {
  const segments = from.filter((s) => s !== '' && s !== '.');
  for (const step of steps) {
    if (step === '' || step === '.') continue;
    if (step !== '..') segments.push(step);
    else if (segments.pop() === undefined) return undefined;
  }
  return segments;
}

function decodePercent(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // a lone '%' is a literal character in the name
  }
}
