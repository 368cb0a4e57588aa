import http from 'node:http';

/** One request as the fuzzer sends it: method, already-encoded path, headers and raw body bytes. */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export type RawOutcome =
  | { kind: 'response'; status: number; body: string }
  /** No HTTP answer: the connection was reset or closed, or it timed out. */
  | { kind: 'transport-error'; message: string };

/** A keep-alive client to one origin with at most `maxSockets` connections (the fuzzer's concurrency). */
export interface RawHttpClient {
  send(request: RawRequest): Promise<RawOutcome>;
  close(): void;
}

/**
 * Sends requests byte for byte as given (node:http, not fetch: any method, any path bytes, any
 * content type and body), keeping the first 2 KB of each answer.
 */
export function createRawHttpClient(baseUrl: string, options: { maxSockets: number; timeoutMs: number }): RawHttpClient {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  return {
    send(request) {
      return new Promise((resolve) => {
        let settled = false;
        const settle = (outcome: RawOutcome): void => {
          if (settled) return;
          settled = true;
          resolve(outcome);
        };
        let outgoing: http.ClientRequest;
        try {
          outgoing = http.request({
            host: url.hostname,
            port: url.port,
            method: request.method,
            path: request.path,
            agent,
            headers: { ...request.headers, ...(request.body ? { 'content-length': String(request.body.length) } : {}) },
            timeout: options.timeoutMs,
          });
        } catch (error) {
          // Node refuses to send it (an invalid header or path character): nothing reached the app.
          settle({ kind: 'transport-error', message: `not sendable: ${error instanceof Error ? error.message : String(error)}` });
          return;
        }
        outgoing.on('response', (response) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          response.on('data', (chunk: Buffer) => {
            if (kept < 2048) {
              chunks.push(chunk);
              kept += chunk.length;
            }
          });
          response.on('end', () => settle({ kind: 'response', status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, 2048) }));
          response.on('error', (error) => settle({ kind: 'response', status: response.statusCode ?? 0, body: `(body cut: ${error.message})` }));
        });
        outgoing.on('timeout', () => {
          outgoing.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
        });
        outgoing.on('error', (error) => settle({ kind: 'transport-error', message: error.message }));
        outgoing.end(request.body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
