import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePrompts } from '../../../src/queue/promptsFile';
import { QUEUE_KEY } from '../../../src/queue/contributions';
import { PromptQueue, type QueueItem } from '../../../src/queue/promptQueue';
import { INTERRUPTED, QueueScheduler, type JobOutcome, type QueueJobResult, type QueueJobs, type StartedJob } from '../../../src/queue/queueScheduler';

class MemoryMemento {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

function ids(): () => string {
  let n = 0;
  return () => `id${++n}`;
}

const entry = (prompt: string) => ({ prompt, model: 'm', params: { prompt } });
const states = (queue: PromptQueue): string => queue.items().map((i) => `${i.prompt}:${i.state}`).join(' ');
const tick = () => new Promise((r) => setImmediate(r));

/** Jobs that finish when the test says so. */
class FakeJobs implements QueueJobs {
  limit = 2;
  started: string[] = [];
  cancelled: string[] = [];
  readonly pending = new Map<string, { resolve: (r: QueueJobResult) => void; reject: (e: unknown) => void; job: StartedJob }>();
  readonly resumed = new Map<string, StartedJob>();
  readonly outcomes = new Map<string, JobOutcome>();
  failStart: string | undefined;

  async start(item: QueueItem): Promise<StartedJob> {
    if (item.prompt === this.failStart) throw new Error(`refused ${item.prompt}`);
    const jobId = `job-${item.prompt}-${this.started.length}`;
    this.started.push(item.prompt);
    let resolve!: (r: QueueJobResult) => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<QueueJobResult>((res, rej) => ((resolve = res), (reject = rej)));
    const job = { jobId, done };
    this.pending.set(item.prompt, { resolve, reject, job });
    return job;
  }
  running(jobId: string): StartedJob | undefined {
    return this.resumed.get(jobId);
  }
  outcome(jobId: string): JobOutcome | undefined {
    return this.outcomes.get(jobId);
  }
  cancel(jobId: string): void {
    this.cancelled.push(jobId);
    for (const p of this.pending.values()) if (p.job.jobId === jobId) p.reject(new Error('cancelled'));
  }
  describe(e: unknown): string | undefined {
    const message = (e as Error).message;
    return message === 'cancelled' ? undefined : message;
  }
  concurrency(): number {
    return this.limit;
  }
  finish(prompt: string): void {
    this.pending.get(prompt)?.resolve({ files: [`out/${prompt}.png`], requestId: `req-${prompt}` });
  }
  fail(prompt: string, message: string): void {
    this.pending.get(prompt)?.reject(new Error(message));
  }
}

describe('prompts file', () => {
  it('one prompt per line, trimmed; blank lines and # comments skipped', () => {
    assert.deepEqual(parsePrompts('# my prompts\r\na fox \n\n   \n  # not this\nan owl # with a hash\n'), ['a fox', 'an owl # with a hash']);
    assert.deepEqual(parsePrompts(''), []);
  });
});

describe('prompt queue state', () => {
  it('adds a run of pending items and persists them; a new queue on the same memento restores them', async () => {
    const memento = new MemoryMemento();
    const queue = new PromptQueue(memento, ids());
    const runId = queue.add([entry('a'), entry('b')]);
    await queue.flushed();
    assert.deepEqual((memento.get<QueueItem[]>(QUEUE_KEY) ?? []).map((i) => `${i.runId === runId}:${i.prompt}:${i.state}`), ['true:a:pending', 'true:b:pending']);
    assert.equal(states(new PromptQueue(memento, ids())), 'a:pending b:pending');
    memento.values.set(QUEUE_KEY, [{ junk: true }, ...(memento.get<unknown[]>(QUEUE_KEY) ?? [])]);
    assert.equal(new PromptQueue(memento, ids()).items().length, 2, 'what is not an item is dropped');
  });

  it('reorders pending items only, among themselves', () => {
    const queue = new PromptQueue(new MemoryMemento(), ids());
    queue.add([entry('a'), entry('b'), entry('c'), entry('d')]);
    queue.update(queue.items()[1]!.id, { state: 'running' });
    const d = queue.items()[3]!.id;
    assert.equal(queue.move(d, -1), true);
    assert.equal(queue.move(d, -1), true);
    assert.equal(states(queue), 'd:pending b:running a:pending c:pending');
    assert.equal(queue.move(d, -1), false, 'already first');
    assert.equal(queue.move(queue.items()[1]!.id, 1), false, 'a running item does not move');
  });

  it('retry returns a failed or cancelled item to pending without its old outcome; removeFinished keeps the rest', () => {
    const queue = new PromptQueue(new MemoryMemento(), ids());
    queue.add([entry('a'), entry('b'), entry('c')]);
    const [a, b] = queue.items();
    queue.update(a!.id, { state: 'failed', error: 'x', jobId: 'j' });
    queue.update(b!.id, { state: 'done', files: ['f'] });
    assert.equal(queue.retry(b!.id), false);
    assert.equal(queue.retry(a!.id), true);
    assert.deepEqual({ ...queue.get(a!.id) }, { id: a!.id, runId: a!.runId, prompt: 'a', model: 'm', params: { prompt: 'a' }, state: 'pending' });
    queue.removeFinished();
    assert.equal(states(queue), 'a:pending c:pending');
  });
});

describe('queue scheduler', () => {
  it('runs in order, at most `concurrency` at once, and resolves the run with each outcome', async () => {
    const jobs = new FakeJobs();
    const queue = new PromptQueue(new MemoryMemento(), ids());
    const scheduler = new QueueScheduler(queue, jobs);
    const runId = queue.add([entry('a'), entry('b'), entry('c')]);
    const settled = scheduler.whenSettled(runId);
    scheduler.pump();
    await tick();
    assert.deepEqual(jobs.started, ['a', 'b']);
    assert.equal(states(queue), 'a:running b:running c:pending');
    jobs.fail('a', 'Segmind has no credits left');
    await tick();
    assert.deepEqual(jobs.started, ['a', 'b', 'c'], 'a finished: c starts');
    jobs.finish('b');
    jobs.finish('c');
    const items = await settled;
    assert.deepEqual(items.map((i) => [i.prompt, i.state, i.error ?? i.files?.[0]]), [
      ['a', 'failed', 'Segmind has no credits left'], ['b', 'done', 'out/b.png'], ['c', 'done', 'out/c.png'],
    ]);
    assert.equal(items[1]?.requestId, 'req-b');
  });

  it('cancels a pending item at once and a running one through its job; retry runs it again', async () => {
    const jobs = new FakeJobs();
    jobs.limit = 1;
    const queue = new PromptQueue(new MemoryMemento(), ids());
    const scheduler = new QueueScheduler(queue, jobs);
    queue.add([entry('a'), entry('b'), entry('c')]);
    scheduler.pump();
    await tick();
    const [a, b] = queue.items();
    assert.equal(scheduler.cancel(b!.id), true);
    assert.equal(scheduler.cancel(a!.id), true);
    await tick();
    assert.deepEqual(jobs.cancelled, ['job-a-0']);
    assert.equal(states(queue), 'a:cancelled b:cancelled c:running');
    assert.equal(scheduler.retry(a!.id), true);
    jobs.finish('c');
    await tick();
    assert.deepEqual(jobs.started, ['a', 'c', 'a']);
    assert.equal(states(queue), 'a:running b:cancelled c:done');
  });

  it('a job that cannot start fails its item and the queue goes on', async () => {
    const jobs = new FakeJobs();
    jobs.failStart = 'a';
    const queue = new PromptQueue(new MemoryMemento(), ids());
    const scheduler = new QueueScheduler(queue, jobs);
    queue.add([entry('a'), entry('b'), entry('c')]);
    scheduler.pump();
    await tick();
    assert.equal(states(queue), 'a:failed b:running c:running');
    assert.equal(queue.items()[0]?.error, 'refused a');
  });

  it('after a reload: follows resumed jobs, takes finished ones from the store, fails those cut before their job, then starts pending ones', async () => {
    const memento = new MemoryMemento();
    const before = new PromptQueue(memento, ids());
    before.add([entry('resumed'), entry('finished'), entry('cut'), entry('waiting'), entry('next')]);
    const [resumed, finished, cut, waiting] = before.items();
    before.update(resumed!.id, { state: 'running', jobId: 'j1' });
    before.update(finished!.id, { state: 'running', jobId: 'j2' });
    before.update(cut!.id, { state: 'running' });
    before.update(waiting!.id, { state: 'running', jobId: 'j4' });
    await before.flushed();

    const jobs = new FakeJobs();
    let finishResumed!: (r: QueueJobResult) => void;
    jobs.resumed.set('j1', { jobId: 'j1', done: new Promise((r) => (finishResumed = r)) });
    jobs.outcomes.set('j2', { state: 'done', files: ['out/finished.png'] });
    const queue = new PromptQueue(memento, ids());
    const scheduler = new QueueScheduler(queue, jobs);
    scheduler.reattach();
    await tick();
    assert.equal(states(queue), 'resumed:running finished:done cut:failed waiting:running next:pending', 'two still run: no room for next');
    assert.equal(queue.items()[2]?.error, INTERRUPTED);
    assert.deepEqual(jobs.started, []);
    finishResumed({ files: ['out/resumed.png'] });
    await tick();
    assert.deepEqual(jobs.started, ['next']);
    assert.equal(states(queue), 'resumed:done finished:done cut:failed waiting:running next:running');
  });
});
