// The shape every benchmark writes, target checks, and the one table `npm run bench` prints.

export type Comparison = '<=' | '>=' | '==';

export interface Target {
  readonly op: Comparison;
  readonly limit: number;
}

export interface Metric {
  readonly label: string;
  /** null when it could not be measured (see the result's error). */
  readonly value: number | null;
  readonly unit: string;
  readonly target?: Target;
  /** Free text shown after the figure, e.g. the baseline's value in the same run. */
  readonly note?: string;
  /** Set when the figure was deliberately not measured (e.g. no .vsix built): not a failure. */
  readonly skipped?: boolean;
}

export interface BenchResult {
  readonly name: string;
  readonly title: string;
  readonly metrics: Metric[];
  /** Anything worth keeping in results.json: seeds, per-job samples, top contributors. */
  readonly details?: unknown;
  readonly error?: string;
}

export function meets(value: number | null, target: Target): boolean {
  if (value === null || Number.isNaN(value)) return false;
  switch (target.op) {
    case '<=':
      return value <= target.limit;
    case '>=':
      return value >= target.limit;
    case '==':
      return value === target.limit;
  }
}

/** value / limit, the share of the budget used (for '<=' targets below 1 is a pass). */
export function budgetRatio(value: number | null, target: Target | undefined): number | null {
  if (value === null || !target || target.limit === 0 || Number.isNaN(value)) return null;
  return value / target.limit;
}

export function formatNumber(value: number | null, unit: string): string {
  if (value === null || Number.isNaN(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toFixed(digits);
  return unit ? `${text} ${unit}` : text;
}

export type Verdict = 'pass' | 'FAIL' | 'info' | 'ERROR' | 'skipped';

export function verdict(metric: Metric, result: BenchResult): Verdict {
  if (metric.value === null && metric.skipped) return 'skipped';
  if (metric.value === null && result.error) return 'ERROR';
  if (!metric.target) return 'info';
  return meets(metric.value, metric.target) ? 'pass' : 'FAIL';
}

export interface TableRow {
  readonly bench: string;
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly ratio: string;
  readonly verdict: Verdict;
  readonly note: string;
}

export function tableRows(results: readonly BenchResult[]): TableRow[] {
  const rows: TableRow[] = [];
  for (const result of results) {
    if (result.metrics.length === 0) {
      rows.push({ bench: result.title, metric: '(no figures)', value: 'n/a', target: '', ratio: '', verdict: 'ERROR', note: firstLine(result.error ?? '') });
    }
    for (const metric of result.metrics) {
      const ratio = budgetRatio(metric.value, metric.target);
      rows.push({
        bench: result.title,
        metric: metric.label,
        value: formatNumber(metric.value, metric.unit),
        target: metric.target ? `${metric.target.op} ${formatNumber(metric.target.limit, metric.unit)}` : '',
        ratio: ratio === null ? '' : ratio.toFixed(2),
        verdict: verdict(metric, result),
        note: metric.note ?? (metric.value === null && result.error ? firstLine(result.error) : ''),
      });
    }
  }
  return rows;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

/** Fixed-width text table (also valid Markdown). */
export function renderTable(rows: readonly TableRow[]): string {
  const header = ['benchmark', 'figure', 'measured', 'target', 'of target', 'result', 'note'];
  const cells = rows.map((r) => [r.bench, r.metric, r.value, r.target, r.ratio, r.verdict, r.note]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/** `--name value` from argv. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
