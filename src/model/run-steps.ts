// Work written as a generator of steps (`yield` between slices of a few milliseconds), run at once.
// src/store/steps.ts runs the same generators over several tasks.

/** Runs every step now and returns the result. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
