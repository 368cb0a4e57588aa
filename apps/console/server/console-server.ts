import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { Logger } from '@loyaldesk/platform/logger';

/** The console's built files (vite build output). */
export const defaultDistDir = fileURLToPath(new URL('../dist', import.meta.url));

/** Paths that belong to ticketing: the REST API and Socket.IO (the `/agents` namespace). */
export const proxiedPaths = ['/api', '/socket.io'] as const;

export interface ConsoleServerOptions {
  ticketingUrl: string;
  distDir?: string;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface ConsoleServer {
  server: Server;
  /** Starts listening (port 0: any free port); resolves with the port. */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  // Charts set inline style attributes; everything else comes from this origin.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
};

/**
 * The console's web server: the built single-page app (index.html for every app route, hashed
 * assets cached for a year), and `/api` plus the Socket.IO path (long-polling and the websocket
 * upgrade) proxied to ticketing, so the session cookie and the socket are same-origin. The Host
 * header is kept, so ticketing's socket origin check sees the page's own host.
 * @example const console = createConsoleServer({ ticketingUrl: 'http://127.0.0.1:3002' }); await console.listen(3000);
 */
export function createConsoleServer(options: ConsoleServerOptions): ConsoleServer {
  const distDir = options.distDir ?? defaultDistDir;
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(`console: ${indexFile} is missing; build the console first (npm run build -w apps/console)`);
  }
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  const proxy = createProxyMiddleware<Request, Response>({
    target: options.ticketingUrl,
    pathFilter: [...proxiedPaths],
    changeOrigin: false,
    xfwd: true,
    ws: true,
    on: {
      error: (error, _req, res) => {
        options.logger?.warn({ err: error }, 'ticketing did not answer the proxied request');
        // A websocket upgrade gets a socket here, not a response.
        if ('writeHead' in res && !res.headersSent) {
          res.writeHead(502, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'loyaldesk:ticketing_unavailable', message: 'The ticketing service is not answering' } }));
        } else {
          res.end();
        }
      },
    },
  });
  app.use(proxy);

  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.set(securityHeaders);
    next();
  });
  app.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  app.use(express.static(distDir, { index: false, maxAge: 0 }));
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  // Client-side routes (/, /tickets/…, /dashboard, /policy) all get the app shell.
  app.get(/^(?!\/assets\/).*/, (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });

  const server = createServer(app);
  server.on('upgrade', proxy.upgrade);

  return {
    server,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
