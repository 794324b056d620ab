import { defineConfig } from 'vitest/config';

/**
 * Real-browser tests (and demo-portal tests): Debian Chromium driven by playwright-core with the demo
 * build from `$PYKALA_EXT_DIR` (default `.output/chrome-mv3`). One file at a time: each launches its own
 * browser, and two cores do not run two browsers well.
 */
export default defineConfig({
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
