// Work written as steps runs the same at once or over tasks, and leaves room for other tasks.
import { describe, expect, it } from 'vitest';
import { runSteps, runStepsInTasks } from './steps.ts';

function* counting(n: number, log: string[]): Generator<void, number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    sum += i;
    log.push(`step ${i}`);
    yield;
  }
  return sum;
}

/**
 * Steps that each advance a fake clock by `ms`, and log whether they begin a task: a microtask
 * queued by the step before has run only if the event loop ran between the two.
 */
function* slow(n: number, ms: number, clock: { now: number }, log: string[]) {
  let sameTask = false;
  for (let i = 0; i < n; i++) {
    clock.now += ms;
    log.push(`${sameTask ? '' : '| '}step ${i}`);
    sameTask = true;
    queueMicrotask(() => (sameTask = false));
    yield;
  }
  return n;
}

describe('steps', () => {
  it('gives the same result at once and over tasks', async () => {
    expect(runSteps(counting(10, []))).toBe(55);
    expect(await runStepsInTasks(counting(10, []), 5)).toBe(55);
  });

  it('runs steps until the slice is used, each slice in a task of its own', async () => {
    const log: string[] = [];
    const clock = { now: 0 };
    const done = runStepsInTasks(slow(6, 4, clock, log), 10, undefined, () => clock.now);
    expect(await done).toBe(6);
    // Steps of 4 ms in slices of 10: three per task.
    expect(log).toEqual(['| step 0', 'step 1', 'step 2', '| step 3', 'step 4', 'step 5']);
  });

  it('stops, without another step, once the result is no longer wanted', async () => {
    const log: string[] = [];
    let wanted = true;
    const clock = { now: 0 };
    const done = runStepsInTasks(
      slow(6, 4, clock, log),
      10,
      () => wanted,
      () => clock.now,
    );
    wanted = false;
    await expect(done).rejects.toThrow('no longer wanted');
    expect(log).toEqual(['| step 0', 'step 1', 'step 2']);
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
