import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** The one response other sites load: shops embed it with `<script src>`. */
export const embeddableScriptPath = '/widget.js';

/**
 * The Content-Security-Policy of every chat bot response; what it has to allow is the demo page
 * (`/`) with the widget on it. Scripts only from files of this origin, never inline.
 */
export const contentSecurityPolicyDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // The demo page's <style> and card colours, and the <style> the widget puts in its shadow root.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  // The widget's /chat socket (WebSocket and polling) to this origin; 'self' covers ws(s):.
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  // Local runs are plain http: upgrading would send /widget.js to an https port nobody listens on.
  'upgrade-insecure-requests': null,
};

/**
 * helmet's headers (CSP above, nosniff, no framing, HSTS, referrer and opener policies) with a
 * Cross-Origin-Resource-Policy of same-origin for everything but `/widget.js`, which other sites'
 * pages must be able to load (cross-origin).
 */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicyDirectives },
      crossOriginResourcePolicy: false,
      xFrameOptions: { action: 'deny' },
    }),
    (request, response, next) => {
      const embeddable = request.path === embeddableScriptPath;
      response.setHeader('Cross-Origin-Resource-Policy', embeddable ? 'cross-origin' : 'same-origin');
      next();
    },
  ];
}
