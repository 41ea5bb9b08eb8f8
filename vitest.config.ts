import { defineConfig } from 'vitest/config';
export default defineConfig({ oxc: { decorator: { legacy: true } }, resolve: { alias: { graphql: 'graphql/index.js' } }, test: { include: ['spike.test.ts'] } });
