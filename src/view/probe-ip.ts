// An address to stand for an external network when probing flows: inside its CIDR, outside its
// excepts, and recognisable (documentation ranges) when the CIDR is the whole internet.
import { cidrContains, formatIp, parseCidr } from '../model/cidr.ts';

const DOC_ADDRESS = { 4: '203.0.113.10', 6: '2001:db8::10' } as const;

export function probeIpFor(cidr: string, except: readonly string[]): string | null {
  const c = parseCidr(cidr);
  if (!c) return null;
  const bits = c.family === 4 ? 32 : 128;
  const size = 1n << BigInt(bits - c.prefix);
  const excluded = except.map(parseCidr).filter((x) => x !== null);
  const candidates: bigint[] = [];
  if (c.prefix === 0) {
    const doc = parseCidr(`${DOC_ADDRESS[c.family]}/${bits}`);
    if (doc) candidates.push(doc.network);
  }
  candidates.push(
    c.network + (size > 2n ? 1n : 0n),
    c.network + size / 2n,
    c.network + size - (size > 2n ? 2n : 1n),
  );
  for (const value of candidates) {
    const ip = { family: c.family, value };
    if (!excluded.some((x) => x.family === c.family && cidrContains(x, ip)))
      return formatIp(c.family, value);
  }
  return null;
}
