import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest folder above `start` whose package.json declares the npm workspaces: the checkout's
 * root. Found by walking up rather than by a fixed `../..`, since this module also runs bundled
 * into an app's `dist/`.
 */
export function findRepoRoot(start: string): string {
  for (let directory = path.resolve(start); ; directory = path.dirname(directory)) {
    const manifest = path.join(directory, 'package.json');
    if (existsSync(manifest) && 'workspaces' in (JSON.parse(readFileSync(manifest, 'utf8')) as object))
      return directory;
    if (directory === path.dirname(directory))
      throw new Error(`no package.json with "workspaces" above ${start}: run loyaldesk from its checkout`);
  }
}

/** The checkout's root folder (where `.tools/` and `.data/` live). */
export const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));
export const toolsDir = path.join(repoRoot, '.tools');
export const defaultDataDir = path.join(repoRoot, '.data');
