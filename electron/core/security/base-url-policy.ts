import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { UserFacingError } from '../errors';

/**
 * Where a source's API key may be sent. Practice-management APIs are public servers; an address on
 * this computer, the local network or the cloud's metadata service (169.254.169.254) is where a
 * stolen key would be useful to someone, so it is refused — except plain 127.0.0.1, where the
 * emulators run, or when the person running ClinicSync allows it (CLINICSYNC_ALLOW_PRIVATE_API_HOSTS=1;
 * an environment variable, so neither the console nor anyone holding its token can switch it on).
 */
export const ALLOW_PRIVATE_API_HOSTS_ENV = 'CLINICSYNC_ALLOW_PRIVATE_API_HOSTS';

const NOT_PUBLIC = new BlockList();
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
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Loopback, private, link-local, shared, multicast or reserved: anything but a public address. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // IPv4-mapped IPv6 (::ffff:a.b.c.d) only ever disguises an IPv4 address; no API is published that way.
  // (Not a BlockList rule: BlockList checks IPv4 addresses against IPv6 rules in their mapped form.)
  if (family === 6 && /^::ffff:/i.test(address)) return true;
  return NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type HostLookup = (hostname: string) => Promise<string[]>;

const systemLookup: HostLookup = async (hostname) => (await dnsLookup(hostname, { all: true })).map((entry) => entry.address);

/** The host part of a base URL (with its port), or null for the vendor's default address. */
export function hostOf(baseUrl: string | null): string | null {
  return baseUrl === null ? null : new URL(baseUrl).host.toLowerCase();
}

export class BaseUrlPolicy {
  constructor(private readonly options: { allowPrivate: boolean; lookup?: HostLookup }) {}

  /** Throws a user-facing error when a key must not be sent to `baseUrl` (null: the vendor's default). */
  async check(baseUrl: string | null): Promise<void> {
    if (baseUrl === null || this.options.allowPrivate) return;
    const hostname = new URL(baseUrl).hostname.replace(/^\[(.*)\]$/, '$1');
    if (hostname === '127.0.0.1') return;
    const addresses = isIP(hostname) !== 0 ? [hostname] : await this.resolve(hostname);
    const refused = addresses.find(isNonPublicAddress);
    if (refused === undefined) return;
    const via = refused === hostname ? '' : ` (it resolves to ${refused})`;
    throw new UserFacingError(
      'base_url_not_public',
      `ClinicSync will not send an API key to ${hostname}${via}: it is on this computer, the local network or a cloud metadata service, not a public API server. ` +
        `Plain 127.0.0.1 is allowed for the emulators; to allow other local addresses, start ClinicSync with ${ALLOW_PRIVATE_API_HOSTS_ENV}=1.`,
      { fields: { baseUrl: 'Not a public API address.' } },
    );
  }

  /** A name that does not resolve is left to fail when it is used: there is nothing there to send a key to. */
  private async resolve(hostname: string): Promise<string[]> {
    try {
      return await (this.options.lookup ?? systemLookup)(hostname);
    } catch {
      return [];
    }
  }
}
