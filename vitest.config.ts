import { defineConfig } from 'vitest/config';
import { TEST_GIT_IDENTITY } from './test/helpers/git-identity.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/helpers/global-setup.ts'],
    env: TEST_GIT_IDENTITY,
  },
});
