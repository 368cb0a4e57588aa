import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** `::ffff:203.0.113.7` (a dual-stack socket's IPv4 peer) as `203.0.113.7`; anything else unchanged. */
function plainAddress(address: string): string {
  if (isIP(address) !== 6) return address;
  const parsed = ipaddr.IPv6.parse(address);
  return parsed.isIPv4MappedAddress() ? parsed.toIPv4Address().toString() : address;
}

/**
 * The shopper's address, by Express's rule for `trust proxy` set to a number: the peer of the socket
 * and the `X-Forwarded-For` entries, nearest first; the first `trustedHops` of them are our own
 * proxies, so the next one is the client. Entries further left were written by the client and
 * prove nothing. Stops early at an entry that is not an address (a proxy that does not append):
 * the last address before it is used.
 * @example clientAddress({ peer: '10.0.0.5', forwardedFor: '6.6.6.6, 203.0.113.7', trustedHops: 1 }) // '203.0.113.7'
 */
export function clientAddress(input: {
  /** The TCP peer (`socket.handshake.address`, `req.socket.remoteAddress`). */
  peer: string;
  /** Every `X-Forwarded-For` header, as received. */
  forwardedFor: string | readonly string[] | undefined;
  /** How many proxies of ours stand in front of the app (0: none, the peer is the client). */
  trustedHops: number;
}): string {
  const headers = typeof input.forwardedFor === 'string' ? [input.forwardedFor] : (input.forwardedFor ?? []);
  const forwarded = headers
    .flatMap((header) => header.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const nearestFirst = [input.peer, ...forwarded.reverse()];
  let client = input.peer;
  for (let hop = 1; hop <= input.trustedHops && hop < nearestFirst.length; hop++) {
    const entry = nearestFirst[hop] ?? '';
    if (isIP(entry) === 0) break;
    client = entry;
  }
  return plainAddress(client);
}

/**
 * The key an address is rate limited under: an IPv4 address itself (IPv4-mapped IPv6 counts as
 * IPv4), an IPv6 address by its /64 prefix (one subscriber usually gets a whole /64 and can pick
 * any address in it), anything else as given.
 * @example addressLimitKey('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function addressLimitKey(address: string): string {
  const plain = plainAddress(address);
  if (isIP(plain) !== 6) return plain;
  const bytes = ipaddr.IPv6.parse(plain).toByteArray();
  const prefix = [...bytes.slice(0, 8), ...new Array<number>(8).fill(0)];
  return `${ipaddr.fromByteArray(prefix).toString()}/64`;
}
