import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/db/pglite-lock.js';
import { openDatabase } from '../../src/db/client.js';

const dir = mkdtempSync(path.join(tmpdir(), 'newsgraph-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one process per embedded database directory', () => {
  it('refuses a second opener with the owner’s pid, and frees the directory on release', () => {
    const data = path.join(dir, 'a');
    const release = lockDataDir(data);
    expect(readFileSync(`${data}.lock`, 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(data)).toThrow(`is open in another newsgraph process (pid ${process.pid})`);
    release();
    expect(existsSync(`${data}.lock`)).toBe(false);
    lockDataDir(data)();
  });

  it('takes over a lock whose process is gone', () => {
    const data = path.join(dir, 'b');
    writeFileSync(`${data}.lock`, '2147483646'); // no such process
    const release = lockDataDir(data);
    expect(readFileSync(`${data}.lock`, 'utf8')).toBe(String(process.pid));
    release();
  });

  it('holds the lock while a database is open, and not for in-memory ones', async () => {
    const data = path.join(dir, 'c');
    const handle = await openDatabase({ pgliteDataDir: data });
    await expect(openDatabase({ pgliteDataDir: data })).rejects.toThrow('is open in another newsgraph process');
    await handle.close();
    expect(existsSync(`${data}.lock`)).toBe(false);
    const [a, b] = await Promise.all([openDatabase({ pgliteDataDir: 'memory://' }), openDatabase({ pgliteDataDir: 'memory://' })]);
    await Promise.all([a.close(), b.close()]);
  });
});
