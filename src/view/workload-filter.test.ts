import { describe, expect, it } from 'vitest';
import type { NetworkPolicy, PolicyRule } from '../model/types.ts';
import { NO_FILTER, hasDeniedFlows, isFilterActive, matchingWorkloads } from './workload-filter.ts';
import type { FilterableWorkload } from './workload-filter.ts';

const rule = (peers: PolicyRule['peers'], ports: PolicyRule['ports']): PolicyRule => ({
  peers,
  ports,
});
const policy = (
  id: string,
  ingress: PolicyRule[] | null,
  egress: PolicyRule[] | null,
): NetworkPolicy => ({
  id,
  name: id.split('/')[1] ?? id,
  namespace: id.split('/')[0] ?? '',
  namespaceAssumed: false,
  podSelector: { matchLabels: {}, matchExpressions: [] },
  policyTypes: { ingress: ingress !== null, egress: egress !== null },
  policyTypesDefaulted: false,
  ingress: ingress ?? [],
  egress: egress ?? [],
  valid: true,
});

const fromWeb = rule(
  [
    {
      kind: 'selector',
      podSelector: { matchLabels: { app: 'web' }, matchExpressions: [] },
      namespaceSelector: null,
    },
  ],
  [{ protocol: 'TCP', port: 8080, endPort: null }],
);
const policies = new Map(
  [
    policy('shop/deny-all', [], []),
    policy('shop/api-from-web', [fromWeb], null),
    policy('shop/allow-all-in', [rule(null, null)], null),
    policy(
      'ops/all-ports-from-anyone-but-80',
      [rule(null, [{ protocol: 'TCP', port: 80, endPort: null }])],
      null,
    ),
  ].map((p) => [p.id, p]),
);

const wl = (id: string, ingress: string[], egress: string[] = []): FilterableWorkload => ({
  id,
  namespace: id.split('/')[0] ?? '',
  isolation: { ingress: ingress.length > 0, egress: egress.length > 0 },
  policies: { ingress, egress },
});
const workloads = [
  wl('shop/web', ['shop/deny-all'], ['shop/deny-all']),
  wl('shop/api', ['shop/api-from-web']),
  wl('shop/open', ['shop/allow-all-in']),
  wl('shop/free', []),
  wl('ops/metrics', ['ops/all-ports-from-anyone-but-80']),
];

describe('hasDeniedFlows', () => {
  it('is isolation with no rule allowing every peer on every port in that direction', () => {
    const denied = workloads.filter((w) => hasDeniedFlows(w, policies)).map((w) => w.id);
    expect(denied).toEqual(['shop/web', 'shop/api', 'ops/metrics']);
  });

  it('an allow-all rule in one direction leaves the other direction to decide', () => {
    const both = wl('shop/both', ['shop/allow-all-in'], ['shop/deny-all']);
    expect(hasDeniedFlows(both, policies)).toBe(true);
  });
});

describe('matchingWorkloads', () => {
  it('keeps every workload without a filter', () => {
    expect(isFilterActive(NO_FILTER)).toBe(false);
    expect(matchingWorkloads(workloads, NO_FILTER, policies).size).toBe(workloads.length);
  });

  it('ANDs namespaces, isolation and denied flows', () => {
    const ids = (f: Partial<typeof NO_FILTER>) => [
      ...matchingWorkloads(workloads, { ...NO_FILTER, ...f }, policies),
    ];
    expect(ids({ namespaces: ['ops'] })).toEqual(['ops/metrics']);
    expect(ids({ isolatedOnly: true })).toEqual([
      'shop/web',
      'shop/api',
      'shop/open',
      'ops/metrics',
    ]);
    expect(ids({ deniedOnly: true, namespaces: ['shop'] })).toEqual(['shop/web', 'shop/api']);
    expect(ids({ namespaces: ['nowhere'] })).toEqual([]);
    expect(isFilterActive({ ...NO_FILTER, deniedOnly: true })).toBe(true);
  });
});
