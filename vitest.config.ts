import { defineConfig } from 'vitest/config';

/**
 * One suite, two databases: every test file runs on embedded PGlite, and again on real
 * Postgres when TEST_DATABASE_URL is set (CI sets it and fails if the server is unreachable).
 * tests/hardening runs once, on real Postgres only: it restarts a throwaway Postgres cluster,
 * spawns the real server process, uses Redis and drives a real Chromium (CORS), none of which
 * PGlite can stand in for or gains from running twice.
 */
// Each project names its own files: with `extends: true` vitest concatenates `include` lists.
const everything = ['tests/**/*.test.ts'];
const hardening = 'tests/hardening/**';
// Live updates across real server processes (Postgres and Redis shared): with the hardening tests.
const liveProcesses = 'tests/live/processes.test.ts';
const postgres = process.env.TEST_DATABASE_URL
  ? [
      {
        extends: true as const,
        test: { name: 'postgres', include: everything, exclude: [hardening, liveProcesses], env: { NEWSGRAPH_TEST_DRIVER: 'postgres' } },
      },
      {
        extends: true as const,
        test: { name: 'hardening', include: ['tests/hardening/**/*.test.ts', liveProcesses], env: { NEWSGRAPH_TEST_DRIVER: 'postgres' } },
      },
    ]
  : [];

export default defineConfig({
  // Vite 8 transforms TypeScript with oxc; type-graphql needs legacy (experimental) decorators.
  oxc: { decorator: { legacy: true } },
  // Keep one copy of graphql in the module graph (ESM and CJS entry points otherwise both load).
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
    projects: [
      {
        extends: true,
        test: { name: 'pglite', include: everything, exclude: [hardening, liveProcesses], env: { NEWSGRAPH_TEST_DRIVER: 'pglite' } },
      },
      ...postgres,
    ],
  },
});
