import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { parseIp } from '../model/cidr.ts';
import { externalFlows, externalVerdicts, ipRangesOf, rangeHolds } from './external-ranges.ts';

const TEXT = `
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c, ports: [{containerPort: 9000}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
    ports: [{port: http}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: "2001:db8::/32"}}]
    ports: [{port: 443}]
`;

describe('ipRangesOf', () => {
  it('cuts IPv4 (and IPv6 when an ipBlock is IPv6) into disjoint ranges covering the space', () => {
    const ranges = ipRangesOf(readWorkspace(TEXT));
    expect(ranges.map((r) => r.text)).toEqual([
      '0.0.0.0-9.255.255.255',
      '10.0.0.0-10.0.255.255',
      '10.1.0.0-10.1.255.255',
      '10.2.0.0-10.255.255.255',
      '11.0.0.0-255.255.255.255',
      '::-2001:db7:ffff:ffff:ffff:ffff:ffff:ffff',
      '2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
      '2001:db9::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    ]);
    // Disjoint and contiguous within a family.
    for (let i = 1; i < ranges.length; i++) {
      const [a, b] = [ranges[i - 1]!, ranges[i]!];
      if (a.family === b.family) expect(b.start).toBe(a.end + 1n);
    }
    expect(rangeHolds(ranges[2]!, parseIp('10.1.2.3')!)).toBe(true);
  });

  it('without ipBlocks, the whole IPv4 space is one range', () => {
    expect(ipRangesOf({ policies: [] }).map((r) => r.text)).toEqual(['0.0.0.0-255.255.255.255']);
  });
});

describe('externalFlows', () => {
  const flows = externalFlows(readWorkspace(TEXT));
  const find = (from: string, to: string) => flows.find((f) => f.from === from && f.to === to);

  it('a range inside the ipBlock reaches the pod on the named port, resolved; the except does not', () => {
    expect(find('10.0.0.0-10.0.255.255', 'shop/web')).toMatchObject({
      allowed: true,
      connections: 'TCP 8080',
      policies: ['shop/web-in'],
    });
    expect(find('10.1.0.0-10.1.255.255', 'shop/web')).toMatchObject({
      allowed: false,
      connections: 'No Connections',
    });
    expect(find('11.0.0.0-255.255.255.255', 'shop/web')?.allowed).toBe(false);
  });

  it('egress to ranges: open pods reach everything, isolated ones only their ipBlocks', () => {
    expect(find('shop/web', '0.0.0.0-9.255.255.255')?.connections).toBe('All Connections');
    expect(find('shop/api', '2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')?.connections).toBe(
      'TCP 443',
    );
    expect(find('shop/api', '0.0.0.0-9.255.255.255')?.allowed).toBe(false);
  });

  it('with a port, each verdict is the engine explanation for the range', () => {
    const v = [...externalVerdicts(readWorkspace(TEXT), 'http', 'TCP')];
    const hit = v.find((x) => x.from === '10.2.0.0-10.255.255.255' && x.to === 'shop/web');
    expect(hit).toMatchObject({ allowed: true, port: 8080, portName: 'http' });
    expect(
      v.find((x) => x.from === '10.1.0.0-10.1.255.255' && x.to === 'shop/web')?.explanation.reason,
    ).toMatch(/except 10\.1\.0\.0\/16/);
  });
});
