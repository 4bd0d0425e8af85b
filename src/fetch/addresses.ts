import { BlockList, isIP } from 'node:net';

/**
 * Addresses a link may not lead to: the machine itself, the local network and every range that
 * is not the public internet. A link sent to the bot is fetched from inside the deployment, so a
 * link to 127.0.0.1, 10.0.0.5 or a cloud metadata address (169.254.169.254) must not be.
 */
const BLOCKED: ReadonlyArray<[string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local, cloud metadata
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'], // protocol assignments
  ['192.0.2.0', 24, 'ipv4'], // documentation
  ['192.88.99.0', 24, 'ipv4'], // 6to4 relay
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'], // NAT64: may reach any IPv4 address
  ['64:ff9b:1::', 48, 'ipv6'],
  ['100::', 64, 'ipv6'], // discard
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['2002::', 16, 'ipv6'], // 6to4: may embed a private IPv4 address
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // site-local (deprecated)
  ['ff00::', 8, 'ipv6'], // multicast
];

const blocked = new BlockList();
for (const [address, prefix, type] of BLOCKED) blocked.addSubnet(address, prefix, type);

/**
 * Whether `address` (an IPv4 or IPv6 literal) is on the public internet. IPv4-mapped IPv6
 * addresses (::ffff:127.0.0.1) are judged as the IPv4 address they carry.
 *
 * @example
 * isPublicAddress('127.0.0.1') // false
 * isPublicAddress('::ffff:10.0.0.1') // false
 * isPublicAddress('202.108.22.5') // true
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return false;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  if (mapped) return !blocked.check(mapped[1] as string, 'ipv4');
  return !blocked.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}
