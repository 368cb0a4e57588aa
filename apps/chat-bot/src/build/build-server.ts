import path from 'node:path';
import { build } from 'esbuild';
import { appPath } from '../app-paths.ts';

/** The folder of the bundle `npm start` runs: one level under the app like `src/` (see `app-paths.ts`). */
export const serverBundleDirName = 'dist';

/**
 * Bundles the chat bot's server (`src/main.ts` and the workspace packages it imports) into plain
 * JavaScript under `dist/`, so production runs Node alone: no TypeScript loader hook, whose
 * off-thread compiler costs ~30 MB of resident memory per process. Third-party packages stay
 * external (loaded from node_modules as usual); modules loaded on demand (Botkit, the Chinese
 * tokenizer) stay separate chunks, loaded only when first needed.
 */
export async function buildChatServer(
  options: { dirName?: string } = {},
): Promise<{ entry: string; milliseconds: number }> {
  const started = performance.now();
  const dirName = options.dirName ?? serverBundleDirName;
  // Any other depth would break every path `app-paths.ts` makes.
  if (!/^[\w.-]+$/.test(dirName))
    throw new Error(`the bundle's folder must be a direct child of apps/chat-bot, not ${dirName}`);
  // Written over, never emptied first: a chat bot already running from here (`npm start` beside
  // `npm test`) still finds the chunks it loads on demand; unchanged code keeps its chunk names.
  const outdir = appPath(dirName);
  await build({
    entryPoints: { main: appPath('src', 'main.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Readable stack traces without a loader: names kept, nothing minified; the map is there for
    // `node --enable-source-maps dist/main.js` when an operator wants source lines.
    keepNames: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        name: 'workspace-packages-inline',
        setup(builder) {
          // Workspace packages export TypeScript, so they are bundled; everything else stays in node_modules.
          builder.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@loyaldesk/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return { entry: path.join(outdir, 'main.js'), milliseconds: Math.round(performance.now() - started) };
}
