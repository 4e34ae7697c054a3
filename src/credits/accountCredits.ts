// The account's credits as this extension knows them: the last balance Segmind reported and what
// runs cost, learned per job (CreditLedger) and kept per model and settings (CostEstimator). Both
// are per account, not per workspace, so they live in global state; costs are read back before
// each write so that windows sharing that state add to each other's samples.
import { Emitter } from '../common/emitter';
import { CostEstimator, parseCostHistory, type CostEstimate } from './costEstimator';
import { CreditLedger } from './creditLedger';
import type { OverBalance } from './costText';

/** The subset of `vscode.Memento` (global state) kept here. */
export interface CreditStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** A balance Segmind reported, and when. */
export interface KnownBalance {
  readonly credits: number;
  readonly at: number;
}

/** What confirmations need: an estimate, and whether it exceeds the last known balance. */
export interface CostEstimates {
  estimate(model: string, params: Readonly<Record<string, unknown>>): CostEstimate | undefined;
  /** Set when both are known and the estimate is more than the balance. */
  overBalance(model: string, params: Readonly<Record<string, unknown>>): OverBalance | undefined;
}

/** A job, as far as its cost is concerned. */
export interface CostedJob {
  readonly model: string;
  readonly body: Readonly<Record<string, unknown>>;
}

export const COSTS_KEY = 'segmind.credits.costs.v1';
export const BALANCE_KEY = 'segmind.credits.balance.v1';

export class AccountCredits implements CostEstimates {
  private readonly ledger = new CreditLedger();
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  /** Serializes writes: two jobs learning at once must not drop each other's samples. */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly store: CreditStore, private readonly now: () => number = Date.now) {}

  /** The last balance Segmind reported, in this window or an earlier one. */
  balance(): KnownBalance | undefined {
    const raw = this.store.get<Partial<KnownBalance>>(BALANCE_KEY);
    return raw && typeof raw.credits === 'number' && Number.isFinite(raw.credits) && typeof raw.at === 'number' ? { credits: raw.credits, at: raw.at } : undefined;
  }

  estimate(model: string, params: Readonly<Record<string, unknown>>): CostEstimate | undefined {
    return this.estimator().estimate(model, { ...params });
  }

  overBalance(model: string, params: Readonly<Record<string, unknown>>): OverBalance | undefined {
    const estimate = this.estimate(model, params);
    const balance = this.balance();
    return estimate && balance && estimate.credits > balance.credits ? { estimate: estimate.credits, remaining: balance.credits } : undefined;
  }

  /** Just before a job is submitted (or resumed: it overlaps the others all the same). */
  jobStarted(jobId: string): void {
    this.ledger.jobStarted(jobId);
  }

  /** A balance from any response. */
  reading(remaining: number): void {
    if (!Number.isFinite(remaining)) return;
    this.ledger.reading(remaining);
    this.persist(BALANCE_KEY, () => ({ credits: remaining, at: this.now() }));
  }

  /**
   * The job ended: with its result's balance and reported cost when it has one. Returns what it cost
   * when that can be known, and teaches the estimator.
   */
  jobFinished(jobId: string, job: CostedJob, remainingAfter?: number, reportedCost?: unknown): number | undefined {
    if (remainingAfter !== undefined) this.reading(remainingAfter);
    const cost = this.ledger.jobFinished(jobId, remainingAfter, reportedCost);
    if (cost !== undefined) {
      this.persist(COSTS_KEY, () => {
        const estimator = this.estimator();
        estimator.learn(job.model, { ...job.body }, cost);
        return estimator.toJSON();
      });
    }
    return cost;
  }

  /** The job never reached Segmind (refused before or at the submit): nothing was billed. */
  jobAbandoned(jobId: string): void {
    this.ledger.jobAbandoned(jobId);
  }

  /** Another API key may be another account: its balance is not this one. */
  forgetBalance(): void {
    this.persist(BALANCE_KEY, () => undefined);
  }

  /** Resolves once every write so far is stored. */
  flushed(): Promise<void> {
    return this.writing;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private estimator(): CostEstimator {
    return new CostEstimator(parseCostHistory(this.store.get<unknown>(COSTS_KEY)));
  }

  private persist(key: string, value: () => unknown): void {
    this.writing = this.writing.then(async () => {
      await this.store.update(key, value());
      this.changed.fire();
    }).catch(() => undefined);
  }
}
