// Pure helper for the panel's localResourceRoots (kept apart from vscode code so it is unit-tested).

/** The part of an output folder template before its first variable, e.g. `assets/gen` for `assets/gen/${date}`. */
export function staticPrefix(template: string): string {
  const segments = template.replace(/\\/g, '/').split('/');
  const fixed: string[] = [];
  for (const segment of segments) {
    if (segment.includes('${') || segment === '..') break;
    if (segment && segment !== '.') fixed.push(segment);
  }
  return fixed.join('/');
}
