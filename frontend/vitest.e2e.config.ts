import { defineConfig } from 'vitest/config';

// Browser tests against the real Go binary; see e2e/README.md.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
