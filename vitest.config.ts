import { defineConfig } from 'vitest/config';

/**
 * One suite, two databases: every test file runs on embedded PGlite, and again on real
 * Postgres when TEST_DATABASE_URL is set (CI sets it and fails if the server is unreachable).
 */
const postgres = process.env.TEST_DATABASE_URL
  ? [{ extends: true as const, test: { name: 'postgres', env: { NEWSGRAPH_TEST_DRIVER: 'postgres' } } }]
  : [];

export default defineConfig({
  // Vite 8 transforms TypeScript with oxc; type-graphql needs legacy (experimental) decorators.
  oxc: { decorator: { legacy: true } },
  // Keep one copy of graphql in the module graph (ESM and CJS entry points otherwise both load).
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
    projects: [{ extends: true, test: { name: 'pglite', env: { NEWSGRAPH_TEST_DRIVER: 'pglite' } } }, ...postgres],
  },
});
