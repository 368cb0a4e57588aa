import express from 'express';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { addressLimitKey, clientAddress } from './client-address.ts';

/** What Express's `req.ip` says for this peer and header with `trust proxy` set to `hops`. */
function expressIp(peer: string, forwardedFor: string | undefined, hops: number): string | undefined {
  const app = express();
  app.set('trust proxy', hops);
  const request = Object.create(app.request, {
    headers: { value: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } },
    socket: { value: { remoteAddress: peer } },
    connection: { value: { remoteAddress: peer } },
  }) as express.Request;
  return request.ip;
}

const notMapped = (address: string): boolean =>
  !ipaddr.IPv6.isValid(address) || !ipaddr.IPv6.parse(address).isIPv4MappedAddress();

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress({ peer: '203.0.113.7', forwardedFor: '198.51.100.1', trustedHops: 0 })).toBe('203.0.113.7');
  });

  it('takes the rightmost untrusted entry: the one our proxy wrote, not the client-written ones left of it', () => {
    const forwardedFor = '198.51.100.66, 198.51.100.67, 203.0.113.7';
    expect(clientAddress({ peer: '10.0.0.5', forwardedFor, trustedHops: 1 })).toBe('203.0.113.7');
    // Two proxies (a CDN, then the load balancer): the CDN appended the client.
    expect(
      clientAddress({ peer: '10.0.0.5', forwardedFor: '198.51.100.66, 203.0.113.7, 10.0.0.9', trustedHops: 2 }),
    ).toBe('203.0.113.7');
  });

  it('reads several X-Forwarded-For headers as one list, in order', () => {
    expect(
      clientAddress({ peer: '10.0.0.5', forwardedFor: ['198.51.100.66', '203.0.113.7, 10.0.0.9'], trustedHops: 2 }),
    ).toBe('203.0.113.7');
  });

  it('stops at the leftmost entry when there are fewer entries than trusted hops', () => {
    expect(clientAddress({ peer: '10.0.0.5', forwardedFor: '203.0.113.7', trustedHops: 3 })).toBe('203.0.113.7');
    expect(clientAddress({ peer: '10.0.0.5', forwardedFor: undefined, trustedHops: 1 })).toBe('10.0.0.5');
  });

  it('does not trust past an entry that is not an address', () => {
    expect(clientAddress({ peer: '10.0.0.5', forwardedFor: '203.0.113.7, unknown', trustedHops: 2 })).toBe('10.0.0.5');
    expect(clientAddress({ peer: '10.0.0.5', forwardedFor: 'junk, 203.0.113.7', trustedHops: 2 })).toBe('203.0.113.7');
  });

  it('gives an IPv4-mapped IPv6 peer as IPv4', () => {
    expect(clientAddress({ peer: '::ffff:203.0.113.7', forwardedFor: undefined, trustedHops: 0 })).toBe('203.0.113.7');
  });

  it("agrees with Express's req.ip for `trust proxy` = hop count", () => {
    const address = fc.oneof(fc.ipV4(), fc.ipV6().filter(notMapped));
    fc.assert(
      fc.property(
        address,
        fc.array(address, { maxLength: 5 }),
        fc.integer({ min: 0, max: 6 }),
        (peer, entries, hops) => {
          const forwardedFor = entries.length > 0 ? entries.join(', ') : undefined;
          expect(clientAddress({ peer, forwardedFor, trustedHops: hops })).toBe(expressIp(peer, forwardedFor, hops));
        },
      ),
    );
  });
});

describe('addressLimitKey', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(addressLimitKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('treats IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(addressLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressLimitKey('::ffff:cb00:7107')).toBe('203.0.113.7');
  });

  it('limits IPv6 by its /64: every address of one subscriber prefix shares a key, the next prefix does not', () => {
    const key = addressLimitKey('2001:db8:1:2::1');
    expect(key).toBe('2001:db8:1:2::/64');
    expect(addressLimitKey('2001:0db8:0001:0002:ffff:ffff:ffff:fffe')).toBe(key);
    expect(addressLimitKey('2001:db8:1:2:abcd::42')).toBe(key);
    expect(addressLimitKey('2001:db8:1:3::1')).not.toBe(key);
  });

  it('gives every address of a random /64 the same key', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        (bytes, host) => {
          const address = ipaddr.fromByteArray([...bytes]).toString();
          const neighbour = ipaddr.fromByteArray([...bytes.slice(0, 8), ...host]).toString();
          fc.pre(notMapped(address) && notMapped(neighbour));
          expect(addressLimitKey(neighbour)).toBe(addressLimitKey(address));
        },
      ),
    );
  });
});
