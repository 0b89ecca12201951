// IP addresses and CIDRs read as the API server reads them (Go's legacy "sloppy" parser: leading
// zeros in IPv4 octets are decimal), shared by validation and the engine.

export interface IpAddress {
  readonly family: 4 | 6;
  /** The address as an unsigned integer of 32 or 128 bits. */
  readonly value: bigint;
}

export interface Cidr {
  readonly family: 4 | 6;
  /** The network address with host bits cleared. */
  readonly network: bigint;
  readonly prefix: number;
  /** True when the text had host bits set (`10.0.0.1/8`); Kubernetes ignores them. */
  readonly hostBitsSet: boolean;
  /** True when an IPv4 octet had a leading zero (`010.0.0.0/8`, read as decimal 10). */
  readonly leadingZeros: boolean;
}

function parseIpv4(text: string): { value: bigint; leadingZeros: boolean } | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  let leadingZeros = false;
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    if (part.length > 1 && part.startsWith('0')) leadingZeros = true;
    value = (value << 8n) | BigInt(n);
  }
  return { value, leadingZeros };
}

function parseIpv6(text: string): bigint | null {
  if (text.length > 45 || !/^[0-9a-fA-F:.]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    const items = s.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i] ?? '';
      if (i === items.length - 1 && item.includes('.')) {
        const v4 = parseIpv4(item);
        if (!v4 || v4.leadingZeros) return null;
        out.push(Number(v4.value >> 16n), Number(v4.value & 0xffffn));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return null;
        out.push(parseInt(item, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

export function parseIp(text: string): IpAddress | null {
  if (text.includes(':')) {
    const v = parseIpv6(text);
    if (v === null) return null;
    // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is that IPv4 address, as Go reads it.
    if (v >> 32n === 0xffffn) return { family: 4, value: v & 0xffffffffn };
    return { family: 6, value: v };
  }
  const v4 = parseIpv4(text);
  return v4 ? { family: 4, value: v4.value } : null;
}

const bits = (family: 4 | 6) => (family === 4 ? 32 : 128);

function mask(family: 4 | 6, prefix: number): bigint {
  const total = bits(family);
  return ((1n << BigInt(total)) - 1n) ^ ((1n << BigInt(total - prefix)) - 1n);
}

export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const addr = text.slice(0, slash);
  const len = text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(len)) return null;
  const prefix = Number(len);
  let family: 4 | 6;
  let value: bigint;
  let leadingZeros = false;
  if (addr.includes(':')) {
    const v = parseIpv6(addr);
    if (v === null) return null;
    family = 6;
    value = v;
  } else {
    const v4 = parseIpv4(addr);
    if (!v4) return null;
    family = 4;
    value = v4.value;
    leadingZeros = v4.leadingZeros;
  }
  if (prefix > bits(family)) return null;
  const m = mask(family, prefix);
  return { family, network: value & m, prefix, hostBitsSet: (value & m) !== value, leadingZeros };
}

export function cidrContains(c: Cidr, ip: IpAddress): boolean {
  return c.family === ip.family && (ip.value & mask(c.family, c.prefix)) === c.network;
}

/** Whether `inner` lies inside `outer` with a strictly longer prefix. */
export function cidrStrictSubset(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    inner.prefix > outer.prefix &&
    (inner.network & mask(outer.family, outer.prefix)) === outer.network
  );
}

export function formatIp(family: 4 | 6, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) =>
    Number((value >> BigInt(112 - 16 * i)) & 0xffffn),
  );
  // RFC 5952: compress the longest run (of two or more) of zero groups.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.family, c.network)}/${c.prefix}`;
}
