// Running work written as a generator of steps (`yield` between slices of a few milliseconds):
// at once, or over several tasks so the page stays responsive while a large model is built.

/** Runs every step now and returns the result. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

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
 * passed. A step longer than the slice still runs whole: slices are only as fine as the steps.
 * Resolves in a task of its own, so what the caller does next is not added to the last slice.
 */
export async function runStepsInTasks<T>(steps: Generator<void, T>, sliceMs: number): Promise<T> {
  for (;;) {
    const start = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) {
        await nextTask();
        return step.value;
      }
      if (performance.now() - start >= sliceMs) break;
    }
    await nextTask();
  }
}
