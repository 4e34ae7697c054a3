// How the gallery arranges history: filtered by text, grouped by local day, newest first. Pure.
import { dayKey } from '../history/dailyCredits';
import type { HistoryEntry } from '../history/history';

export interface DayGroup {
  /** YYYY-MM-DD in local time; stable id for the tree. */
  readonly key: string;
  /** "Today", "Yesterday" or e.g. "Mon, 16 Nov 2026". */
  readonly label: string;
  readonly entries: readonly HistoryEntry[];
}

/** True when every word of `filter` occurs in the prompt, model, path, seed or request id. */
export function matchesFilter(entry: HistoryEntry, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [entry.prompt, entry.model, entry.path, String(entry.seed), entry.requestId ?? ''].join('\n').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

export function dayLabel(key: string, now: number): string {
  if (key === dayKey(now)) return 'Today';
  if (key === dayKey(now - 86_400_000)) return 'Yesterday';
  const [y, m, d] = key.split('-').map(Number);
  const date = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  return date.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

export function groupByDay(entries: readonly HistoryEntry[], filter: string, now: number): DayGroup[] {
  const sorted = entries.filter((e) => matchesFilter(e, filter)).sort((a, b) => b.createdAt - a.createdAt);
  const groups = new Map<string, HistoryEntry[]>();
  for (const entry of sorted) {
    const key = dayKey(entry.createdAt);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(entry);
  }
  return [...groups].map(([key, list]) => ({ key, label: dayLabel(key, now), entries: list }));
}

/** Prompt shortened for a one-line tree label. */
export function shortPrompt(prompt: string, max = 60): string {
  const oneLine = prompt.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine || '(no prompt)';
}
