// Installs what only the benchmark needs (bench/package.json: autocannon, PostGraphile) into
// bench/node_modules on first use, so `npm ci` of the server stays free of them (PostGraphile 5
// wants Node >= 22). Reinstalls when bench/package-lock.json changed since the last install.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = path.dirname(fileURLToPath(import.meta.url));
const lock = path.join(bench, 'package-lock.json');
const installed = path.join(bench, 'node_modules', '.package-lock.json');
// graphql and pg in bench/package.json link to the server's copies, so these must exist first.
if (!existsSync(path.join(bench, '..', 'node_modules', 'pg'))) {
  console.error('bench: run `npm ci` in the repository root first');
  process.exit(1);
}
if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) process.exit(0);
console.error('bench: installing its own dependencies (npm ci --prefix bench)');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--prefix', bench, '--no-audit', '--no-fund'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
