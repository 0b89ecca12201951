// The pure graph transforms on the built-in example and on policy-only YAML.
import { describe, expect, it } from 'vitest';
import { buildEngineIndex } from '../engine/evaluate.ts';
import { withInferred } from '../model/infer-workloads.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { THREE_TIER_YAML } from '../ui/examples/three-tier.ts';
import { buildGraph } from './build-graph.ts';
import { flowsFor } from './flows.ts';
import { cidrLabel, policyHue, rulePortsText } from './labels.ts';
import { probeIpFor } from './probe-ip.ts';

const example = () => {
  const ws = withInferred(readWorkspace(THREE_TIER_YAML));
  return { ws, graph: buildGraph(ws), index: buildEngineIndex(ws) };
};

describe('buildGraph', () => {
  it('draws placed external networks, and names the ipBlocks with the same CIDR', () => {
    const ws = withInferred(
      readWorkspace(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
        - ipBlock: {cidr: 10.0.0.0/8}
`),
    );
    const graph = buildGraph(ws, [
      { cidr: '10.0.0.0/8', name: 'corp' },
      { cidr: '192.0.2.0/24', name: '' },
    ]);
    const ext = graph.nodes.filter((n) => n.data.kind === 'external').map((n) => n.data);
    expect(ext).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cidr: '10.0.0.0/8', label: 'corp', except: [], placed: true }),
        expect.objectContaining({ cidr: '192.0.2.0/24', label: '192.0.2.0/24', placed: true }),
        expect.objectContaining({ label: 'corp', except: ['10.1.0.0/16'], placed: false }),
      ]),
    );
    expect(ext).toHaveLength(3);
    expect(graph.nodeById.get('ext:10.0.0.0/8')?.data.ariaLabel).toBe(
      'external network corp (10.0.0.0/8)',
    );
  });

  it('puts workloads inside their namespace, parents first, and infers kube-dns', () => {
    const { graph } = example();
    const ids = graph.nodes.map((n) => n.id);
    expect(ids).toEqual(
      expect.arrayContaining(['ns:shop', 'ns:monitoring', 'shop/web', 'shop/api', 'shop/db']),
    );
    for (const n of graph.nodes)
      if (n.parent) expect(ids.indexOf(n.parent)).toBeLessThan(ids.indexOf(n.id));
    expect(graph.nodeById.get('shop/api')?.parent).toBe('ns:shop');
    const dns = graph.nodeById.get('kube-system/k8s-app=kube-dns');
    expect(dns?.data).toMatchObject({ kind: 'workload', workload: { inferred: true } });
  });

  it('badges isolation and names nodes for screen readers', () => {
    const { graph } = example();
    const db = graph.nodeById.get('shop/db')!.data;
    expect(db).toMatchObject({ isolation: { ingress: true, egress: true } });
    expect(db.ariaLabel).toBe('workload db in namespace shop, isolated for ingress and egress');
    expect(graph.nodeById.get('ns:shop')!.data).toMatchObject({
      defaultDeny: { ingress: true, egress: true },
    });
    expect(graph.nodeById.get('monitoring/prometheus')!.data.ariaLabel).toContain('not isolated');
  });

  it('draws one edge per rule peer and selected pod, labelled with ports', () => {
    const { graph } = example();
    const api = graph.edges.filter((e) => e.data.policyId === 'shop/api');
    expect(api.map((e) => [e.source, e.target, e.data.direction, e.data.portsLabel])).toEqual([
      ['shop/web', 'shop/api', 'ingress', 'TCP http'],
      ['shop/api', 'shop/db', 'egress', 'TCP 5432'],
    ]);
    expect(new Set(api.map((e) => e.data.hue)).size).toBe(1);
    // A rule without peers comes from "anywhere"; an all-pods policy targets the namespace.
    const web = graph.edges.find(
      (e) => e.data.policyId === 'shop/web' && e.data.direction === 'ingress',
    );
    expect(web).toMatchObject({ source: 'ext:*', target: 'shop/web', data: { peerIndex: null } });
    const scrape = graph.edges.find((e) => e.data.policyId === 'shop/allow-prometheus-scrape');
    expect(scrape).toMatchObject({ source: 'monitoring/prometheus', target: 'ns:shop' });
    expect(scrape?.data.ariaLabel).toBe(
      'policy shop/allow-prometheus-scrape ingress rule 1, peer 1: from prometheus to namespace shop, TCP 9090',
    );
    // Parallel edges between the same pair fan out.
    const webToApi = graph.edges.filter((e) => e.source === 'shop/web' && e.target === 'shop/api');
    expect(webToApi.map((e) => e.data.lane)).toEqual([0, 1]);
  });

  it('draws ipBlocks as external nodes, the whole internet as "internet"', () => {
    const ws = readWorkspace(
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: out\n  namespace: a\nspec:\n  podSelector:\n    matchLabels:\n      app: x\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n            except: [10.0.0.0/8]\n      ports:\n        - port: 443\n`,
    );
    const graph = buildGraph(withInferred(ws));
    const ext = graph.nodes.find((n) => n.data.kind === 'external');
    expect(ext?.data).toMatchObject({
      label: 'internet',
      except: ['10.0.0.0/8'],
      probeIp: '203.0.113.10',
    });
    expect(graph.edges).toHaveLength(1);
    expect(graph.edges[0]).toMatchObject({ source: 'a/app=x', target: ext?.id });
  });
});

describe('flowsFor', () => {
  it('shows what the selected workload may reach and what may reach it', () => {
    const { graph, index } = example();
    const flows = flowsFor(graph, index, 'shop/api');
    const find = (s: string, t: string) => flows.find((f) => f.source === s && f.target === t);
    expect(find('shop/web', 'shop/api')).toMatchObject({ state: 'partial' });
    expect(find('shop/web', 'shop/api')?.ariaLabel).toBe(
      'flow from web to api: allowed on TCP 8000; denied on TCP 9090',
    );
    expect(find('shop/api', 'shop/db')?.state).toBe('allowed');
    expect(find('shop/db', 'shop/api')?.state).toBe('denied');
    expect(find('monitoring/prometheus', 'shop/api')).toMatchObject({ state: 'partial' });
    expect(find('shop/api', 'kube-system/k8s-app=kube-dns')?.state).toBe('allowed');
    expect(flowsFor(graph, index, 'ns:shop')).toEqual([]);
  });
});

describe('labels', () => {
  it('formats ports, CIDRs and policy hues', () => {
    expect(rulePortsText({ peers: null, ports: null })).toBe('any port');
    expect(
      rulePortsText({
        peers: null,
        ports: [
          { protocol: 'TCP', port: 8000, endPort: 8100 },
          { protocol: 'UDP', port: null, endPort: null },
        ],
      }),
    ).toBe('TCP 8000-8100, all UDP');
    expect(cidrLabel('0.0.0.0/0')).toBe('internet');
    expect(policyHue('shop/api')).toBe(policyHue('shop/api'));
    expect(probeIpFor('10.0.0.0/8', ['10.0.0.0/24'])).toBe('10.128.0.0');
  });
});

describe('policy colours', () => {
  it('gives policies that meet at a node different hues, even when their ids hash alike', () => {
    const docs = (prefix: string) =>
      Array.from(
        { length: 10 },
        (_, i) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${prefix}${i}, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
`,
      ).join('---\n');
    // Two sets of as many policies one after the other: the second is coloured by its own ids.
    for (const prefix of ['p', 'q']) {
      const graph = buildGraph(withInferred(readWorkspace(docs(prefix))));
      const hueOf = new Map(graph.edges.map((e) => [e.data.policyId, e.data.hue]));
      expect(hueOf.size).toBe(10);
      expect(new Set(hueOf.values()).size).toBe(10);
      // Every edge of one policy shares its hue.
      for (const e of graph.edges) expect(e.data.hue).toBe(hueOf.get(e.data.policyId));
    }
  });
});

describe('AND and OR peers drawn truthfully', () => {
  it('an AND peer grouped to its namespace says which pods; a namespace-only peer does not', () => {
    const dep = (ns: string, name: string, app: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${app}}}
  template: {metadata: {labels: {app: ${app}}}, spec: {containers: [{name: c, image: x}]}}
`;
    const docs = [
      ...Array.from({ length: 6 }, (_, i) => dep('src', `web-${i}`, 'web')),
      ...Array.from({ length: 4 }, (_, i) => dep('src', `batch-${i}`, 'batch')),
      ...Array.from({ length: 3 }, (_, i) => dep('dst', `api-${i}`, 'api')),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: and-peer, namespace: dst}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: src}}
          podSelector: {matchLabels: {app: web}}
`,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ns-peer, namespace: dst}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: src}}
`,
    ];
    const graph = buildGraph(withInferred(readWorkspace(docs.join('---\n'))));
    const and = graph.edges.filter((e) => e.data.policyId === 'dst/and-peer');
    const or = graph.edges.filter((e) => e.data.policyId === 'dst/ns-peer');
    expect(and.length).toBeGreaterThan(0);
    // 6 × 3 pod pairs are drawn from the namespace, and the edge says only app=web pods count.
    for (const e of and) {
      expect(e.source).toBe('ns:src');
      expect(e.data.only).toBe('from pods app=web');
      expect(e.data.ariaLabel).toContain('from pods app=web in namespace src');
    }
    for (const e of or) {
      expect(e.source).toBe('ns:src');
      expect(e.data.only).toBeUndefined();
    }
  });

  it('a rule between pods of many namespaces and many pods is one edge per namespace pair', () => {
    const dep = (ns: string, name: string, app: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${app}}}
  template: {metadata: {labels: {app: ${app}, tier: back}}, spec: {containers: [{name: c, image: x}]}}
`;
    const ns = (name: string) => `apiVersion: v1
kind: Namespace
metadata: {name: ${name}, labels: {team: a}}
`;
    const teams = Array.from({ length: 15 }, (_, i) => `team-${i}`);
    const docs = [
      ...teams.map(ns),
      ...teams.flatMap((t) => [1, 2, 3].map((k) => dep(t, `client-${k}`, 'client'))),
      ...Array.from({ length: 10 }, (_, i) => dep('team-0', `api-${i}`, `api-${i}`)),
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-clients, namespace: team-0}
spec:
  podSelector: {matchLabels: {tier: back}}
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {team: a}}
          podSelector: {matchLabels: {app: client}}
`,
    ];
    const graph = buildGraph(withInferred(readWorkspace(docs.join('---\n'))));
    const edges = graph.edges.filter((e) => e.data.policyId === 'team-0/from-clients');
    // 45 client pods in 15 namespaces × 13 selected pods would be 585 pod pairs: drawn as one edge
    // from each other namespace to team-0, each saying which pods on either side.
    expect(edges.map((e) => e.source).sort()).toEqual(
      teams
        .slice(1)
        .map((t) => `ns:${t}`)
        .sort(),
    );
    for (const e of edges) {
      expect(e.target).toBe('ns:team-0');
      expect(e.data.only).toBe('from pods app=client, to pods tier=back');
    }
  });
});
