import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { authConfig } from '../../src/config.js';
import { Role } from '../../src/auth/roles.js';
import { createAuthenticator } from '../../src/auth/verify.js';

const run = promisify(execFile);
const secret = 'token-script-secret-of-32-bytes-or-more';

/** Runs `npm run token -- …` as a user would (through node and tsx, without npm's banner). */
async function token(args: string[], env: Record<string, string>) {
  const { PATH, HOME } = process.env;
  return run(process.execPath, ['--import', 'tsx/esm', 'scripts/token.ts', ...args], { env: { PATH, HOME, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('npm run token', () => {
  it('prints a token the server accepts, with the role and subject asked for', async () => {
    const env = { AUTH_JWT_SECRET: secret, AUTH_AUDIENCE: 'newsgraph' };
    const result = await token(['--role', 'editor', '--sub', 'alice'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const viewer = await createAuthenticator(authConfig(env, false))(`Bearer ${result.stdout.trim()}`);
    expect(viewer).toEqual({ kind: 'user', subject: 'alice', roles: new Set([Role.EDITOR]), expiresAt: expect.any(Number) });
  });

  it('refuses without AUTH_JWT_SECRET, and on a bad role, with one line and exit code 1', async () => {
    const missing = await token(['--role', 'admin', '--sub', 'bob'], {});
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^token: AUTH_JWT_SECRET is not set/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);

    const role = await token(['--role', 'owner', '--sub', 'bob'], { AUTH_JWT_SECRET: secret });
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/--role must be editor, admin or reader/);
  });
});
