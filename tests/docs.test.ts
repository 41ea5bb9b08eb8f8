import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * What a newcomer reads must stay true and short: the README's size, its links, the codegen
 * scalar mapping it shows, and the Node versions it promises against every installed package.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const readme = read('README.md');

describe('README', () => {
  it('stays a user guide under 15 KB (benchmark method and figures live in bench/README.md)', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024);
    for (const section of [
      '## Quick start',
      '## Querying',
      '## Using it from a frontend',
      '## Data model',
      '## Operating in production',
      '## Developing',
    ]) {
      expect(readme).toContain(section);
    }
  });

  it('links only to files that exist', () => {
    for (const file of ['README.md', 'bench/README.md', 'docs/errors-and-limits.md', 'docs/configuration.md']) {
      const links = [...read(file).matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((link) => !/^[a-z]+:/.test(link));
      for (const link of links) expect(existsSync(join(root, dirname(file), link)), `${file} links to ${link}`).toBe(true);
    }
  });

  it('maps every custom scalar of schema.graphql in its GraphQL Code Generator config', () => {
    const scalars = [...read('schema.graphql').matchAll(/^scalar (\w+)/gm)].map((m) => m[1]!);
    expect(scalars.length).toBeGreaterThan(0);
    const mapping = /scalars: \{([^}]*)\}/.exec(readme)?.[1] ?? '';
    for (const scalar of scalars) expect(mapping, `codegen mapping for ${scalar}`).toMatch(new RegExp(`\\b${scalar}: '`));
  });
});

describe('Node versions', () => {
  const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
  // The versions CI tests (Node 20 on the machines, 24 LTS from the registry) and the 22 LTS users run.
  const supported = ['20.19.0', '22.13.0', '24.0.0'];

  it('package.json promises the versions CI tests', () => {
    for (const version of supported) expect(semver.satisfies(version, engines), `${version} in ${engines}`).toBe(true);
  });

  it('no installed package wants a Node the README promises (npm ci prints no EBADENGINE)', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const refusing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const wanted = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (!path || !wanted) continue;
      for (const version of supported) {
        if (!semver.satisfies(version, wanted)) refusing.push(`${path} wants node ${wanted}, not ${version}`);
      }
    }
    expect(refusing).toEqual([]);
  });
});
