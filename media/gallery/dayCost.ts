// What a day's images cost, for its header: the sum of the costs we learned, and an honest word
// for the images whose cost nobody reported (history from before credits were tracked, or a job
// that overlapped another so its share of the balance change is unknown). Pure.

const CREDITS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** " · 1.25 credits", " · 1.25 credits + 3 unknown", " · cost unknown"; '' for no images. */
export function dayCostText(costs: Iterable<number | null>): string {
  let total = 0;
  let known = 0;
  let unknown = 0;
  for (const cost of costs) {
    if (cost === null) unknown++;
    else {
      total += cost;
      known++;
    }
  }
  if (known === 0) return unknown === 0 ? '' : ' · cost unknown';
  const sum = `${CREDITS.format(total)} ${total === 1 ? 'credit' : 'credits'}`;
  return unknown === 0 ? ` · ${sum}` : ` · ${sum} + ${unknown} unknown`;
}
