import { build } from 'esbuild';
import { appPath } from '../app-paths.ts';

/** The widget's browser entry point. */
export const widgetEntry = appPath('src', 'widget', 'browser', 'widget.ts');

/**
 * Bundles the widget (our TypeScript + socket.io-client) into one minified browser script, in
 * memory, in well under a second; the app does it once at start.
 */
export async function buildWidget(): Promise<string> {
  const result = await build({
    entryPoints: [widgetEntry],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    write: false,
    legalComments: 'none',
    // Served with charset=utf-8: the Chinese UI strings stay readable and smaller than \u escapes.
    charset: 'utf8',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no widget bundle');
  return output.text;
}
