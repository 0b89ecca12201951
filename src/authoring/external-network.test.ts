import { describe, expect, it } from 'vitest';
import { checkExternalNetwork, cleanExternalNetworks } from './external-network.ts';

describe('checkExternalNetwork', () => {
  it('accepts IPv4 and IPv6 CIDRs, canonically, with a tidied name', () => {
    expect(checkExternalNetwork(' 10.0.0.0/8 ', '  corp   network ', [])).toEqual({
      cidr: '10.0.0.0/8',
      name: 'corp network',
    });
    expect(checkExternalNetwork('2001:DB8:0:0::/64', '', [])).toEqual({
      cidr: '2001:db8::/64',
      name: '',
    });
  });

  it('says what is wrong with the CIDR, in the API server’s words where it has them', () => {
    expect(checkExternalNetwork('', 'x', [])).toEqual({ error: 'cidr: Required value' });
    expect(checkExternalNetwork('192.168.5.6', '', [])).toEqual({
      error:
        'cidr: Invalid value: "192.168.5.6": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    });
    expect(checkExternalNetwork('10.0.0.1/8', '', [])).toEqual({
      error: '10.0.0.1/8 has bits set beyond the prefix length: did you mean 10.0.0.0/8?',
    });
    expect(checkExternalNetwork('010.0.0.0/8', '', [])).toEqual({
      error: '010.0.0.0/8 has leading zeros: write 10.0.0.0/8',
    });
  });

  it('refuses a CIDR already on the canvas and over-long names', () => {
    const existing = [{ cidr: '10.0.0.0/8', name: 'corp' }];
    expect(checkExternalNetwork('10.0.0.0/8', 'again', existing)).toEqual({
      error: '10.0.0.0/8 is already on the canvas',
    });
    expect('error' in checkExternalNetwork('10.1.0.0/16', 'x'.repeat(64), existing)).toBe(true);
  });
});

describe('cleanExternalNetworks', () => {
  it('keeps the valid saved entries and drops the rest without throwing', () => {
    expect(
      cleanExternalNetworks([
        { cidr: '0.0.0.0/0', name: 'internet' },
        { cidr: '0.0.0.0/0', name: 'dup' },
        { cidr: 'nope', name: '' },
        { cidr: 1, name: '' },
        null,
        'x',
        { cidr: '10.0.0.0/8' },
      ]),
    ).toEqual([{ cidr: '0.0.0.0/0', name: 'internet' }]);
    expect(cleanExternalNetworks({ cidr: '0.0.0.0/0' })).toEqual([]);
  });
});
