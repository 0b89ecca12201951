// Highlight flows in a large workspace: flows with a sizeable other namespace become one edge per
// direction whose members are the single flows, each still findable for its explanation.
import { describe, expect, it } from 'vitest';
import { buildEngineIndex, evaluateFlow } from '../engine/evaluate.ts';
import { withInferred } from '../model/infer-workloads.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { buildGraph } from './build-graph.ts';
import { findFlow, flowsFor, packFlows, unpackFlows } from './flows.ts';
import { syntheticWorkspace } from '../../fixtures/synthetic-workspace.ts';
import fc from 'fast-check';
import { labelsFrom } from '../model/selector.ts';
import { EXAMPLES } from '../ui/examples/examples.ts';
import { indexed, NAMESPACES, policy, workload } from '../../fixtures/policy-arbitraries.ts';

function model(namespaces: number, perNamespace: number) {
  const ws = withInferred(readWorkspace(syntheticWorkspace(namespaces, perNamespace, 4)));
  return { ws, graph: buildGraph(ws), index: buildEngineIndex(ws) };
}

describe('flowsFor', () => {
  it('draws one edge per flow in a small workspace', () => {
    const { graph, index } = model(3, 5);
    const flows = flowsFor(graph, index, 'team-0/svc-1');
    expect(flows.every((f) => f.members === undefined)).toBe(true);
    expect(flows).toHaveLength(2 * 14);
  });

  it('groups the flows with each other namespace in a large one, keeping every verdict', () => {
    const { graph, index } = model(8, 10);
    const flows = flowsFor(graph, index, 'team-2/svc-3');
    const groups = flows.filter((f) => f.members);
    // Its own namespace stays one edge per workload; the 7 others become one edge per direction.
    expect(flows.filter((f) => !f.members)).toHaveLength(2 * 9);
    expect(groups).toHaveLength(2 * 7);
    for (const g of groups) {
      const members = g.members ?? [];
      expect(members).toHaveLength(10);
      const states = new Set(members.map((m) => m.state));
      expect(g.state).toBe(states.size === 1 ? [...states][0] : 'partial');
      expect(g.ariaLabel).toMatch(/, 10 workloads: /);
      for (const m of members) {
        expect(findFlow(flows, m.id)).toBe(m);
        // Each member's verdicts are the engine's, port by port.
        const [from, to] = [m.source, m.target].map((id) => {
          const d = graph.nodeById.get(id)?.data;
          if (d?.kind !== 'workload') throw new Error(id);
          return { kind: 'workload' as const, workload: d.workload };
        });
        for (const p of m.ports)
          expect(evaluateFlow(index, { from: from!, to: to!, ...p }).allowed).toBe(p.allowed);
      }
    }
    const out = groups.find((g) => g.direction === 'out');
    expect(out?.id).toMatch(/^flow\|team-2\/svc-3\|ns:team-\d$/);
    expect(findFlow(flows, out?.id ?? '')).toBe(out);
  });
});

describe('flows as a worker sends them', () => {
  it('packs each namespace edge to its members ids and gives back the same flows', () => {
    const { graph, index } = model(8, 10);
    const flows = flowsFor(graph, index, 'team-2/svc-3');
    const wire = structuredClone(packFlows(flows));
    const groups = wire.filter((f) => f.packed);
    expect(groups).toHaveLength(2 * 7);
    // Whole summaries never travel: a group carries its ids as one string with their lengths,
    // and each member's verdicts as an index into the distinct lists.
    expect(wire.some((f) => 'members' in f)).toBe(false);
    for (const g of groups) {
      const packed = g.packed;
      expect(packed?.lengths).toHaveLength(10);
      expect(packed?.list).toHaveLength(10);
      expect(packed?.ids.length).toBe([...(packed?.lengths ?? [])].reduce((a, b) => a + b, 0));
      expect(new Set(packed?.lists).size).toBe(packed?.lists.length);
    }
    const back = unpackFlows(wire, graph, 'team-2/svc-3');
    expect(back).toEqual(flows);
    for (const f of flows) for (const m of f.members ?? []) expect(findFlow(back, m.id)).toEqual(m);
  });

  it('counts each group by state without making its members', () => {
    const { graph, index } = model(8, 10);
    for (const f of flowsFor(graph, index, 'team-5/svc-0')) {
      if (!f.counts) continue;
      const states = (f.members ?? []).map((m) => m.state);
      expect(f.counts).toEqual({
        allowed: states.filter((s) => s === 'allowed').length,
        partial: states.filter((s) => s === 'partial').length,
        denied: states.filter((s) => s === 'denied').length,
      });
    }
  });
});

describe('flowsFor by class', () => {
  const both = (
    graph: ReturnType<typeof buildGraph>,
    index: ReturnType<typeof buildEngineIndex>,
  ) => {
    for (const n of graph.nodes) {
      if (n.data.kind !== 'workload') continue;
      expect(flowsFor(graph, index, n.id)).toEqual(
        flowsFor(graph, index, n.id, { byClass: false }),
      );
    }
  };

  it('gives every workload of the examples and a synthetic workspace the verdicts probed one by one', () => {
    for (const text of [...EXAMPLES.map((e) => e.yaml), syntheticWorkspace(4, 12, 5)]) {
      const ws = withInferred(readWorkspace(text));
      both(buildGraph(ws), buildEngineIndex(ws));
    }
  });

  it('law: the same flows as probing each workload, on random clusters and policies', () => {
    fc.assert(
      fc.property(
        indexed(1, 8, (i) => workload(i)),
        indexed(0, 5, (i) => policy(i)),
        (workloads, policies) => {
          const ws = withInferred({
            namespaces: NAMESPACES.map((name) => ({
              name,
              labels: labelsFrom([['kubernetes.io/metadata.name', name]]),
              inferred: false,
            })),
            workloads,
            policies,
          });
          both(buildGraph(ws), buildEngineIndex(ws));
        },
      ),
      { numRuns: 150 },
    );
  });
});
