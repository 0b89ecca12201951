import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Builds dist-cli once so the CLI's spawn tests run the real bundle.
    globalSetup: ['src/cli/build-cli.global-setup.ts'],
    testTimeout: 60_000,
  },
});
