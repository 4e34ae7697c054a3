// The prompt queue behind its registrations (built in dist/features.js): the persisted queue, its
// scheduler, the view's tree and the command handlers. `resume()` (once the job runner has resumed
// its jobs after a reload) re-attaches running items and starts pending ones.
import type * as vscode from 'vscode';
import { showError } from '../commands/errorMessage';
import type { CommandHandler } from '../common/lazyCommands';
import type { JobStore } from '../jobs/jobStore';
import type { JobRunner } from '../jobs/runner';
import type { PresetLibrary } from '../presets/presetLibrary';
import type { SettingsService } from '../settings/service';
import type { QueueCommandId } from './contributions';
import { generateFromLinesHandler } from './generateFromLines';
import { PromptQueue, type QueueItem, type QueueMemento } from './promptQueue';
import { QueueScheduler } from './queueScheduler';
import { QueueTree } from './queueTree';
import { runnerQueueJobs } from './runnerQueueJobs';

export interface QueueDeps {
  readonly runner: JobRunner;
  readonly store: JobStore;
  readonly settings: SettingsService;
  readonly presets: PresetLibrary;
  readonly workspaceState: QueueMemento;
  readonly errorHandlers: { readonly openLog: () => void; readonly setApiKey: () => void };
}

export interface QueueFeature extends vscode.Disposable {
  readonly tree: QueueTree;
  /** The handlers; a row command without an item acts on the view's selection. */
  commands(view: vscode.TreeView<QueueItem>): Readonly<Record<QueueCommandId, CommandHandler>>;
  readonly resume: () => void;
  readonly items: () => readonly QueueItem[];
}

export function openQueue(deps: QueueDeps): QueueFeature {
  const queue = new PromptQueue(deps.workspaceState, () => globalThis.crypto.randomUUID());
  const scheduler = new QueueScheduler(queue, runnerQueueJobs(deps.runner, deps.store, deps.settings));
  const tree = new QueueTree(queue);
  return {
    tree,
    commands: (view) => {
      const onRow = (act: (item: QueueItem) => unknown) => (item?: QueueItem) => {
        const target = item ?? view.selection[0];
        if (target) act(target);
      };
      return {
        'segmind.generateFromLines': generateFromLinesHandler({ queue, scheduler, settings: deps.settings, presets: deps.presets, showError: (e) => showError(e, deps.errorHandlers) }),
        'segmind.queue.moveUp': onRow((item) => queue.move(item.id, -1)),
        'segmind.queue.moveDown': onRow((item) => queue.move(item.id, 1)),
        'segmind.queue.cancel': onRow((item) => scheduler.cancel(item.id)),
        'segmind.queue.retry': onRow((item) => scheduler.retry(item.id)),
        'segmind.queue.remove': onRow((item) => queue.remove(item.id)),
        'segmind.queue.clearFinished': () => queue.removeFinished(),
      };
    },
    resume: () => scheduler.reattach(),
    items: () => queue.items(),
    dispose: () => {
      tree.dispose();
      queue.dispose();
    },
  };
}
