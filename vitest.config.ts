import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests, API tests through app.inject() on a fresh database
// (embedded by default, PostgreSQL when TB_TEST_DB=postgres), and Playwright journeys.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/domain/**/*.test.ts', 'src/web/**/*.test.ts'] } },
      {
        test: {
          name: 'api',
          include: ['src/server/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
