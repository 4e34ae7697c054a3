// Seeded pseudo-random numbers for reproducible benchmark workloads (never for anything secret).
import { mulberry32 } from '../emulator/timing';

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** The emulator's mulberry32: the same seed always gives the same sequence. */
export const seededRandom: (seed: number) => Random = mulberry32;

/** Uniform number in [min, max). */
export function uniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}

/** Uniform integer in [min, max] (both inclusive). */
export function uniformInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list, uniformly. */
export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick: empty list');
  return items[Math.floor(random() * items.length)] as T;
}
