// Registers the prompt queue: "Generate from Each Line", the queue's view in the Segmind sidebar and
// the commands on its rows. Queue items are persisted in workspace state; `resume()` (called once the
// job runner has resumed its jobs after a reload) re-attaches running items and starts pending ones.
import * as vscode from 'vscode';
import { showError } from '../commands/errorMessage';
import type { JobStore } from '../jobs/jobStore';
import type { JobRunner } from '../jobs/runner';
import type { PresetLibrary } from '../presets/presetLibrary';
import type { SettingsService } from '../settings/service';
import { registerGenerateFromLines } from './generateFromLines';
import { PromptQueue, type QueueItem, type QueueMemento } from './promptQueue';
import { QueueScheduler } from './queueScheduler';
import { QUEUE_VIEW, QueueTree } from './queueTree';
import { runnerQueueJobs } from './runnerQueueJobs';

export interface QueueDeps {
  readonly runner: JobRunner;
  readonly store: JobStore;
  readonly settings: SettingsService;
  readonly presets: PresetLibrary;
  readonly workspaceState: QueueMemento;
  readonly errorHandlers: { readonly openLog: () => void; readonly setApiKey: () => void };
}

export interface RegisteredQueue {
  readonly registrations: vscode.Disposable[];
  /** After the job runner resumed its jobs: follow the queue's running items, start pending ones. */
  readonly resume: () => void;
  readonly items: () => readonly QueueItem[];
}

export function registerQueue(deps: QueueDeps): RegisteredQueue {
  const queue = new PromptQueue(deps.workspaceState, () => globalThis.crypto.randomUUID());
  const scheduler = new QueueScheduler(queue, runnerQueueJobs(deps.runner, deps.store, deps.settings));
  const tree = new QueueTree(queue);
  const view = vscode.window.createTreeView(QUEUE_VIEW, { treeDataProvider: tree, showCollapseAll: false });
  const onRow = (command: string, act: (item: QueueItem) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(command, (item?: QueueItem) => {
      const target = item ?? view.selection[0];
      if (target) act(target);
    });
  return {
    registrations: [
      queue, tree, view,
      registerGenerateFromLines({ queue, scheduler, settings: deps.settings, presets: deps.presets, showError: (e) => showError(e, deps.errorHandlers) }),
      onRow('segmind.queue.moveUp', (item) => queue.move(item.id, -1)),
      onRow('segmind.queue.moveDown', (item) => queue.move(item.id, 1)),
      onRow('segmind.queue.cancel', (item) => scheduler.cancel(item.id)),
      onRow('segmind.queue.retry', (item) => scheduler.retry(item.id)),
      onRow('segmind.queue.remove', (item) => queue.remove(item.id)),
      vscode.commands.registerCommand('segmind.queue.clearFinished', () => queue.removeFinished()),
    ],
    resume: () => scheduler.reattach(),
    items: () => queue.items(),
  };
}
