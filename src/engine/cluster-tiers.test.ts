import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { buildEngineIndex, evaluateFlow } from './evaluate.ts';
import type { Endpoint } from './evaluate.ts';
import { computeReachability, naiveReachability } from './reachability.ts';

const pod = (ns: string, name: string, labels: string, ip: string, extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}, labels: {${labels}}}\nspec:\n  ${extra}containers: [{name: c, image: i, ports: [{name: web, containerPort: 80}, {name: dns, containerPort: 53, protocol: UDP}]}]\nstatus: {podIP: ${ip}}\n`;
const CLUSTER = [
  pod('a', 'a1', 'app: a1', '10.0.1.1'),
  pod('a', 'a2', 'app: a2', '10.0.1.2'),
  pod('b', 'b1', 'app: b1', '10.0.2.1'),
  pod('b', 'host', 'app: host', '192.168.0.5', 'hostNetwork: true\n  '),
];
const cnp = (name: string, tier: string, priority: number, body: string) =>
  `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: ${name}}\nspec:\n  tier: ${tier}\n  priority: ${priority}\n${body}`;

function setup(...policies: string[]) {
  const ws = readWorkspace([...CLUSTER, ...policies].join('---\n'));
  expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const index = buildEngineIndex(ws);
  const w = (id: string): Endpoint => ({
    kind: 'workload',
    workload: ws.workloads.find((x) => x.id === id)!,
  });
  const flow = (from: string, to: string, port: number | string = 80, protocol = 'TCP' as const) =>
    evaluateFlow(index, {
      from: from.includes('/') ? w(from) : { kind: 'external', ip: from },
      to: to.includes('/') ? w(to) : { kind: 'external', ip: to },
      port,
      protocol,
    });
  return { ws, index, flow };
}

const denyIngressToA = cnp(
  'deny-a',
  'Admin',
  10,
  `  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: a}}}\n  ingress:\n  - name: pass-b1\n    action: Pass\n    from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: b1}}}}]\n  - name: deny-all\n    action: Deny\n    from: [{namespaces: {}}]\n`,
);

describe('tiers and explanations', () => {
  it('an Admin Deny decides before NetworkPolicy and says so', () => {
    const { flow } = setup(denyIngressToA);
    const v = flow('a/a2', 'a/a1');
    expect(v.allowed).toBe(false);
    expect(v.ingress).toMatchObject({
      tier: 'Admin',
      clusterPolicies: { Admin: ['deny-a'], Baseline: [] },
      clusterMatches: [
        { tier: 'Admin', policy: 'deny-a', priority: 10, ruleIndex: 1, action: 'Deny' },
      ],
    });
    expect(v.ingress.reason).toBe(
      'Admin tier: deny-a (priority 10) ingress rule 2 (deny-all) denies TCP 80 from a/a2; NetworkPolicy not consulted',
    );
    expect(v.egress).toMatchObject({ tier: 'Default', allowed: true, clusterMatches: [] });
  });

  it('a Pass goes on to NetworkPolicy, then Baseline, and both steps are explained', () => {
    const np = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: only-a2, namespace: a}\nspec:\n  podSelector: {matchLabels: {app: a1}}\n  ingress: [{from: [{podSelector: {matchLabels: {app: a2}}}]}]\n`;
    const baseline = cnp(
      'base',
      'Baseline',
      1,
      `  subject: {namespaces: {}}\n  ingress:\n  - action: Deny\n    from: [{namespaces: {}}]\n`,
    );
    const { flow } = setup(denyIngressToA, np, baseline);
    const toA1 = flow('b/b1', 'a/a1');
    expect(toA1).toMatchObject({ allowed: false, ingress: { tier: 'NetworkPolicy' } });
    expect(toA1.ingress.clusterMatches.map((m) => m.action)).toEqual(['Pass']);
    expect(toA1.ingress.reason).toMatch(
      /^Admin tier: deny-a \(priority 10\) ingress rule 1 \(pass-b1\) passes TCP 80 from b\/b1 on to NetworkPolicy; a\/a1 is isolated/,
    );
    const toA2 = flow('b/b1', 'a/a2');
    expect(toA2).toMatchObject({ allowed: false, ingress: { tier: 'Baseline' } });
    expect(toA2.ingress.clusterMatches.map((m) => [m.tier, m.action])).toEqual([
      ['Admin', 'Pass'],
      ['Baseline', 'Deny'],
    ]);
  });

  it('an egress Accept ends egress only: the destination ingress still applies', () => {
    const accept = cnp(
      'accept-out',
      'Admin',
      1,
      `  subject: {namespaces: {}}\n  egress:\n  - action: Accept\n    to: [{namespaces: {}}]\n`,
    );
    const { flow } = setup(accept, denyIngressToA);
    const v = flow('a/a2', 'a/a1');
    expect(v.egress).toMatchObject({ allowed: true, tier: 'Admin' });
    expect(v.ingress).toMatchObject({ allowed: false, tier: 'Admin' });
  });

  it('networks peers match pod IPs and external addresses; except the pod itself', () => {
    const deny = cnp(
      'no-10',
      'Admin',
      1,
      `  subject: {namespaces: {}}\n  egress:\n  - action: Deny\n    to: [{networks: [10.0.1.0/24, 8.8.8.0/24]}]\n`,
    );
    const { flow } = setup(deny);
    expect(flow('b/b1', 'a/a1').allowed).toBe(false);
    expect(flow('b/b1', '8.8.8.8').allowed).toBe(false);
    expect(flow('b/b1', '1.1.1.1').allowed).toBe(true);
    expect(flow('a/a1', 'a/a1')).toMatchObject({ allowed: true, egress: { clusterExempt: true } });
  });

  it('host-networked pods are never subjects or selector peers', () => {
    const { flow } = setup(
      cnp(
        'deny-b',
        'Admin',
        1,
        `  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: b}}}\n  ingress:\n  - action: Deny\n    from: [{namespaces: {}}]\n`,
      ),
    );
    expect(flow('a/a1', 'b/b1').allowed).toBe(false);
    expect(flow('a/a1', 'b/host').allowed).toBe(true);
    expect(flow('b/host', 'b/b1').allowed).toBe(true);
  });

  it('a rule with a peer of an unknown kind fails closed', () => {
    const text = (action: string) =>
      `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: x}\nspec:\n  priority: 1\n  subject: {namespaces: {}}\n  ingress:\n  - action: ${action}\n    from: [{namespaces: {namespaceSelector: {}, sameLabels: [team]}}]\n`;
    expect(setup(text('Pass')).flow('a/a1', 'b/b1').ingress).toMatchObject({
      allowed: false,
      clusterMatches: [{ action: 'Deny', failedClosed: true }],
    });
    expect(setup(text('Allow')).flow('a/a1', 'b/b1').ingress.tier).toBe('Default');
  });

  it('evaluates v1alpha1 policies with their meaning (Allow is Accept, ANP before NetworkPolicy)', () => {
    const anp = `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: allow-dns}\nspec:\n  priority: 3\n  subject: {namespaces: {}}\n  egress:\n  - action: Allow\n    to: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: b1}}}}]\n    ports: [{portNumber: {protocol: UDP, port: 53}}]\n`;
    const denyAll = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: a}\nspec: {podSelector: {}, policyTypes: [Egress]}\n`;
    const { flow } = setup(anp, denyAll);
    expect(flow('a/a1', 'b/b1', 53, 'UDP' as 'TCP')).toMatchObject({
      allowed: true,
      egress: { tier: 'Admin', clusterMatches: [{ policy: 'AdminNetworkPolicy/allow-dns' }] },
    });
    expect(flow('a/a1', 'b/b1', 80).egress.tier).toBe('NetworkPolicy');
  });

  it('without cluster policies, explanations are the NetworkPolicy ones', () => {
    const { flow } = setup();
    expect(flow('a/a1', 'b/b1').ingress).toMatchObject({
      tier: 'Default',
      clusterMatches: [],
      reason: 'b/b1 is not isolated for ingress: no policy with Ingress selects it',
    });
  });
});

describe('bulk engine with cluster policies', () => {
  const action = fc.constantFrom('Accept', 'Deny', 'Pass');
  const peer = fc.oneof(
    fc.constantFrom(
      '{namespaces: {}}',
      '{namespaces: {matchLabels: {kubernetes.io/metadata.name: a}}}',
      '{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: a1}}}}',
      '{networks: [10.0.2.0/24]}',
      '{networks: [0.0.0.0/0]}',
    ),
  );
  const ports = fc.constantFrom(
    '',
    '\n    protocols: [{tcp: {destinationPort: {number: 80}}}]',
    '\n    protocols: [{destinationNamedPort: dns}]',
    '\n    protocols: [{udp: {destinationPort: {range: {start: 50, end: 60}}}}]',
  );
  const rule = fc
    .tuple(action, peer, ports)
    .map(([a, p, pt]) => `  - action: ${a}\n    to: [${p}]${pt}\n`);
  const policy = fc
    .tuple(
      fc.constantFrom('Admin', 'Baseline'),
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom(
        '{namespaces: {}}',
        '{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: a2}}}}',
      ),
      fc.array(rule, { minLength: 1, maxLength: 3 }),
      fc.array(rule, { maxLength: 2 }),
      fc.boolean(),
    )
    .map(([tier, pr, subject, egress, ingress]) =>
      `  subject: ${subject}\n  egress:\n${egress.join('')}${
        ingress.length
          ? `  ingress:\n${ingress
              .join('')
              .replaceAll('    to:', '    from:')
              .replaceAll(/\{networks: \[[^\]]*\]\}/g, '{namespaces: {}}')}`
          : ''
      }`.replace(/^/, `  tier: ${tier}\n  priority: ${pr}\n`),
    );
  const np = fc.constantFrom(
    '',
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n, namespace: b}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n`,
  );

  it('gives the per-flow answers for every pair and probe', () => {
    fc.assert(
      fc.property(fc.array(policy, { minLength: 1, maxLength: 4 }), np, (specs, extra) => {
        const docs = specs.map(
          (s, i) =>
            `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: p${i}}\nspec:\n${s}`,
        );
        const ws = readWorkspace([...CLUSTER, ...docs, ...(extra ? [extra] : [])].join('---\n'));
        const index = buildEngineIndex(ws);
        const bulk = computeReachability(index);
        const naive = naiveReachability(index);
        expect(bulk.summary).toEqual(naive.summary);
        bulk.pods.forEach((_, s) =>
          bulk.pods.forEach((__, d) =>
            (bulk.probes[d] ?? []).forEach((___, k) =>
              expect(bulk.allowed(s, d, k), `${s}->${d}#${k}`).toBe(naive.allowed(s, d, k)),
            ),
          ),
        );
      }),
      { numRuns: 150 },
    );
  });
});
