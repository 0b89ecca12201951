import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Property tests log their seed through fast-check's own failure report.
    testTimeout: 60_000,
  },
});
