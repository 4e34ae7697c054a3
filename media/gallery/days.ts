// Local calendar days: the grid's groups and its date filter. Pure.

const DAY_MS = 86_400_000;
/** One formatter for every header: `toLocaleDateString` with options builds a new one per call. */
const DAY_LABEL = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

/** YYYY-MM-DD in local time. */
export function dayKey(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "Today", "Yesterday" or e.g. "Mon, 16 Nov 2026". */
export function dayLabel(key: string, now: number): string {
  if (key === dayKey(now)) return 'Today';
  if (key === dayKey(now - DAY_MS)) return 'Yesterday';
  const [y, m, d] = key.split('-').map(Number);
  const date = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  return DAY_LABEL.format(date);
}

export const DATE_RANGES = { any: 'Any time', today: 'Today', week: 'Last 7 days', month: 'Last 30 days', year: 'Last 365 days' } as const;
export type DateRange = keyof typeof DATE_RANGES;

/** The earliest time (epoch ms) a date range lets through: the start of its first local day. */
export function rangeStart(range: DateRange, now: number): number {
  const days = { any: Number.NaN, today: 0, week: 6, month: 29, year: 364 }[range];
  if (Number.isNaN(days)) return Number.NEGATIVE_INFINITY;
  const start = new Date(now - days * DAY_MS);
  start.setHours(0, 0, 0, 0);
  return start.getTime();
}
