import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type {
  ClusterNetworkPolicy,
  ClusterPeer,
  ClusterPolicyRule,
  ClusterPort,
  Labels,
  NetworkPolicy,
  Workload,
} from '../model/types.ts';
import { labelsFrom } from '../model/selector.ts';
import { buildEngineIndex } from './evaluate.ts';
import {
  indexed,
  labelledNamespaces,
  labels,
  NAMESPACES,
  policy,
  PORT_NAMES,
  protocol,
  selector,
  SMALL,
  workload,
} from '../../fixtures/policy-arbitraries.ts';
import { computeReachability, naiveReachability } from './reachability.ts';
import { diffReachability, diffReachabilityPairwise } from './diff-reachability.ts';
import type { Reachability, ReachabilityOptions } from './reachability.ts';

// Random clusters and policies (fixtures/policy-arbitraries.ts) cover every selector form, ipBlocks
// with except, named, numeric and ranged ports and all protocols. fast-check prints failing seeds.
const cluster = fc.record({
  namespaceLabels: fc.tuple(labels(SMALL), labels(SMALL), labels(SMALL)),
  workloads: indexed(1, 7, (i) => workload(i)),
  policies: indexed(0, 5, (i) => policy(i)),
});

const options: fc.Arbitrary<ReachabilityOptions> = fc.oneof(
  fc.constant({}),
  fc.record({ protocol }),
  fc.record({ port: fc.constantFrom<number | string>(53, 80, 55, 'http', 'dns'), protocol }),
);

const namespaces = labelledNamespaces;

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

// Clusters made to test the classes the bulk engine groups pods into: templates copied several
// times (identical pods, one class), copies that differ in one label (a key or value some selector
// reads splits a class; a key none reads must not), addresses that ipBlocks, excepts and networks
// split, Pods and Deployments (a Pod is its own peer), host networking, and namespaces without
// policies whose labels read alike (their pods may share a class across namespaces).
const EXTRA_NAMESPACES = ['d', 'e'];
const ADDRESSES = [
  '10.0.0.1',
  '10.0.0.2',
  '10.0.0.9',
  '10.0.1.5',
  '10.0.1.200',
  '10.0.2.9',
  '192.168.0.1',
  '2001:db8::1',
  '::ffff:10.0.0.1',
  '010.0.0.1',
];

const template = fc.record({
  namespace: fc.constantFrom(...NAMESPACES, ...EXTRA_NAMESPACES),
  base: workload(0),
  kind: fc.constantFrom<Workload['kind']>('Pod', 'Deployment'),
  hostNetwork: fc.boolean(),
  copies: fc.integer({ min: 1, max: 5 }),
  // Each copy may change one label: a key selectors read, or `unread`, which none does.
  changes: fc.array(
    fc.option(
      fc.tuple(fc.constantFrom(...SMALL.keys, 'unread'), fc.constantFrom(...SMALL.values, 'w')),
      { nil: null, freq: 2 },
    ),
    { maxLength: 5 },
  ),
  addresses: fc.array(fc.subarray(ADDRESSES, { maxLength: 2 }), { maxLength: 5 }),
});

type Template = typeof template extends fc.Arbitrary<infer T> ? T : never;

function pods(templates: fc.Arbitrary<readonly Template[]>) {
  return templates.map((ts) => {
    const out: Workload[] = [];
    ts.forEach((t) => {
      for (let c = 0; c < t.copies; c++) {
        const change = t.changes[c] ?? null;
        const name = `w${out.length}`;
        out.push({
          ...t.base,
          id: `${t.namespace}/${name}`,
          name,
          kind: t.kind,
          namespace: t.namespace,
          labels: labelsFrom([...Object.entries(t.base.labels), ...(change ? [change] : [])]),
          ips: t.addresses[c] ?? t.base.ips,
          ...(t.hostNetwork && c === 0 ? { hostNetwork: true } : {}),
        });
      }
    });
    return out;
  });
}

const clusterPort: fc.Arbitrary<ClusterPort> = fc.oneof(
  fc.record({
    kind: fc.constant('port' as const),
    protocol,
    start: fc.constantFrom(53, 80, 50),
    end: fc.constantFrom(53, 80, 100),
  }),
  fc.record({ kind: fc.constant('named' as const), name: fc.constantFrom(...PORT_NAMES) }),
);

const clusterPeer = (egress: boolean): fc.Arbitrary<ClusterPeer> =>
  fc.oneof(
    fc.record({ kind: fc.constant('namespaces' as const), namespaceSelector: selector(SMALL) }),
    fc.record({
      kind: fc.constant('pods' as const),
      namespaceSelector: selector(SMALL),
      podSelector: selector(SMALL),
    }),
    ...(egress
      ? [
          fc.record({
            kind: fc.constant('networks' as const),
            cidrs: fc.subarray(['10.0.0.0/30', '10.0.1.0/25', '192.168.0.0/16', '2001:db8::/32'], {
              minLength: 1,
            }),
          }),
          fc.constant({ kind: 'unknown' as const }),
        ]
      : []),
  );

const clusterRule = (egress: boolean): fc.Arbitrary<ClusterPolicyRule> =>
  fc.record({
    name: fc.constant(''),
    action: fc.constantFrom('Accept', 'Deny', 'Pass'),
    peers: fc.array(clusterPeer(egress), { minLength: 1, maxLength: 2 }),
    ports: fc.option(fc.array(clusterPort, { minLength: 1, maxLength: 2 }), { nil: null }),
  });

const clusterPolicy = (i: number): fc.Arbitrary<ClusterNetworkPolicy> =>
  fc
    .record({
      tier: fc.constantFrom('Admin', 'Baseline'),
      priority: fc.integer({ min: 0, max: 3 }),
      namespaceSelector: selector(SMALL),
      podSelector: fc.option(selector(SMALL), { nil: null }),
      ingress: fc.array(clusterRule(false), { maxLength: 2 }),
      egress: fc.array(clusterRule(true), { maxLength: 2 }),
    })
    .map((p) => ({
      id: `c${i}`,
      kind: 'ClusterNetworkPolicy' as const,
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      name: `c${i}`,
      tier: p.tier,
      priority: p.priority,
      subject: { namespaceSelector: p.namespaceSelector, podSelector: p.podSelector },
      ingress: p.ingress,
      egress: p.egress,
      valid: true,
    }));

const classCluster = fc.record({
  namespaceLabels: fc.tuple(labels(SMALL), labels(SMALL), labels(SMALL)),
  extraLabels: fc.constantFrom<Labels>(labelsFrom([]), labelsFrom([['env', 'x']])),
  workloads: pods(fc.array(template, { minLength: 1, maxLength: 4 })),
  policies: indexed(0, 4, (i) => policy(i)),
  clusterPolicies: indexed(0, 3, (i) => clusterPolicy(i)),
});

interface ClassCluster {
  namespaceLabels: readonly [Labels, Labels, Labels];
  extraLabels: Labels;
  workloads: readonly Workload[];
  policies: readonly NetworkPolicy[];
  clusterPolicies: readonly ClusterNetworkPolicy[];
}

/** The cluster's workspace: its namespaces, the extra ones with their labels, and its objects. */
function classWorkspace(c: ClassCluster) {
  return {
    namespaces: [
      ...namespaces(c.namespaceLabels),
      ...EXTRA_NAMESPACES.map((name) => ({
        name,
        labels: labelsFrom([
          ...Object.entries(c.extraLabels),
          ['kubernetes.io/metadata.name', name] as const,
        ]),
        inferred: false,
      })),
    ],
    workloads: c.workloads,
    policies: c.policies,
    clusterPolicies: c.clusterPolicies,
  };
}

function classIndex(c: ClassCluster) {
  return buildEngineIndex(classWorkspace(c));
}

// The bulk engine shares a class's tier rule lists: per distinct pod selector of the policies'
// subjects (asked once per class), per namespace, and across namespaces and classes that the same
// policies select. Here many policies share few subject selectors (and namespace selectors), and
// in the second property more than 30 distinct selectors pick the same namespace's pods.
const SHARED_POD_SELECTORS = [
  { matchLabels: labelsFrom([['app', 'x']]), matchExpressions: [] },
  {
    matchLabels: labelsFrom([]),
    matchExpressions: [{ key: 'tier', operator: 'Exists' as const, values: [] }],
  },
  { matchLabels: labelsFrom([['env', 'y']]), matchExpressions: [] },
];
const SHARED_NAMESPACE_SELECTORS = [
  { matchLabels: labelsFrom([]), matchExpressions: [] },
  { matchLabels: labelsFrom([['kubernetes.io/metadata.name', 'a']]), matchExpressions: [] },
  {
    matchLabels: labelsFrom([]),
    matchExpressions: [{ key: 'env', operator: 'NotIn' as const, values: ['x'] }],
  },
];
const sharingPolicy = (i: number): fc.Arbitrary<ClusterNetworkPolicy> =>
  fc
    .record({
      base: clusterPolicy(i),
      podSelector: fc.option(fc.constantFrom(...SHARED_POD_SELECTORS), { nil: null }),
      namespaceSelector: fc.constantFrom(...SHARED_NAMESPACE_SELECTORS),
    })
    .map(({ base, podSelector, namespaceSelector }) => ({
      ...base,
      subject: { namespaceSelector, podSelector },
    }));

const manySelectorPolicies = fc
  .array(fc.subarray(['x', 'y', 'z', 'w'], { minLength: 1 }), { minLength: 31, maxLength: 34 })
  .chain((values) =>
    fc.tuple(
      ...values.map((vs, i) =>
        fc.tuple(clusterPolicy(i), clusterRule(false), clusterRule(true)).map(([p, from, to]) => ({
          ...p,
          // One tier, rules on both sides: every policy is a candidate of both of its lists.
          tier: 'Admin' as const,
          ingress: [from, ...p.ingress],
          egress: [to, ...p.egress],
          // Distinct selectors (each names a key of its own, absent from every pod), each
          // picking the pods whose `app` is one of its values.
          subject: {
            namespaceSelector: { matchLabels: labelsFrom([]), matchExpressions: [] },
            podSelector: {
              matchLabels: labelsFrom([]),
              matchExpressions: [
                { key: 'app', operator: 'In' as const, values: vs },
                { key: `k${i}`, operator: 'DoesNotExist' as const, values: [] },
              ],
            },
          },
        })),
      ),
    ),
  );

describe('bulk reachability over classes of pods', () => {
  it('agrees with a per-pair evaluation when many pods are alike', () => {
    fc.assert(
      fc.property(classCluster, options, (c, opts) => {
        const index = classIndex(c);
        const bulk = computeReachability(index, opts);
        const naive = naiveReachability(index, opts);
        expect(bulk.summary).toEqual(naive.summary);
        expect(matrix(bulk)).toEqual(matrix(naive));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a per-pair evaluation when cluster policies share subject selectors', () => {
    fc.assert(
      fc.property(
        classCluster,
        fc
          .array(fc.nat(), { minLength: 2, maxLength: 8 })
          .chain((xs) => fc.tuple(...xs.map((_, i) => sharingPolicy(i)))),
        options,
        (c, clusterPolicies, opts) => {
          const index = classIndex({ ...c, clusterPolicies });
          const bulk = computeReachability(index, opts);
          const naive = naiveReachability(index, opts);
          expect(bulk.summary).toEqual(naive.summary);
          expect(matrix(bulk)).toEqual(matrix(naive));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('agrees with a per-pair evaluation when more than 30 subject selectors pick a namespace', () => {
    fc.assert(
      fc.property(classCluster, manySelectorPolicies, (c, clusterPolicies) => {
        const index = classIndex({ ...c, clusterPolicies });
        const bulk = computeReachability(index);
        const naive = naiveReachability(index);
        expect(bulk.summary).toEqual(naive.summary);
        expect(matrix(bulk)).toEqual(matrix(naive));
      }),
      { numRuns: 40 },
    );
  });
});

describe('diffReachability', () => {
  it('law: comparing groups of alike pods gives what comparing every pair gives', () => {
    fc.assert(
      fc.property(
        classCluster,
        indexed(0, 4, (i) => policy(i)),
        indexed(0, 3, (i) => clusterPolicy(i)),
        options,
        fc.nat(),
        (c, policies, clusterPolicies, opts, drop) => {
          // The other version: other policies, and one workload fewer (never compared).
          const before = classWorkspace(c);
          const after = classWorkspace({
            ...c,
            workloads: c.workloads.filter((_, i) => i !== drop % (c.workloads.length + 1)),
            policies,
            clusterPolicies,
          });
          expect(diffReachability(before, after, opts)).toEqual(
            diffReachabilityPairwise(before, after, opts),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
