/** Browser origins allowed to open the chat socket: any (`*`, explicit opt-in) or a list; the chat server's own origin always. */
export type AllowedOrigins = '*' | readonly string[];

/**
 * Whether a socket handshake may come from `origin` (its `Origin` header): a page of the chat
 * server itself (same host as the request's `Host`), a listed origin, or anything with `*`. No
 * `Origin` header is no browser page (a server, a test client), which CORS does not concern.
 * Browsers do not apply CORS to WebSockets, so this is checked on every handshake, not left to CORS.
 * @example isOriginAllowed('https://shop.example', 'chat.example', ['https://shop.example']) // true
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: AllowedOrigins,
): boolean {
  if (origin === undefined || allowed === '*') return true;
  if (allowed.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return url.host !== '' && url.host === host;
  } catch {
    return false;
  }
}

/**
 * `CHAT_ALLOWED_ORIGINS` as a list: `*`, or comma-separated origins (`https://shop.example`, no path),
 * each normalised as browsers send it; null when one is not an origin.
 */
export function parseAllowedOrigins(value: string): AllowedOrigins | null {
  if (value.trim() === '*') return '*';
  const origins: string[] = [];
  for (const entry of value.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const origin = originOf(entry);
    if (origin === null) return null;
    origins.push(origin);
  }
  return origins;
}

/** `https://Shop.example:443/` as a browser's Origin header says it (`https://shop.example`); null for anything else. */
export function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    const bare = (url.pathname === '/' || url.pathname === '') && url.search === '' && url.hash === '';
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !bare || url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}
