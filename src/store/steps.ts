// Running work written as a generator of steps (`yield` between slices of a few milliseconds)
// over several tasks, so the page stays responsive while a large model is built (at once:
// `runSteps` in src/model/run-steps.ts).

export { runSteps } from '../model/run-steps.ts';

/** Lets the event loop run other tasks (input, rendering) before the promise resolves. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.addEventListener('message', () => {
      channel.port1.close();
      resolve();
    });
    channel.port1.start();
    channel.port2.postMessage(null);
  });
}

/**
 * Runs the steps over as many tasks as it takes, each task running steps until `sliceMs` have
 * passed (by `clock`). A step longer than the slice still runs whole: slices are only as fine as
 * the steps. Resolves in a task of its own, so what the caller does next is not added to the last
 * slice. Rejects, without running another step, once `wanted` says the result is no longer needed.
 */
export async function runStepsInTasks<T>(
  steps: Generator<void, T>,
  sliceMs: number,
  wanted: () => boolean = () => true,
  clock: () => number = () => performance.now(),
): Promise<T> {
  for (;;) {
    if (!wanted()) {
      steps.return(undefined as T);
      throw new Error('no longer wanted');
    }
    const start = clock();
    for (;;) {
      const step = steps.next();
      if (step.done) {
        await nextTask();
        return step.value;
      }
      if (clock() - start >= sliceMs) break;
    }
    await nextTask();
  }
}
