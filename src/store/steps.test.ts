// Work written as steps runs the same at once or over tasks, and leaves room for other tasks.
import { describe, expect, it } from 'vitest';
import { nextTask, runSteps, runStepsInTasks } from './steps.ts';

function* counting(n: number, log: string[]): Generator<void, number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    sum += i;
    log.push(`step ${i}`);
    yield;
  }
  return sum;
}

/** A step that takes `ms` of wall time. */
function* slow(n: number, ms: number, log: string[]): Generator<void, number> {
  for (let i = 0; i < n; i++) {
    const until = performance.now() + ms;
    while (performance.now() < until);
    log.push(`slow ${i}`);
    yield;
  }
  return n;
}

describe('steps', () => {
  it('gives the same result at once and over tasks', async () => {
    expect(runSteps(counting(10, []))).toBe(55);
    expect(await runStepsInTasks(counting(10, []), 5)).toBe(55);
  });

  it('lets other tasks run between slices, never inside one', async () => {
    const log: string[] = [];
    const done = runStepsInTasks(slow(6, 4, log), 10);
    // Queued now: runs once the first slice has given the event loop back.
    void nextTask().then(() => log.push('other task'));
    expect(await done).toBe(6);
    const other = log.indexOf('other task');
    // At least one slice ran before it and some after it: the work was split.
    expect(other).toBeGreaterThan(0);
    expect(other).toBeLessThan(log.length - 1);
    // Each slice ran whole steps until its 10 ms were used: about three 4 ms steps, never one.
    expect(log.slice(0, other).length).toBeGreaterThanOrEqual(2);
  });

  it('resolves in a task of its own, not among the last slice’s microtasks', async () => {
    const log: string[] = [];
    function* work(): Generator<void, void> {
      yield;
      // A chain of microtasks started by the last step: all of them run before its task ends.
      let chain = Promise.resolve();
      for (let i = 0; i < 100; i++) chain = chain.then(() => undefined);
      void chain.then(() => log.push('last slice’s microtasks'));
    }
    await runStepsInTasks(work(), 1000).then(() => log.push('resolved'));
    expect(log).toEqual(['last slice’s microtasks', 'resolved']);
  });
});
