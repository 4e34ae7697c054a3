// The questions about cost that commands and the panel ask before a run: a modal when the estimate
// exceeds the last known balance, and the estimate in the count confirmation. Only the interactive
// paths ask; programmatic calls are refused by the job runner instead (no modal UI there).
import * as vscode from 'vscode';
import { estimateText, overBalanceText, type OverBalance } from '../credits/costText';
import type { CostEstimates } from '../credits/accountCredits';

/** "≈ 0.42 credits" or "No cost estimate yet — …", localized. */
export function costEstimateText(credits: CostEstimates, model: string, params: Readonly<Record<string, unknown>>): string {
  return estimateText(credits.estimate(model, params), vscode.l10n.t);
}

/** Asks whether to run over the balance; true when the user chose to go ahead. */
export async function confirmOverBalance(over: OverBalance): Promise<boolean> {
  const go = vscode.l10n.t('Generate Anyway');
  const choice = await vscode.window.showWarningMessage(
    overBalanceText(over, vscode.l10n.t),
    { modal: true, detail: vscode.l10n.t('Segmind refuses a job the account cannot pay for. Go ahead if you topped up since; the balance is updated after each job.') },
    go,
  );
  return choice === go;
}
