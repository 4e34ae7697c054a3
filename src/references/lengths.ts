// Lengths as documents write them (`300`, `300px`, `2in`, `5cm`, `72pt`) in CSS pixels, 96 to the inch.
// Relative lengths (`50%`, `0.5\textwidth`, `3em`) say nothing about pixels and give undefined.

const PIXELS_PER_UNIT: Readonly<Record<string, number>> = {
  '': 1, px: 1, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, pt: 96 / 72, bp: 96 / 72, pc: 16,
};

export function lengthToPixels(length: string | undefined): number | undefined {
  const match = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-z]*)\s*$/i.exec(length ?? '');
  const scale = match ? PIXELS_PER_UNIT[match[2]!.toLowerCase()] : undefined;
  if (!match || scale === undefined) return undefined;
  const pixels = Math.round(Number(match[1]) * scale);
  return pixels > 0 ? pixels : undefined;
}
