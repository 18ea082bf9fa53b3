import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Builds bin/build/ when missing or stale, so CLI tests run the shipped bundle (see the file).
    globalSetup: ['test/setup/bundle.ts'],
    benchmark: { include: ['test/**/*.bench.ts'] },
  },
});
