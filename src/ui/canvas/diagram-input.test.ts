// The diagram of the built-in examples, laid out by ELK as the canvas does: the whole workspace
// draws every node and rule with every policy in the legend; a selected workload's diagram draws
// only it, its peers and its flows. Labels stay clear of nodes and of each other.
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../../yaml/read-workspace.ts';
import { canvasModelOf, flowsOf } from '../../store/canvas-model.ts';
import type { Graph } from '../../view/graph-types.ts';
import { diagramSvg } from '../../view/diagram-svg.ts';
import { overlapArea, rectAround } from '../../view/geometry.ts';
import type { Rect } from '../../view/geometry.ts';
import { EXAMPLES } from '../examples/examples.ts';
import { THREE_TIER_YAML } from '../examples/three-tier.ts';
import { elkLayout } from '../graph/layout.ts';
import type { Layout } from '../graph/layout.ts';
import { diagramPlan, flowFocus } from './diagram-input.ts';
import type { DiagramPlan, PlacedNode } from './diagram-input.ts';
import { toFlowEdges } from './to-flow.ts';

/** Absolute boxes, as React Flow holds them once it has placed the nodes. */
function placed(graph: Graph, layout: Layout): PlacedNode[] {
  const abs = new Map<string, Rect>();
  return graph.nodes.map((n) => {
    const b = layout[n.id] ?? { x: 0, y: 0 };
    const parent = n.parent ? abs.get(n.parent) : undefined;
    const box = {
      x: b.x + (parent?.x ?? 0),
      y: b.y + (parent?.y ?? 0),
      width: b.width ?? n.width,
      height: b.height ?? n.height,
    };
    abs.set(n.id, box);
    return { id: n.id, box, g: n.data };
  });
}

async function canvasOf(yaml: string) {
  const model = canvasModelOf(readWorkspace(yaml));
  const layout = await elkLayout(new ELK(), model.graph);
  return { model, nodes: placed(model.graph, layout) };
}

/** Labels over a node that is not a namespace, or over another label. */
function labelClashes(plan: DiagramPlan): string[] {
  const { nodes, edges } = plan.input;
  const solid = nodes.filter((n) => n.kind !== 'namespace');
  const labels = edges.flatMap((e) =>
    e.label ? [{ id: e.id, r: rectAround(e.label.centre, e.label.width, 19) }] : [],
  );
  const clashes: string[] = [];
  labels.forEach((l, i) => {
    for (const n of solid) if (overlapArea(l.r, n.box) > 0) clashes.push(`${l.id} over ${n.id}`);
    for (const m of labels.slice(i + 1))
      if (overlapArea(l.r, m.r) > 0) clashes.push(`${l.id} × ${m.id}`);
  });
  return clashes;
}

describe('diagramPlan of the whole workspace', () => {
  for (const example of EXAMPLES)
    it(`${example.title}: every node, every rule, every policy in the legend`, async () => {
      const { model, nodes } = await canvasOf(example.yaml);
      const plan = diagramPlan(nodes, toFlowEdges(model.graph, [], null));
      expect(plan.fileBase).toBe('netpol-diagram');
      expect(plan.input.nodes.map((n) => n.id)).toEqual(model.graph.nodes.map((n) => n.id));
      expect(plan.input.edges.map((e) => e.id).sort()).toEqual(
        model.graph.edges.map((e) => e.id).sort(),
      );
      for (const e of plan.input.edges) {
        expect(e.points.length).toBeGreaterThanOrEqual(2);
        expect(e.label?.parts[0]?.bold).toBe(true);
      }
      const policies = new Set(model.graph.edges.map((e) => e.data.policyId));
      expect(plan.input.legend.lines.map((l) => l.text).sort()).toEqual([...policies].sort());
      expect(labelClashes(plan)).toEqual([]);
      const { svg } = diagramSvg(plan.input);
      for (const w of model.workspace.workloads) expect(svg).toContain(`>${w.name}<`);
    });
});

describe('diagramPlan and the routes the canvas drew', () => {
  it('takes the canvas routes when it routed every edge, and routes anew when it did not', async () => {
    const { model, nodes } = await canvasOf(THREE_TIER_YAML);
    const edges = toFlowEdges(model.graph, [], null);
    const own = diagramPlan(nodes, edges);
    // A canvas whose routes differ from a fresh routing: shifted by 7 px.
    const shifted = new Map(
      own.input.edges.map((e) => [
        e.id,
        {
          points: e.points.map((p) => ({ x: p.x + 7, y: p.y })),
          label: e.label && { x: e.label.centre.x + 7, y: e.label.centre.y },
        },
      ]),
    );
    const same = diagramPlan(nodes, edges, shifted);
    expect(same.input.edges.map((e) => e.points[0]!.x)).toEqual(
      own.input.edges.map((e) => e.points[0]!.x + 7),
    );
    // One edge left unrouted (its end not measured yet): everything is routed anew.
    shifted.delete(own.input.edges[0]!.id);
    const partial = diagramPlan(nodes, edges, shifted);
    expect(partial.input.edges).toEqual(own.input.edges);
  });
});

describe('diagramPlan of a selected workload', () => {
  it('draws the workload, its peers and its flows only, with the verdict legend', async () => {
    const { model, nodes } = await canvasOf(THREE_TIER_YAML);
    const flows = flowsOf(model, 'shop/api');
    expect(flows.length).toBeGreaterThan(0);
    const edges = toFlowEdges(model.graph, flows, null);
    expect(flowFocus(edges)).toBe('shop/api');
    const plan = diagramPlan(nodes, edges);
    expect(plan.fileBase).toBe('netpol-flows-shop-api');
    expect(plan.input.title).toBe('Flows of shop/api');
    expect(plan.input.edges.map((e) => e.id).sort()).toEqual(flows.map((f) => f.id).sort());
    const peers = new Set(['shop/api', ...flows.flatMap((f) => [f.source, f.target])]);
    expect(new Set(plan.input.nodes.map((n) => n.id))).toEqual(peers);
    expect(plan.input.legend.lines.map((l) => l.text)).toEqual([
      '✓ allowed',
      '✗ denied',
      'some ports only',
    ]);
    // Denied flows are dashed, as on the canvas, so the verdict never rests on colour alone.
    for (const f of flows) {
      const e = plan.input.edges.find((d) => d.id === f.id)!;
      expect(e.dashed).toBe(f.state === 'denied');
    }
    expect(labelClashes(plan)).toEqual([]);
    const { svg } = diagramSvg(plan.input);
    // Without its namespace drawn, a workload is named with it (in a lighter weight).
    expect(svg).toContain('fill="#5d6b82">shop/</tspan>api</text>');
    // While the flows are those of the model before an edit, the diagram draws none of them.
    const pending = diagramPlan(nodes, toFlowEdges(model.graph, flows, null, true, true));
    expect(pending.input.edges.filter((e) => e.id.startsWith('flow|'))).toEqual([]);
  });
});
