import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { inheritedEnvironment } from '../support/env.ts';

/** The absolute path of an executable on PATH (plus /usr/bin and /usr/sbin, which a minimal PATH may lack), or undefined. */
export function which(name: string): string | undefined {
  const searchPath = `${inheritedEnvironment()['PATH'] ?? ''}${path.delimiter}/usr/bin${path.delimiter}/usr/sbin`;
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
