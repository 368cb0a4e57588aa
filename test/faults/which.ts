import path from 'node:path';
import { which as whichOnPath } from '@loyaldesk/platform/local-servers';
import { inheritedEnvironment } from '../support/env.ts';

/** The absolute path of an executable on PATH (plus /usr/bin and /usr/sbin, which a minimal PATH may lack), or undefined. */
export function which(name: string): string | undefined {
  return whichOnPath(name, [inheritedEnvironment()['PATH'] ?? '', '/usr/bin', '/usr/sbin'].join(path.delimiter));
}
