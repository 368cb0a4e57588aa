import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The checkout's root folder (where `.tools/` and `.data/` live). */
export const repoRoot = path.resolve(fileURLToPath(new URL('../../../../', import.meta.url)));
export const toolsDir = path.join(repoRoot, '.tools');
export const defaultDataDir = path.join(repoRoot, '.data');
