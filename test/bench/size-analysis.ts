// Bundle sizes and their biggest contributors, from esbuild's metafile.

export interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

export interface Contributor {
  readonly name: string;
  readonly bytes: number;
}

export interface BundleSize {
  readonly file: string;
  readonly bytes: number;
  /** Largest first. */
  readonly contributors: Contributor[];
}

/**
 * Groups an input path into what a reader would act on: an npm package
 * (`undici`, `@scope/name`), or a source folder (`src/segmind`).
 */
export function contributorName(input: string): string {
  const normalized = input.replace(/\\/g, '/');
  const nm = normalized.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = normalized.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : parts[0] ?? normalized;
  }
  const parts = normalized.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : normalized;
}

export function bundleSizes(meta: Metafile): BundleSize[] {
  return Object.entries(meta.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => {
      const totals = new Map<string, number>();
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        const name = contributorName(input);
        totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
      }
      const contributors = [...totals].map(([name, bytes]) => ({ name, bytes })).filter((c) => c.bytes > 0).sort((a, b) => b.bytes - a.bytes);
      return { file, bytes: output.bytes, contributors };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

/** Shipped = what the .vsix carries: dist/*.js but never the test bundles. */
export function shippedBundles(sizes: readonly BundleSize[]): BundleSize[] {
  return sizes.filter((s) => !s.file.replace(/\\/g, '/').includes('dist/test/'));
}

export function kilobytes(bytes: number): number {
  return bytes / 1024;
}
