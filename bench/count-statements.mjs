// Preload for benchmark peers (`node --import ./bench/count-statements.mjs`): counts every
// statement sent through pg's Client#query (pg_stat_statements is not available on the shared
// server) and answers the orchestrator's IPC message { type: 'counters' } with that total and the
// CPU time the process has used (user + system, all its threads, in microseconds).
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
  if (message && message.type === 'counters') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'counters', statements, cpuMicros: user + system });
  }
});

// A peer must not outlive the orchestrator (e.g. when the benchmark is interrupted).
process.on('disconnect', () => process.exit(0));
