import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { StartupError } from '../startup-error.js';

/**
 * One process at a time may open an embedded database directory. PGlite keeps the database in
 * its own memory and writes it back on its own schedule, so a second process (an import while
 * `npm start` runs) would not see the first's writes and would overwrite them. The lock is a file
 * beside the directory holding the owner's pid; a lock whose process is gone is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  if (/^[a-z-]+:\/\//.test(dataDir) && !dataDir.startsWith('file://')) return () => {};
  const lockFile = `${dataDir.replace(/^file:\/\//, '').replace(/\/+$/, '')}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        process.off('exit', release);
        try {
          if (readFileSync(lockFile, 'utf8') === String(process.pid)) unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (alive(owner)) {
        throw new StartupError(
          `the embedded database at ${dataDir} is open in another newsgraph process (pid ${owner}): stop it first, ` +
            'or set DATABASE_URL to a Postgres server that both can share.',
        );
      }
      unlinkSync(lockFile); // its owner is gone
    }
  }
  throw new StartupError(`cannot lock the embedded database at ${dataDir}: remove ${lockFile} if no newsgraph process is running.`);
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
