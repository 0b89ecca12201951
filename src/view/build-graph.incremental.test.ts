// A graph built with the previous one as a start equals a fresh build, and reuses what it can.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withInferred } from '../model/infer-workloads.ts';
import type { ExternalNetwork } from '../model/types.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { EXAMPLES } from '../ui/examples/examples.ts';
import { legibilityWorkspace } from '../../fixtures/legibility-workspaces.ts';
import { syntheticWorkspace } from '../../fixtures/synthetic-workspace.ts';
import { applyTyped, typedEdit } from '../../fixtures/text-edits.ts';
import { buildGraph } from './build-graph.ts';
import { collapseGraph } from './collapse.ts';
import type { Graph, WorkloadNodeData } from './graph-types.ts';

const plain = (g: Graph) => ({
  nodes: g.nodes,
  edges: g.edges,
  ids: [...g.nodeById.keys()].sort(),
});

const TEXTS = [
  ...EXAMPLES.map((e) => e.yaml),
  legibilityWorkspace(3, 5).yaml,
  syntheticWorkspace(3, 6, 4),
];

/** The pods the lane tests' policies draw between. */
const SHOP_PODS = ['web', 'api', 'db']
  .map(
    (app) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${app}, namespace: shop, labels: {app: ${app}}}\nspec: {containers: [{name: c, image: i}]}\n`,
  )
  .join('---\n');

/** Small edits in the places that change a drawing: labels, selectors, peers, rules, ports. */
const EDITS = [
  'x',
  '1',
  '\n',
  ' ',
  '- ',
  'app: web\n',
  'role: db\n',
  '\n---\n',
  '{}',
  '10.0.0.0/8',
];

describe('buildGraph with the previous graph', () => {
  it('law: equals a fresh build after any sequence of edits, placed networks and edges off', () => {
    const edit = fc.record({
      typed: typedEdit(fc.constantFrom(...EDITS), 4),
      placed: fc.constantFrom<readonly ExternalNetwork[]>(
        [],
        [{ cidr: '10.0.0.0/8', name: 'corp' }],
      ),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...TEXTS),
        fc.array(edit, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (start, edits, drawEdges) => {
          const options = { edges: drawEdges };
          let text = start;
          let graph = buildGraph(withInferred(readWorkspace(text)), [], options);
          for (const e of edits) {
            text = applyTyped(text, e.typed);
            const ws = withInferred(readWorkspace(text));
            const next = buildGraph(ws, e.placed, options, graph);
            expect(plain(next)).toEqual(plain(buildGraph(ws, e.placed, options)));
            // Collapsed as the canvas draws it, folded edges taken from the last collapse.
            const namespaces = next.nodes.filter((n) => n.data.kind === 'namespace');
            const some = new Set(namespaces.filter((_, i) => i % 2 === 0).map((n) => n.id));
            for (const set of [new Set(namespaces.map((n) => n.id)), some])
              expect(plain(collapseGraph(next, set))).toEqual(
                plain(collapseGraph(next, set, false)),
              );
            graph = next;
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('law: parallel edges keep their lanes in drawing order after edits that add, remove or move some', () => {
    // Several policies draw the same pairs (web → db, api → db, db → web): each pair's edges fan
    // out by lane, and an edit in one policy moves the lanes of the later ones.
    const policy = (i: number, from: string, to: string) =>
      `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p${i}, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: ${to}}}\n  ingress:\n    - from:\n        - podSelector: {matchLabels: {app: ${from}}}\n      ports: [{port: ${8000 + i}}]\n`;
    const start =
      SHOP_PODS +
      [
        ['web', 'db'],
        ['api', 'db'],
        ['web', 'db'],
        ['db', 'web'],
        ['web', 'db'],
        ['api', 'db'],
      ]
        .map(([from, to], i) => policy(i, from as string, to as string))
        .join('') +
      // A cluster policy's rule over a pair the policies draw too: its edge comes after theirs.
      '---\napiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: admin}\nspec:\n  tier: Admin\n  priority: 10\n  subject:\n    pods:\n      namespaceSelector: {}\n      podSelector: {matchLabels: {app: db}}\n  ingress:\n    - name: from-web\n      action: Accept\n      from:\n        - pods:\n            namespaceSelector: {}\n            podSelector: {matchLabels: {app: web}}\n';
    // Typed somewhere, or a document moved to the end (the policies drawn in another order).
    const edit = fc.oneof(
      typedEdit(fc.constantFrom('web', 'api', 'db', 'x', '\n', '\n---\n', ' '), 6),
      fc.record({ move: fc.nat() }),
    );
    const apply = (text: string, e: typeof edit extends fc.Arbitrary<infer E> ? E : never) => {
      if ('move' in e) {
        const docs = text.split('---\n');
        const [moved] = docs.splice(e.move % docs.length, 1);
        return [...docs, moved].join('---\n');
      }
      return applyTyped(text, e);
    };
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let text = start;
        let graph = buildGraph(withInferred(readWorkspace(text)));
        expect(graph.edges.some((e) => e.data.lane > 1)).toBe(true);
        for (const e of edits) {
          text = apply(text, e);
          const ws = withInferred(readWorkspace(text));
          const next = buildGraph(ws, [], {}, graph);
          expect(plain(next)).toEqual(plain(buildGraph(ws)));
          graph = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a cluster policy’s edge that comes to join a pair the policies draw takes the next lane', () => {
    const text = `${SHOP_PODS}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: db}}\n  ingress:\n    - from:\n        - podSelector: {matchLabels: {app: api}}\n---\napiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: admin}\nspec:\n  tier: Admin\n  priority: 10\n  subject:\n    pods:\n      namespaceSelector: {}\n      podSelector: {matchLabels: {app: db}}\n  ingress:\n    - name: in\n      action: Accept\n      from:\n        - pods:\n            namespaceSelector: {}\n            podSelector: {matchLabels: {app: web}}\n`;
    const before = buildGraph(withInferred(readWorkspace(text)));
    // From web (a pair of its own) to api (the policy's pair: after its edge, lane 1).
    const ws = withInferred(
      readWorkspace(
        text.replace(
          'podSelector: {matchLabels: {app: web}}',
          'podSelector: {matchLabels: {app: api}}',
        ),
      ),
    );
    const after = buildGraph(ws, [], {}, before);
    expect(plain(after)).toEqual(plain(buildGraph(ws)));
    expect(after.edges.map((e) => e.data.lane)).toEqual([0, 1]);
  });

  it('redraws only the edited policy: the other policies keep their edge objects', () => {
    const text = syntheticWorkspace(4, 10, 5);
    const doc = text.indexOf('name: p-0\n  namespace: team-0\n');
    const port = text.indexOf('port: 9090', doc) + 'port: 909'.length;
    expect(text.indexOf('name: p-1', doc)).toBeGreaterThan(port);
    const before = buildGraph(withInferred(readWorkspace(text)));
    // A port changed: the same nodes, one policy's labels.
    const ws = withInferred(readWorkspace(text.slice(0, port) + text.slice(port + 1)));
    const after = buildGraph(ws, [], {}, before);
    expect(plain(after)).toEqual(plain(buildGraph(ws)));
    const old = new Set(before.edges);
    const redrawn = after.edges.filter((e) => !old.has(e));
    expect(redrawn.length).toBeGreaterThan(0);
    expect(new Set(redrawn.map((e) => e.data.policyId))).toEqual(new Set(['team-0/p-0']));
    // The workloads' nodes keep their isolation as worked out before (the same lists), and each
    // refers to the workload as read now (its place in the text moved).
    const data = (g: Graph, id: string) => g.nodeById.get(id)?.data as WorkloadNodeData;
    for (const id of ['team-0/svc-1', 'team-3/svc-9']) {
      expect(data(after, id).policies).toBe(data(before, id).policies);
      expect(data(after, id).workload).toBe(ws.workloads.find((w) => w.id === id));
      expect(data(after, id).workload).not.toBe(data(before, id).workload);
    }
    // A selector that now matches nothing adds an inferred workload: the policies whose peers
    // reach it are drawn again, the others are kept.
    const tier = text.indexOf('tier: t2\n', doc) + 'tier: t2'.length;
    const ws2 = withInferred(readWorkspace(text.slice(0, tier) + 'x' + text.slice(tier)));
    const after2 = buildGraph(ws2, [], {}, before);
    expect(plain(after2)).toEqual(plain(buildGraph(ws2)));
    const kept = after2.edges.filter((e) => old.has(e)).length;
    expect(kept).toBeGreaterThan(after2.edges.length * 0.7);
  });

  it('collapsed, an edit keeps the folded edges of the namespaces it does not touch', () => {
    const text = syntheticWorkspace(6, 10, 5);
    const doc = text.indexOf('name: p-0\n  namespace: team-0\n');
    const port = text.indexOf('port: 9090', doc) + 'port: 909'.length;
    const before = buildGraph(withInferred(readWorkspace(text)));
    const all = new Set(before.nodes.filter((n) => n.data.kind === 'namespace').map((n) => n.id));
    const folded = collapseGraph(before, all);
    const after = buildGraph(
      withInferred(readWorkspace(text.slice(0, port) + text.slice(port + 1))),
      [],
      {},
      before,
    );
    const again = collapseGraph(after, all);
    expect(plain(again)).toEqual(plain(collapseGraph(after, all, false)));
    const kept = again.edges.filter((e) => folded.edges.includes(e));
    expect(kept.length).toBeGreaterThan(again.edges.length * 0.8);
    expect(kept.length).toBeLessThan(again.edges.length);
  });

  it('a change of the world (a workload relabelled) draws every policy afresh', () => {
    const text = syntheticWorkspace(2, 6, 3);
    const at = text.indexOf('tier: t', text.indexOf('kind: Deployment')) + 'tier: t'.length;
    const before = buildGraph(withInferred(readWorkspace(text)));
    const ws = withInferred(readWorkspace(text.slice(0, at) + '9' + text.slice(at)));
    const after = buildGraph(ws, [], {}, before);
    expect(plain(after)).toEqual(plain(buildGraph(ws)));
  });
});
