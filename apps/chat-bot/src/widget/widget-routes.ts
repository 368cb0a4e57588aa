import { createHash } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { languageSchema } from '@loyaldesk/contracts/language';
import { buildWidget } from './build-widget.ts';
import { demoPage } from './demo-page.ts';

const demoQuerySchema = z.object({ lang: languageSchema.optional().catch(undefined) });

/** `GET /widget.js` (the bundled widget) and `GET /` (the demo storefront). Builds the bundle once, now. */
export async function widgetRouter(): Promise<Router> {
  const script = await buildWidget();
  const etag = `"${createHash('sha256').update(script).digest('base64url').slice(0, 16)}"`;
  const router = Router();
  router.get('/widget.js', (request, response) => {
    response.set({
      'Content-Type': 'application/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
      ETag: etag,
    });
    if (request.headers['if-none-match'] === etag) {
      response.status(304).end();
      return;
    }
    response.send(script);
  });
  router.get('/', (request, response) => {
    const { lang } = demoQuerySchema.parse(request.query);
    response.type('html').send(demoPage(lang ?? 'en'));
  });
  return router;
}
