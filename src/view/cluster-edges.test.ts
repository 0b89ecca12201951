// Cluster policy rules on the canvas graph: one edge per rule peer and subject, carrying the tier
// and action, drawn between the same kinds of nodes as NetworkPolicy rules.
import { describe, expect, it } from 'vitest';
import { withInferred } from '../model/infer-workloads.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { CLUSTER_TIERS_YAML } from '../ui/examples/cluster-tiers.ts';
import { buildGraph } from './build-graph.ts';
import { clusterActionText, clusterPortsText } from './labels.ts';

const graphOf = (yaml: string) => buildGraph(withInferred(readWorkspace(yaml)));

describe('cluster policy edges', () => {
  const graph = graphOf(CLUSTER_TIERS_YAML);
  const cluster = graph.edges.filter((e) => e.data.cluster);

  it('draws each rule peer toward the subject, with tier, action and priority', () => {
    const deny = cluster.filter((e) => e.data.policyId === 'deny-dev-to-prod');
    // env=dev is sandbox; env=prod is store and batch: one edge per prod namespace.
    expect(deny.map((e) => [e.source, e.target]).sort()).toEqual([
      ['ns:sandbox', 'ns:batch'],
      ['ns:sandbox', 'ns:store'],
    ]);
    expect(deny[0]?.data.cluster).toEqual({
      tier: 'Admin',
      action: 'Deny',
      priority: 10,
      ruleName: 'no-dev',
    });
    expect(deny[0]?.data.ariaLabel).toMatch(
      /^Admin Deny: cluster policy deny-dev-to-prod \(Admin tier, priority 10\) ingress rule 1/,
    );
    const pass = cluster.find((e) => e.data.policyId === 'batch-to-app-teams');
    expect(pass).toMatchObject({ source: 'ns:batch', target: 'store/api' });
    expect(pass?.data.cluster?.action).toBe('Pass');
  });

  it('an empty namespaces peer is every pod, drawn into each namespace of the subject', () => {
    const baseline = cluster.filter((e) => e.data.policyId === 'baseline-deny');
    expect(baseline.map((e) => e.source)).toEqual(Array(4).fill('ext:cluster'));
    expect(baseline.map((e) => e.target).sort()).toEqual([
      'ns:batch',
      'ns:metrics',
      'ns:sandbox',
      'ns:store',
    ]);
    expect(baseline[0]?.data.cluster).toMatchObject({ tier: 'Baseline', action: 'Deny' });
  });

  it('pods peers and subjects go to the workloads they select; networks to external nodes', () => {
    const g = graphOf(`apiVersion: v1
kind: Namespace
metadata: {name: a, labels: {team: x}}
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: a, labels: {app: p}}
spec: {containers: [{name: c, image: i}]}
---
apiVersion: v1
kind: Pod
metadata: {name: q, namespace: a, labels: {app: q}}
spec: {containers: [{name: c, image: i}]}
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: guard}
spec:
  tier: Baseline
  priority: 5
  subject:
    pods:
      namespaceSelector: {matchLabels: {team: x}}
      podSelector: {matchLabels: {app: q}}
  ingress:
    - action: Accept
      from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: p}}}}]
      protocols: [{tcp: {destinationPort: {number: 80}}}, {udp: {destinationPort: {range: {start: 5000, end: 5010}}}}]
  egress:
    - action: Deny
      to: [{networks: [10.0.0.0/8]}]
`);
    const edges = g.edges.filter((e) => e.data.cluster);
    expect(edges.map((e) => [e.source, e.target, e.data.portsLabel])).toEqual([
      ['a/p', 'a/q', 'Baseline Accept · TCP 80, UDP 5000-5010'],
      ['a/q', 'ext:10.0.0.0/8', 'Baseline Deny · any port'],
    ]);
    expect(edges.map((e) => clusterActionText(e.data.cluster!))).toEqual([
      'Baseline Accept',
      'Baseline Deny',
    ]);
  });

  it('names an Admin Pass plainly and a named port by name', () => {
    expect(clusterActionText({ tier: 'Admin', action: 'Pass' })).toBe('Pass');
    expect(clusterActionText({ tier: 'Baseline', action: 'Pass' })).toBe('Baseline Pass');
    expect(clusterPortsText([{ kind: 'named', name: 'web' }])).toBe('port web');
    expect(clusterPortsText(null)).toBe('any port');
  });

  it('invalid cluster policies draw nothing, as they are not enforced', () => {
    const g = graphOf(CLUSTER_TIERS_YAML.replace('priority: 10', 'priority: 5000'));
    expect(g.edges.some((e) => e.data.policyId === 'deny-dev-to-prod')).toBe(false);
  });
});
