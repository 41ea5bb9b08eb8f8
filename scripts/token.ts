/**
 * Prints a development token signed with AUTH_JWT_SECRET:
 *   npm run token -- --role editor --sub alice [--expires 8h]
 * Refuses without the secret: production tokens come from the identity provider behind AUTH_JWKS_URL.
 */
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { authConfig } from '../src/config.js';
import { StartupError } from '../src/startup-error.js';

const usage = 'usage: npm run token -- --role editor|admin|reader --sub <name> [--expires 8h]';

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(1);
}

function main(): void {
  let values: { role?: string; sub?: string; expires?: string };
  try {
    ({ values } = parseArgs({
      options: { role: { type: 'string' }, sub: { type: 'string' }, expires: { type: 'string', default: '8h' } },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  const role = values.role?.toLowerCase();
  if (!role || !['editor', 'admin', 'reader'].includes(role)) fail(`--role must be editor, admin or reader\n${usage}`);
  if (!values.sub?.trim()) fail(`--sub names who the token is for\n${usage}`);
  if (!/^\d+\s*[smhd]$/.test(values.expires ?? '')) fail(`--expires takes a duration like 30m, 8h or 7d, got "${values.expires}"`);

  let config;
  try {
    config = authConfig(process.env, process.env.NODE_ENV === 'production');
  } catch (error) {
    fail(error instanceof StartupError ? error.message : String(error));
  }
  if (config.kind !== 'secret')
    fail('AUTH_JWT_SECRET is not set: development tokens are signed with it (set the same value for the server).');

  const jwt = new SignJWT({ [config.rolesClaim]: role === 'reader' ? [] : [role.toUpperCase()] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(values.sub.trim())
    .setIssuedAt()
    .setExpirationTime(values.expires!.replace(/\s+/g, ''));
  if (config.issuer) jwt.setIssuer(config.issuer);
  if (config.audience) jwt.setAudience(config.audience);
  void jwt.sign(config.secret).then((token) => process.stdout.write(`${token}\n`));
}

main();
