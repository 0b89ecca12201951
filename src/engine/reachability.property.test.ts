import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type {
  LabelSelector,
  Namespace,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  Protocol,
  Workload,
} from '../model/types.ts';
import { labelsFrom } from '../model/selector.ts';
import { buildEngineIndex } from './evaluate.ts';
import { computeReachability, naiveReachability } from './reachability.ts';
import type { Reachability, ReachabilityOptions } from './reachability.ts';

// Random clusters and policies covering every selector form, ipBlocks with except, named,
// numeric and ranged ports and all protocols. fast-check prints the seed of any failure.
const NAMESPACES = ['a', 'b', 'c'];
const KEYS = ['app', 'tier', 'env'];
const VALUES = ['x', 'y', 'z'];
const PORT_NAMES = ['http', 'dns', 'db'];
const protocol = fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP');

const labels = fc
  .array(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)), { maxLength: 3 })
  .map((pairs) => labelsFrom(pairs));

const selector: fc.Arbitrary<LabelSelector> = fc.record({
  matchLabels: labels,
  matchExpressions: fc.array(
    fc
      .record({
        key: fc.constantFrom(...KEYS, 'kubernetes.io/metadata.name'),
        operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist') as fc.Arbitrary<
          'In' | 'NotIn' | 'Exists' | 'DoesNotExist'
        >,
        values: fc.array(fc.constantFrom(...VALUES, ...NAMESPACES), { minLength: 1, maxLength: 2 }),
      })
      .map((r) =>
        r.operator === 'Exists' || r.operator === 'DoesNotExist' ? { ...r, values: [] } : r,
      ),
    { maxLength: 2 },
  ),
});

const peer: fc.Arbitrary<PolicyPeer> = fc.oneof(
  fc.record({
    kind: fc.constant('selector' as const),
    podSelector: fc.option(selector, { nil: null }),
    namespaceSelector: fc.option(selector, { nil: null }),
  }),
  fc.record({
    kind: fc.constant('ipBlock' as const),
    cidr: fc.constantFrom('10.0.0.0/16', '10.0.1.0/24', '10.0.0.7/8', '0.0.0.0/0'),
    except: fc.subarray(['10.0.1.0/25', '10.0.0.0/30', '10.0.2.0/24']),
  }),
);

const policyPort: fc.Arbitrary<PolicyPort> = fc.oneof(
  fc.record({ protocol, port: fc.constant(null), endPort: fc.constant(null) }),
  fc.record({ protocol, port: fc.constantFrom(53, 80, 5432), endPort: fc.constant(null) }),
  fc.record({ protocol, port: fc.constant(50), endPort: fc.constantFrom(60, 100, 6000) }),
  fc.record({ protocol, port: fc.constantFrom(...PORT_NAMES), endPort: fc.constant(null) }),
);

const rule: fc.Arbitrary<PolicyRule> = fc.record({
  peers: fc.option(fc.array(peer, { minLength: 1, maxLength: 2 }), { nil: null }),
  ports: fc.option(fc.array(policyPort, { minLength: 1, maxLength: 2 }), { nil: null }),
});

const policy = (i: number): fc.Arbitrary<NetworkPolicy> =>
  fc
    .record({
      namespace: fc.constantFrom(...NAMESPACES),
      podSelector: selector,
      ingress: fc.boolean(),
      egress: fc.boolean(),
      ingressRules: fc.array(rule, { maxLength: 2 }),
      egressRules: fc.array(rule, { maxLength: 2 }),
    })
    .map((p) => ({
      id: `${p.namespace}/p${i}`,
      name: `p${i}`,
      namespace: p.namespace,
      namespaceAssumed: false,
      podSelector: p.podSelector,
      policyTypes: { ingress: p.ingress, egress: p.egress },
      policyTypesDefaulted: false,
      ingress: p.ingressRules,
      egress: p.egressRules,
      valid: true,
    }));

const workload = (i: number): fc.Arbitrary<Workload> =>
  fc
    .record({
      namespace: fc.constantFrom(...NAMESPACES),
      labels,
      ports: fc.uniqueArray(
        fc.record({
          name: fc.constantFrom(...PORT_NAMES),
          port: fc.constantFrom(53, 55, 80, 5432),
          protocol,
        }),
        { maxLength: 3, selector: (p) => p.name },
      ),
      ip: fc.option(
        fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.1.5', '10.0.2.9', '192.168.0.1'),
        { nil: undefined },
      ),
    })
    .map((w) => ({
      id: `${w.namespace}/w${i}`,
      kind: 'Pod' as const,
      name: `w${i}`,
      namespace: w.namespace,
      namespaceAssumed: false,
      labels: w.labels,
      ports: w.ports,
      ips: w.ip ? [w.ip] : [],
      inferred: false,
    }));

const cluster = fc.record({
  namespaceLabels: fc.tuple(labels, labels, labels),
  workloads: fc
    .integer({ min: 1, max: 7 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => workload(i)))),
  policies: fc
    .integer({ min: 0, max: 5 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => policy(i)))),
});

const options: fc.Arbitrary<ReachabilityOptions> = fc.oneof(
  fc.constant({}),
  fc.record({ protocol }),
  fc.record({ port: fc.constantFrom<number | string>(53, 80, 55, 'http', 'dns'), protocol }),
);

function namespaces(
  extra: readonly (typeof labels extends fc.Arbitrary<infer L> ? L : never)[],
): Namespace[] {
  return NAMESPACES.map((name, i) => ({
    name,
    labels: labelsFrom([...Object.entries(extra[i] ?? {}), ['kubernetes.io/metadata.name', name]]),
    inferred: false,
  }));
}

function matrix(r: Reachability): boolean[] {
  const out: boolean[] = [];
  r.pods.forEach((_, s) =>
    r.pods.forEach((__, d) => (r.probes[d] ?? []).forEach((_p, k) => out.push(r.allowed(s, d, k)))),
  );
  return out;
}

describe('bulk reachability', () => {
  it('agrees with a per-pair evaluation of every policy', () => {
    fc.assert(
      fc.property(cluster, options, (c, opts) => {
        const index = buildEngineIndex({
          namespaces: namespaces(c.namespaceLabels),
          workloads: c.workloads,
          policies: c.policies,
        });
        const bulk = computeReachability(index, opts);
        const naive = naiveReachability(index, opts);
        expect(bulk.summary).toEqual(naive.summary);
        expect(matrix(bulk)).toEqual(matrix(naive));
      }),
      { numRuns: 300 },
    );
  });

  it('allows everything when there are no policies', () => {
    fc.assert(
      fc.property(cluster, (c) => {
        const index = buildEngineIndex({
          namespaces: namespaces(c.namespaceLabels),
          workloads: c.workloads,
          policies: [],
        });
        const r = computeReachability(index);
        expect(r.summary.denied).toBe(0);
        expect(r.summary.ingressIsolatedPods + r.summary.egressIsolatedPods).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('never removes an allowed flow when a policy is added to a pod already isolated both ways', () => {
    // Policies are a union: once a pod is isolated, another policy can only allow more.
    fc.assert(
      fc.property(cluster, policy(99), (c, extra) => {
        const allPods = {
          ...extra,
          podSelector: { matchLabels: labelsFrom([]), matchExpressions: [] },
        };
        const denyAll: NetworkPolicy = {
          ...allPods,
          id: `${extra.namespace}/deny`,
          name: 'deny',
          policyTypes: { ingress: true, egress: true },
          ingress: [],
          egress: [],
        };
        const ns = namespaces(c.namespaceLabels);
        const before = computeReachability(
          buildEngineIndex({
            namespaces: ns,
            workloads: c.workloads,
            policies: [...c.policies, denyAll],
          }),
        );
        const after = computeReachability(
          buildEngineIndex({
            namespaces: ns,
            workloads: c.workloads,
            policies: [...c.policies, denyAll, extra],
          }),
        );
        const a = matrix(before);
        const b = matrix(after);
        a.forEach((allowed, i) => {
          if (allowed) expect(b[i]).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });
});
