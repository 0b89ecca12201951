// Layout of the example: ELK's compound layering, and the instant grid for big workspaces.
import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { withInferred } from '../../model/infer-workloads.ts';
import { readWorkspace } from '../../yaml/read-workspace.ts';
import { buildGraph } from '../../view/build-graph.ts';
import { THREE_TIER_YAML } from '../examples/three-tier.ts';
import { NODE_SIZE } from '../../view/graph-types.ts';
import { elkLayout, gridLayout, toElkGraph } from './layout.ts';

const example = () => ({ graph: buildGraph(withInferred(readWorkspace(THREE_TIER_YAML))) });

describe('layout', () => {
  it('lays out each namespace with ELK, children relative to their parent', async () => {
    const { graph } = example();
    const input = toElkGraph(graph);
    expect(input.layoutOptions?.['elk.hierarchyHandling']).toBe('SEPARATE_CHILDREN');
    const layout = await elkLayout(new ELK(), graph);
    const shop = layout['ns:shop']!;
    const web = layout['shop/web']!;
    expect(shop.width).toBeGreaterThanOrEqual(web.x + 200);
    expect(web.y).toBeGreaterThanOrEqual(40);
    // web → api → db reads top to bottom inside the namespace.
    expect(input.children?.find((n) => n.id === 'ns:shop')?.layoutOptions?.['elk.direction']).toBe(
      'DOWN',
    );
    expect(layout['shop/api']!.y).toBeGreaterThan(web.y + 96);
    expect(layout['shop/db']!.y).toBeGreaterThan(layout['shop/api']!.y + 96);
  });

  it('fits each namespace to its workloads, without an empty band where ELK routed edges', async () => {
    const { graph } = example();
    const layout = await elkLayout(new ELK(), graph);
    for (const ns of graph.nodes.filter((n) => n.data.kind === 'namespace')) {
      const box = layout[ns.id]!;
      const kids = graph.nodes.filter((n) => n.parent === ns.id);
      const bottom = Math.max(...kids.map((k) => layout[k.id]!.y + k.height));
      const right = Math.max(...kids.map((k) => layout[k.id]!.x + k.width));
      expect(box.height).toBe(bottom + NODE_SIZE.namespacePadding);
      expect(box.width).toBeGreaterThanOrEqual(right + NODE_SIZE.namespacePadding);
      expect(box.width).toBeLessThanOrEqual(Math.max(right + NODE_SIZE.namespacePadding, ns.width));
    }
  });

  it('stacks a namespace of unconnected workloads in rows, not in one long row', async () => {
    const dep = (name: string) =>
      `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: big}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: x}]}\n`;
    const names = ['a1', 'b1', 'c1', 'd1', 'e1', 'f1', 'g1'];
    const graph = buildGraph(withInferred(readWorkspace(names.map(dep).join(''))));
    const layout = await elkLayout(new ELK(), graph);
    const rows = new Set(names.map((n) => layout[`big/${n}`]!.y));
    expect(rows.size).toBe(3);
    const ns = layout['ns:big']!;
    expect(ns.width! / ns.height!).toBeLessThan(2);
    // Only ELK sees the stacking edges: the canvas draws none.
    expect(graph.edges).toEqual([]);
  });

  it('packs namespaces and external networks apart, sources of traffic first', async () => {
    const { graph } = example();
    const layout = await elkLayout(new ELK(), graph);
    const tops = graph.nodes.filter((n) => n.parent === undefined);
    const box = (id: string) => {
      const b = layout[id]!;
      const n = graph.nodeById.get(id)!;
      return { x: b.x, y: b.y, w: b.width ?? n.width, h: b.height ?? n.height };
    };
    for (let i = 0; i < tops.length; i++)
      for (let j = i + 1; j < tops.length; j++) {
        const a = box(tops[i]!.id);
        const b = box(tops[j]!.id);
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        expect(apart, `${tops[i]!.id} and ${tops[j]!.id}`).toBe(true);
      }
    // monitoring scrapes shop, and shop calls kube-system's DNS: monitoring comes first.
    const order = (id: string) => box(id).y * 10_000 + box(id).x;
    expect(order('ns:monitoring')).toBeLessThan(order('ns:shop'));
    expect(order('ns:shop')).toBeLessThan(order('ns:kube-system'));
  });

  it('grid layout places every node without overlap inside a namespace', () => {
    const { graph } = example();
    const layout = gridLayout(graph);
    for (const n of graph.nodes) expect(layout[n.id]).toBeDefined();
    const shopKids = graph.nodes.filter((n) => n.parent === 'ns:shop').map((n) => layout[n.id]!);
    const keys = new Set(shopKids.map((b) => `${b.x},${b.y}`));
    expect(keys.size).toBe(shopKids.length);
  });
});
