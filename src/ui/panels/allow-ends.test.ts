// The ends the keyboard form offers: the drag gesture's rules, on a workspace with every node kind.
import { describe, expect, it } from 'vitest';
import { withInferred } from '../../model/infer-workloads.ts';
import { readWorkspace } from '../../yaml/read-workspace.ts';
import { buildGraph } from '../../view/build-graph.ts';
import { countEnds, endOf, otherEnds } from './allow-ends.ts';

const graph = buildGraph(
  withInferred(
    readWorkspace(`apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: ops, labels: {app: agent}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress, Egress]
  ingress:
    - {}
  egress:
    - to:
        - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
        - ipBlock: {cidr: 0.0.0.0/0}
`),
  ),
);

const labels = (id: string, direction: 'to' | 'from') =>
  otherEnds(graph, id, direction).map((e) => `${e.group}: ${e.label}`);

describe('otherEnds', () => {
  it('offers a workload every other workload and the named networks as destinations', () => {
    expect(labels('shop/web', 'to')).toEqual([
      'Workloads: agent (ops)',
      'Workloads: api (shop)',
      'External networks: 10.0.0.0/8 except 10.1.0.0/16',
      'External networks: internet (0.0.0.0/0)',
    ]);
  });

  it('offers namespaces as sources but never as destinations, and never the catch-all node', () => {
    expect(labels('shop/web', 'from')).toEqual([
      'Workloads: agent (ops)',
      'Workloads: api (shop)',
      'Namespaces: all pods in ops',
      'Namespaces: all pods in shop',
      'External networks: 10.0.0.0/8 except 10.1.0.0/16',
      'External networks: internet (0.0.0.0/0)',
    ]);
    expect(graph.nodes.some((n) => n.data.kind === 'external' && n.data.cidr === null)).toBe(true);
  });

  it('lets a namespace or a network reach workloads only', () => {
    const onlyWorkloads = ['agent (ops)', 'api (shop)', 'web (shop)'];
    expect(otherEnds(graph, 'ns:shop', 'to').map((e) => e.label)).toEqual(onlyWorkloads);
    expect(otherEnds(graph, 'ext:0.0.0.0/0', 'to').map((e) => e.label)).toEqual(onlyWorkloads);
    expect(otherEnds(graph, 'ext:*', 'to')).toEqual([]);
    expect(otherEnds(graph, 'nowhere', 'to')).toEqual([]);
  });

  it('counts and finds single ends exactly as it lists them', () => {
    for (const n of [...graph.nodes.map((x) => x.id), 'nowhere'])
      for (const direction of ['to', 'from'] as const) {
        const listed = otherEnds(graph, n, direction);
        expect(countEnds(graph, n, direction)).toBe(listed.length);
        for (const e of listed) expect(endOf(graph, n, direction, e.id)).toEqual(e);
        const listedIds = new Set(listed.map((e) => e.id));
        for (const other of graph.nodes)
          if (!listedIds.has(other.id))
            expect(endOf(graph, n, direction, other.id)).toBeUndefined();
      }
  });
});
