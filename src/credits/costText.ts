// How costs read, in one place for the panel, the confirmations, the agent tool and the status bar.
// Pure: the caller passes its translator (vscode.l10n.t in the editor, `untranslated` for text a
// language model reads and for tests).
import type { CostEstimate } from './costEstimator';

/** vscode.l10n.t's shape: a message with {0}, {1}, … placeholders and their values. */
export type Translate = (message: string, ...args: (string | number)[]) => string;

/** Fills the placeholders without translating. */
export const untranslated: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)])));

/** A run whose estimate exceeds the last balance Segmind reported. */
export interface OverBalance {
  readonly estimate: number;
  readonly remaining: number;
}

/** Credits as people read them: two decimals, or two significant digits below one credit (0.0065). */
export function formatCredits(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 1 ? n.toFixed(2) : String(Number(n.toPrecision(2)));
}

/** "≈ 0.42 credits", or the honest "no estimate yet". */
export function estimateText(estimate: CostEstimate | undefined, t: Translate): string {
  return estimate
    ? t('≈ {0} credits', formatCredits(estimate.credits))
    : t('No cost estimate yet — learned from your first job with this model');
}

/** Why a run is held back: its estimate and the balance it exceeds. */
export function overBalanceText(over: OverBalance, t: Translate): string {
  return t('This run is estimated at ≈ {0} credits, more than the {1} credits left on your Segmind account (the last balance Segmind reported).', formatCredits(over.estimate), formatCredits(over.remaining));
}
