// Credits spent per local day, from the costs recorded with each image: for the gallery's day groups
// and the status bar's "spent today". Pure.
import type { HistoryEntry } from './history';

export interface DayCredits {
  /** Sum of the images' known costs. */
  readonly credits: number;
  readonly images: number;
  /** Images whose cost could not be learned (another job overlapped): `credits` is a lower bound then. */
  readonly uncosted: number;
}

/** YYYY-MM-DD of a time, in local time. */
export function dayKey(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Credits per day (keyed by dayKey), over the given entries. */
export function creditsByDay(entries: readonly Pick<HistoryEntry, 'createdAt' | 'credits'>[]): Map<string, DayCredits> {
  const days = new Map<string, DayCredits>();
  for (const entry of entries) {
    const key = dayKey(entry.createdAt);
    const day = days.get(key) ?? { credits: 0, images: 0, uncosted: 0 };
    days.set(key, {
      credits: Math.round((day.credits + (entry.credits ?? 0)) * 10_000) / 10_000,
      images: day.images + 1,
      uncosted: day.uncosted + (entry.credits === undefined ? 1 : 0),
    });
  }
  return days;
}

/** The credits spent on the day of `now`. */
export function creditsOnDay(entries: readonly Pick<HistoryEntry, 'createdAt' | 'credits'>[], now: number): DayCredits {
  return creditsByDay(entries).get(dayKey(now)) ?? { credits: 0, images: 0, uncosted: 0 };
}
