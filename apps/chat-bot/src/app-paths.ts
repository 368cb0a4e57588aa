import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The chat bot's folder (`apps/chat-bot`), where its config, data, model cache and widget source
 * live. One level up from this module both in `src/` (run from source by tsx, as in tests) and in
 * the bundle `dist/main.js` that `npm start` runs (see `build/build-server.ts`), so every file
 * path is made here rather than relative to the module that needs it.
 */
export const appDir = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

function checkAppDir(): void {
  const manifest = path.join(appDir, 'package.json');
  const name = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name
    : undefined;
  if (name !== '@loyaldesk/chat-bot')
    throw new Error(
      `the chat bot's code must run from apps/chat-bot/src or apps/chat-bot/dist (found ${appDir}); rebuild with \`npm run build -w apps/chat-bot\``,
    );
}
checkAppDir();

/** A path inside the chat bot's folder, e.g. `appPath('config', 'shipping-policy.yaml')`. */
export function appPath(...segments: string[]): string {
  return path.join(appDir, ...segments);
}
