import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Labels, Namespace, NetworkPolicy } from '../model/types.ts';
import { labelsFrom } from '../model/selector.ts';
import { buildEngineIndex } from './evaluate.ts';
import {
  indexed,
  labels,
  NAMESPACES,
  policy,
  protocol,
  SMALL,
  workload,
} from '../../fixtures/policy-arbitraries.ts';
import { computeReachability, naiveReachability } from './reachability.ts';
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

function namespaces(extra: readonly Labels[]): Namespace[] {
  return NAMESPACES.map((name, i) => ({
    name,
    labels: labelsFrom([
      ...Object.entries(extra[i] ?? {}),
      ['kubernetes.io/metadata.name', name] as const,
    ]),
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
