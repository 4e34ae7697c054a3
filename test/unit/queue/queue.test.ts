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
  continued: string[] = [];
  cancelled: string[] = [];
  /** Requests Segmind accepted, by job id: what a retry should wait on after the job ended. */
  readonly accepted = new Map<string, string>();
  /** A continue that fails (its job record is gone): the message. */
  failContinue: string | undefined;
  readonly pending = new Map<string, { resolve: (r: QueueJobResult) => void; reject: (e: unknown) => void; job: StartedJob }>();
  readonly resumed = new Map<string, StartedJob>();
  readonly outcomes = new Map<string, JobOutcome>();
  failStart: string | undefined;

  async start(item: QueueItem): Promise<StartedJob> {
    if (item.prompt === this.failStart) throw new Error(`refused ${item.prompt}`);
    const jobId = `job-${item.prompt}-${this.started.length}`;
    this.started.push(item.prompt);
    return this.deferred(item.prompt, jobId);
  }
  async continue(jobId: string): Promise<StartedJob> {
    await tick();
    if (this.failContinue) {
      this.accepted.delete(jobId);
      throw new Error(this.failContinue);
    }
    this.continued.push(jobId);
    return this.deferred(/^job-(.+)-\d+$/.exec(jobId)![1]!, jobId);
  }
  acceptedRequest(jobId: string): string | undefined {
    return this.accepted.get(jobId);
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
  private deferred(prompt: string, jobId: string): StartedJob {
    let resolve!: (r: QueueJobResult) => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<QueueJobResult>((res, rej) => ((resolve = res), (reject = rej)));
    const job = { jobId, done };
    this.pending.set(prompt, { resolve, reject, job });
    return job;
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

  it('waitAgain puts an item with an accepted request back to running on the same job, and nothing else', () => {
    const queue = new PromptQueue(new MemoryMemento(), ids());
    queue.add([entry('a'), entry('b')]);
    const [a, b] = queue.items();
    queue.update(a!.id, { state: 'failed', error: 'timed out', jobId: 'j1', acceptedRequest: 'req-1' });
    queue.update(b!.id, { state: 'failed', error: 'refused', jobId: 'j2' });
    assert.equal(queue.waitAgain(b!.id), undefined, 'no accepted request: nothing to wait on');
    assert.deepEqual({ ...queue.waitAgain(a!.id) }, { id: a!.id, runId: a!.runId, prompt: 'a', model: 'm', params: { prompt: 'a' }, state: 'running', jobId: 'j1', requestId: 'req-1' });
    assert.equal(queue.waitAgain(a!.id), undefined, 'a running item is not retried');
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

  it('retry waits on the request Segmind accepted (no second submit); a prompt without one is submitted again', async () => {
    const jobs = new FakeJobs();
    const queue = new PromptQueue(new MemoryMemento(), ids());
    const scheduler = new QueueScheduler(queue, jobs);
    queue.add([entry('polled'), entry('refused')]);
    scheduler.pump();
    await tick();
    jobs.accepted.set('job-polled-0', 'req-polled');
    jobs.fail('polled', 'Segmind did not answer the status poll in time');
    jobs.fail('refused', 'Not enough Segmind credits');
    await tick();
    const [polled, refused] = queue.items();
    assert.equal(polled?.acceptedRequest, 'req-polled');
    assert.equal(refused?.acceptedRequest, undefined);

    assert.equal(scheduler.retry(polled!.id), true);
    assert.equal(scheduler.retry(refused!.id), true);
    await tick();
    await tick();
    assert.deepEqual(jobs.started, ['polled', 'refused', 'refused'], 'only the refused prompt is submitted again');
    assert.deepEqual(jobs.continued, ['job-polled-0']);
    assert.deepEqual({ state: queue.get(polled!.id)?.state, jobId: queue.get(polled!.id)?.jobId, requestId: queue.get(polled!.id)?.requestId, error: queue.get(polled!.id)?.error },
      { state: 'running', jobId: 'job-polled-0', requestId: 'req-polled', error: undefined });
    jobs.finish('polled');
    await tick();
    assert.equal(states(queue), 'polled:done refused:running');
    assert.deepEqual(queue.get(polled!.id)?.files, ['out/polled.png']);
  });

  it('a cancel while the wait is being resumed reaches the job; its request stays for the next retry', async () => {
    const jobs = new FakeJobs();
    const queue = new PromptQueue(new MemoryMemento(), ids());
    const scheduler = new QueueScheduler(queue, jobs);
    queue.add([entry('a')]);
    scheduler.pump();
    await tick();
    const [a] = queue.items();
    jobs.accepted.set('job-a-0', 'req-a');
    assert.equal(scheduler.cancel(a!.id), true);
    await tick();
    assert.equal(states(queue), 'a:cancelled');
    assert.equal(scheduler.retry(a!.id), true);
    assert.equal(scheduler.cancel(a!.id), true, 'cancelled before the continued job is known');
    await tick();
    await tick();
    assert.deepEqual(jobs.cancelled, ['job-a-0', 'job-a-0']);
    assert.equal(states(queue), 'a:cancelled');
    assert.equal(queue.get(a!.id)?.acceptedRequest, 'req-a');
    assert.deepEqual(jobs.started, ['a']);
  });

  it('a wait that cannot be resumed fails with its reason; the retry after that submits the prompt anew', async () => {
    const jobs = new FakeJobs();
    const queue = new PromptQueue(new MemoryMemento(), ids());
    const scheduler = new QueueScheduler(queue, jobs);
    queue.add([entry('a')]);
    scheduler.pump();
    await tick();
    const [a] = queue.items();
    jobs.accepted.set('job-a-0', 'req-a');
    jobs.fail('a', 'timed out');
    await tick();
    jobs.failContinue = 'the request can no longer be waited on';
    scheduler.retry(a!.id);
    await tick();
    await tick();
    assert.deepEqual({ state: queue.get(a!.id)?.state, error: queue.get(a!.id)?.error, accepted: queue.get(a!.id)?.acceptedRequest },
      { state: 'failed', error: 'the request can no longer be waited on', accepted: undefined });
    scheduler.retry(a!.id);
    await tick();
    assert.deepEqual(jobs.started, ['a', 'a']);
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

  it('after a reload: a job that failed after its submit is waited on again by retry; one cut during its submit is submitted again', async () => {
    const memento = new MemoryMemento();
    const before = new PromptQueue(memento, ids());
    before.add([entry('polled'), entry('cut')]);
    const [polled, cut] = before.items();
    before.update(polled!.id, { state: 'running', jobId: 'j1' });
    before.update(cut!.id, { state: 'running' });
    await before.flushed();

    const jobs = new FakeJobs();
    jobs.outcomes.set('j1', { state: 'failed', error: 'The status poll failed', acceptedRequest: 'req-1' });
    const queue = new PromptQueue(memento, ids());
    const scheduler = new QueueScheduler(queue, jobs);
    scheduler.reattach();
    assert.equal(states(queue), 'polled:failed cut:failed');
    assert.equal(queue.get(cut!.id)?.error, INTERRUPTED, 'unknown whether Segmind accepted it: the message says so');
    scheduler.retry(polled!.id);
    scheduler.retry(cut!.id);
    await tick();
    await tick();
    assert.deepEqual(jobs.continued, ['j1']);
    assert.deepEqual(jobs.started, ['cut']);
  });
});
