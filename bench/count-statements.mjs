// Preload for benchmark peers (`node --import ./bench/count-statements.mjs`): counts every
// statement sent through pg's Client#query (pg_stat_statements is not available on the shared
// server) and answers the orchestrator's IPC message { type: 'statements' } with the total.
import { createRequire } from 'node:module';

const require = createRequire(`${process.cwd()}/`);
const pg = require('pg');
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  statements++;
  return query.apply(this, args);
};

process.on('message', (message) => {
  if (message && message.type === 'statements') process.send?.({ type: 'statements', count: statements });
});

// A peer must not outlive the orchestrator (e.g. when the benchmark is interrupted).
process.on('disconnect', () => process.exit(0));
