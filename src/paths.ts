import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository (package) root, where migrations/, examples.graphql and node_modules/ live:
 * the nearest folder above this file with a package.json. The same from src/ (tsx) and from
 * dist/src/ (compiled), where paths relative to this file would point into dist/.
 */
function findPackageRoot(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('newsgraph: no package.json above src/paths');
  }
}

export const packageRoot = findPackageRoot();
