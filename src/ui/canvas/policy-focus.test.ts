// A selected policy marks only its own rule edges and the workloads it selects, and copies only
// those objects: React Flow re-renders what it compares as changed, so the rest keep identity.
import { describe, expect, it } from 'vitest';
import { withInferred } from '../../model/infer-workloads.ts';
import { readWorkspace } from '../../yaml/read-workspace.ts';
import { buildGraph } from '../../view/build-graph.ts';
import { selectedWorkloads } from '../../view/rule-words.ts';
import { AND_OR_PEERS_YAML } from '../examples/and-or-peers.ts';
import { gridLayout } from '../graph/layout.ts';
import { toFlowEdges, toFlowNodes } from './to-flow.ts';
import { edgeOfPolicy, focusPolicyEdges, ringIds, ringNodes } from './policy-focus.ts';

const ws = withInferred(readWorkspace(AND_OR_PEERS_YAML));
const graph = buildGraph(ws);
const edges = toFlowEdges(graph, [], null);
const nodes = toFlowNodes(graph, gridLayout(graph), {});

describe('focusPolicyEdges', () => {
  it("marks the selected policy's rule edges and keeps every other edge object", () => {
    const focused = focusPolicyEdges(edges, 'payments/ledger-and');
    const marked = focused.filter((e) => e.className?.split(' ').includes('policy-focus'));
    expect(marked.length).toBeGreaterThan(0);
    expect(
      marked.every((e) => e.type === 'policy' && e.data?.g.policyId === 'payments/ledger-and'),
    ).toBe(true);
    const ownEdges = graph.edges.filter((e) => e.data.policyId === 'payments/ledger-and');
    expect(marked.map((e) => e.id).sort()).toEqual(ownEdges.map((e) => e.id).sort());
    focused.forEach((e, i) => {
      if (!marked.includes(e)) expect(e).toBe(edges[i]);
    });
  });

  it('returns the same array when no policy is selected', () => {
    expect(focusPolicyEdges(edges, null)).toBe(edges);
  });
});

describe('ringNodes', () => {
  it('rings the workloads the policy selects and nothing else', () => {
    const policy = ws.policies.find((p) => p.name === 'ledger-or')!;
    const ids = new Set(selectedWorkloads(policy, ws));
    expect([...ids]).toEqual(['payments/ledger']);
    const ringed = ringNodes(nodes, ids);
    const marked = ringed.filter((n) => n.className?.split(' ').includes('policy-selects'));
    expect(marked.map((n) => n.id)).toEqual(['payments/ledger']);
    ringed.forEach((n, i) => {
      if (!marked.includes(n)) expect(n).toBe(nodes[i]);
    });
    expect(ringNodes(nodes, new Set())).toBe(nodes);
  });
});

describe('ringIds', () => {
  it('rings a workload drawn on its own, else its collapsed namespace', () => {
    const parentOf = (id: string) => graph.nodeById.get(id)?.parent;
    const ledgerNs = parentOf('payments/ledger')!;
    expect(ringIds(['payments/ledger'], nodes, parentOf)).toEqual(new Set(['payments/ledger']));
    // The payments namespace collapsed: its workloads are not drawn, the namespace box is.
    const collapsed = nodes.filter((n) => n.parentId !== ledgerNs);
    expect(ringIds(['payments/ledger'], collapsed, parentOf)).toEqual(new Set([ledgerNs]));
    expect(ringIds(['nowhere/x'], nodes, parentOf).size).toBe(0);
  });
});

describe('edgeOfPolicy', () => {
  it('counts an edge folding several policies’ rules as each of theirs', () => {
    const g = graph.edges[0]!.data;
    const folded = {
      ...g,
      policyId: 'payments/ledger-or',
      aggregate: { rules: 2, policies: ['payments/ledger-or', 'payments/ledger-and'] },
    };
    expect(edgeOfPolicy(folded, 'payments/ledger-and')).toBe(true);
    expect(edgeOfPolicy(folded, 'payments/other')).toBe(false);
    expect(edgeOfPolicy(g, g.policyId)).toBe(true);
  });
});
