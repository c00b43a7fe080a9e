/**
 * Where a webhook may point. Webhooks make the gateway send requests to a URL a key holder
 * chose, so by default only public https destinations are reached: no http, no loopback,
 * private, link-local or other reserved address, neither written in the URL nor resolved from
 * its host name (checked again when connecting, so DNS cannot point a public name inside).
 * SWITCHYARD_WEBHOOK_ALLOW_PRIVATE=1 lifts both rules, for receivers on this machine or the
 * local network (and the tests' receivers on 127.0.0.1).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const reserved = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  reserved.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  reserved.addSubnet(network, prefix, 'ipv6');
}

/** Loopback, private, link-local, shared, multicast or unspecified: not a public host. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return reserved.check(mapped[1]!, 'ipv4');
  const family = isIP(bare);
  if (family === 4) return reserved.check(bare, 'ipv4');
  if (family === 6) return reserved.check(bare, 'ipv6');
  return false;
}

const localNames = /^(localhost|.*\.localhost|.*\.local|.*\.internal)$/i;

/** Why `destination` cannot be a webhook's, or null when it can. */
export function destinationProblem(destination: string, allowPrivate: boolean): string | null {
  if (!URL.canParse(destination)) return 'must be an absolute http(s) URL, e.g. https://example.com/hooks/helicone';
  const url = new URL(destination);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must be an http(s) URL, not ${url.protocol}`;
  if (url.username || url.password) return 'must not carry a user name or password';
  if (allowPrivate) return null;
  if (url.protocol !== 'https:') return 'must be an https:// URL (set SWITCHYARD_WEBHOOK_ALLOW_PRIVATE=1 to allow http and private hosts)';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (localNames.test(host) || isPrivateAddress(host)) {
    return `points at a private or loopback host (${host}); set SWITCHYARD_WEBHOOK_ALLOW_PRIVATE=1 to allow it`;
  }
  return null;
}

/** Only scheme, host and port: a destination's path or query may hold a token, which logs must not show. */
export function destinationOrigin(destination: string): string {
  return URL.canParse(destination) ? new URL(destination).origin : '(invalid URL)';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for outgoing webhook connections that refuses names resolving to a private address.
 * Node calls it with `all: true` when it tries several addresses (autoSelectFamily).
 */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
    if (blocked) {
      const refusal: NodeJS.ErrnoException = new Error(`webhook host ${hostname} resolves to a private address (${blocked.address})`);
      refusal.code = 'EWEBHOOKPRIVATE';
      return callback(refusal, '');
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
}
