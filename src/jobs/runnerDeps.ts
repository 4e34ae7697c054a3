// What the job runner works with, as interfaces: src/featuresBundle.ts wires in the editor's implementations
// (src/jobs/editorRunnerDeps.ts); the unit tests drive the runner's state machine with fakes.
import type * as vscode from 'vscode';
import type { InsertionTarget } from '../assets/anchor';
import type { SaveTarget } from '../assets/target';
import type { Event } from '../common/emitter';
import type { CostedJob, CostEstimates } from '../credits/accountCredits';
import type { HistoryEntry } from '../history/history';
import type { Logger } from '../logging/log';
import type {
  GenerateOptions, GenerationResult, StreamOptions, StreamedGenerationResult, SyncOptions, WaitOptions,
} from '../segmind/client-types';
import type { ImageOutput } from '../segmind/decode';
import type { SettingsSnapshot } from '../settings/snapshot';
import type { JobRecord } from './job';

/** The persisted job records (src/jobs/jobStore.ts). */
export interface JobRecords {
  put(job: JobRecord): Promise<JobRecord>;
  get(id: string): JobRecord | undefined;
  update(id: string, change: Partial<JobRecord>): Promise<JobRecord>;
}

/** The calls of the Segmind client (src/segmind/client.ts) a job makes. */
export interface GenerationClient {
  generateAsync(slug: string, body: Record<string, unknown>, opts: GenerateOptions & StreamOptions): Promise<StreamedGenerationResult>;
  generateSync(slug: string, body: Record<string, unknown>, opts: SyncOptions): Promise<GenerationResult>;
  waitForCompletion(requestId: string, opts: WaitOptions & StreamOptions): Promise<StreamedGenerationResult>;
}

/** Saves one job's images as they arrive (src/jobs/saveOutputs.ts). */
export interface ImageSaver {
  save(index: number, image: ImageOutput): Promise<void>;
  /** The saved files in output order, once all `count` images went through save(). */
  finish(count: number): vscode.Uri[];
}

/** Where a request asked its images to go, before the folder is resolved and checked. */
export interface SaveRequest {
  readonly pickedFolder?: vscode.Uri;
  /** The output folder template. */
  readonly folder: string;
  readonly documentUri?: vscode.Uri;
}

/** Insertion points kept in place while their documents are edited, and the inserter (src/assets/insert.ts). */
export interface Insertions {
  readonly onDidMove: Event<string>;
  track(jobId: string, target: InsertionTarget): void;
  current(jobId: string): InsertionTarget | undefined;
  release(jobId: string): void;
  /** Inserts a reference to each file at `target`; false when the document is gone. */
  insert(target: InsertionTarget, files: readonly vscode.Uri[], prompt: string): Promise<boolean>;
}

/** A job that saves at exactly one path (src/assets/exactTarget.ts). */
export interface ExactSave {
  readonly target: SaveTarget;
  readonly params: Readonly<Record<string, unknown>>;
  assertAbsent(count: number): Promise<void>;
}

/** What jobs tell about credits, and what they cost (src/credits/accountCredits.ts). */
export interface CreditTracking extends CostEstimates {
  /** Just before a job's request goes out (submit, or waiting again after a reload or a Retry). */
  jobStarted(jobId: string): void;
  /** A balance reading from any response. */
  reading(remaining: number): void;
  /** The job ended; returns its cost when it can be known. */
  jobFinished(jobId: string, job: CostedJob, remainingAfter?: number, reportedCost?: unknown): number | undefined;
  /** The job never reached Segmind: nothing was billed. */
  jobAbandoned(jobId: string): void;
}

export interface RunnerDeps {
  readonly store: JobRecords;
  readonly settings: { snapshot(scope?: vscode.Uri): SettingsSnapshot };
  readonly apiKeys: { get(): Promise<{ readonly value: string } | undefined> };
  /** One client per configuration; `get` fails at once on a bad configuration. */
  readonly clients: { get(settings: SettingsSnapshot, apiKey: string): GenerationClient };
  /** Resolves and checks the output folder before anything is spent; throws UserFacingError. */
  saveTarget(request: SaveRequest, model: string): Promise<SaveTarget>;
  /**
   * Resolves and checks an exact workspace-relative file before anything is spent: its target, the
   * parameters with the format its extension asks for, and a check that no file of the batch
   * exists yet. Throws UserFacingError.
   */
  exactTarget(file: string, documentUri: vscode.Uri | undefined, model: string, params: Readonly<Record<string, unknown>>): Promise<ExactSave>;
  /** The saver of one job's images; `job` is read at each save (the request id may come later). */
  saver(job: () => JobRecord, settings: SettingsSnapshot, onSaved: (files: readonly (string | null)[]) => Promise<void>): ImageSaver;
  readonly history: { add(entry: HistoryEntry): Promise<void> };
  readonly credits: CreditTracking;
  readonly insertions: Insertions;
  /** The workspace-relative path shown for a file. */
  relativePath(uri: vscode.Uri): string;
  readonly logger: Logger;
}
