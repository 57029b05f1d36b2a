/**
 * `cidr`: IPv4 (`10.0.0.0/24`) and IPv6 (`2001:db8::/32`) blocks. Event values match when they
 * are address strings of the same family inside the block.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { describeJson, InvalidPatternError } from './invalid-pattern-error.ts';
import type { StringPredicate } from './string-operators.ts';

interface ParsedAddress {
  bits: 32 | 128;
  value: bigint;
}

function ipv4ToBigInt(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(text: string): bigint {
  let address = text;
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) stands for the last two groups.
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4Tail) {
    const v4 = ipv4ToBigInt(v4Tail[1]);
    address = `${address.slice(0, v4Tail.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups =
    tail === undefined ? headGroups : [...headGroups, ...Array(missing).fill('0'), ...tailGroups];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

export function parseAddress(text: string): ParsedAddress | undefined {
  if (isIPv4(text)) return { bits: 32, value: ipv4ToBigInt(text) };
  if (isIPv6(text)) return { bits: 128, value: ipv6ToBigInt(text) };
  return undefined;
}

export function cidrPredicate(field: string, operand: unknown): StringPredicate {
  const invalid = () =>
    new InvalidPatternError(
      `cidr match pattern for "${field}" must be an IPv4 or IPv6 CIDR block such as 10.0.0.0/24, got ${describeJson(operand)}`,
    );
  if (typeof operand !== 'string') throw invalid();
  const [addressText, lengthText, extra] = operand.split('/');
  const network = parseAddress(addressText);
  if (!network || extra !== undefined) throw invalid();
  const prefixLength = lengthText === undefined ? network.bits : Number(lengthText);
  if (!/^\d+$/.test(lengthText ?? String(network.bits)) || prefixLength > network.bits)
    throw invalid();

  const hostBits = BigInt(network.bits - prefixLength);
  const networkPrefix = network.value >> hostBits;
  return (value) => {
    const address = parseAddress(value);
    return (
      address !== undefined &&
      address.bits === network.bits &&
      address.value >> hostBits === networkPrefix
    );
  };
}
