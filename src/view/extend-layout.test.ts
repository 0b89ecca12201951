// A small edit keeps every node where it was and puts the new ones in free space nearby.
import { describe, expect, it } from 'vitest';
import { withInferred } from '../model/infer-workloads.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { THREE_TIER_YAML } from '../ui/examples/three-tier.ts';
import { gridLayout } from '../ui/graph/layout.ts';
import { buildGraph } from './build-graph.ts';
import { extendLayout } from './extend-layout.ts';
import type { NodeLayout } from './extend-layout.ts';
import type { Graph } from './graph-types.ts';

const graphOf = (yaml: string): Graph => buildGraph(withInferred(readWorkspace(yaml)));

const deployment = (name: string, ns: string, labels = `app: ${name}`) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {${labels}}}
  template: {metadata: {labels: {${labels}}}, spec: {containers: [{name: c, image: x}]}}
`;

interface Abs {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Top-level boxes in canvas coordinates. */
function topBoxes(graph: Graph, layout: NodeLayout): Abs[] {
  return graph.nodes
    .filter((n) => n.parent === undefined)
    .map((n) => ({
      id: n.id,
      x: layout[n.id]!.x,
      y: layout[n.id]!.y,
      width: layout[n.id]!.width ?? n.width,
      height: layout[n.id]!.height ?? n.height,
    }));
}

function overlapping(boxes: readonly Abs[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (
        a.x < b.x + b.width &&
        b.x < a.x + a.width &&
        a.y < b.y + b.height &&
        b.y < a.y + a.height
      )
        out.push(`${a.id} × ${b.id}`);
    }
  return out;
}

/** Every workload lies inside its namespace's box. */
function outside(graph: Graph, layout: NodeLayout): string[] {
  return graph.nodes
    .filter((n) => n.parent !== undefined)
    .filter((n) => {
      const p = layout[n.parent!]!;
      const b = layout[n.id]!;
      return b.x < 0 || b.y < 0 || b.x + n.width > p.width! || b.y + n.height > p.height!;
    })
    .map((n) => n.id);
}

describe('extendLayout', () => {
  const before = graphOf(THREE_TIER_YAML);
  const old = gridLayout(before);

  it('puts a new workload below its namespace, which grows; what stood below moves down', () => {
    const after = graphOf(`${THREE_TIER_YAML}${deployment('cache', 'shop')}`);
    const next = extendLayout(old, after)!;
    expect(next).not.toBeNull();
    for (const n of before.nodes)
      if (n.parent !== undefined) expect(next[n.id], n.id).toEqual(old[n.id]);
    const cache = next['shop/cache']!;
    const lowest = Math.max(
      ...before.nodes.filter((n) => n.parent === 'ns:shop').map((n) => old[n.id]!.y + n.height),
    );
    expect(cache.y).toBeGreaterThan(lowest);
    expect(next['ns:shop']!.height).toBeGreaterThan(old['ns:shop']!.height!);
    expect(overlapping(topBoxes(after, next))).toEqual([]);
    expect(outside(after, next)).toEqual([]);
  });

  it('moves the boxes a grown namespace would reach, and nothing else', () => {
    // Two namespaces stacked: the upper one grows into the lower one's place.
    const yaml = `${deployment('a', 'up')}${deployment('b', 'down')}`;
    const g = graphOf(yaml);
    const stacked: NodeLayout = {
      'ns:up': { x: 0, y: 0, width: 240, height: 150 },
      'up/a': { x: 20, y: 40 },
      'ns:down': { x: 0, y: 200, width: 240, height: 150 },
      'down/b': { x: 20, y: 40 },
    };
    expect(topBoxes(g, stacked).map((b) => b.id)).toEqual(['ns:up', 'ns:down']);
    const grown = graphOf(`${yaml}${deployment('c', 'up')}`);
    const next = extendLayout(stacked, grown)!;
    expect(next['ns:up']!.y).toBe(0);
    expect(next['up/a']).toEqual(stacked['up/a']);
    expect(next['ns:down']!.y).toBeGreaterThan(200);
    expect(next['down/b']).toEqual(stacked['down/b']);
    expect(overlapping(topBoxes(grown, next))).toEqual([]);
  });

  it('places a new namespace with its workload in free space; nothing else moves', () => {
    const after = graphOf(`${THREE_TIER_YAML}${deployment('job', 'batch')}`);
    const next = extendLayout(old, after)!;
    expect(next).not.toBeNull();
    for (const n of before.nodes) expect(next[n.id], n.id).toEqual(old[n.id]);
    expect(overlapping(topBoxes(after, next))).toEqual([]);
    expect(outside(after, next)).toEqual([]);
  });

  it('places a new external network near what it is connected to', () => {
    // Two namespaces far apart; an egress rule of the right one to a new CIDR.
    const yaml = `${deployment('a', 'left')}${deployment('b', 'right')}`;
    const wide: NodeLayout = {
      'ns:left': { x: 0, y: 0, width: 240, height: 150 },
      'left/a': { x: 20, y: 40 },
      'ns:right': { x: 2000, y: 0, width: 240, height: 150 },
      'right/b': { x: 20, y: 40 },
    };
    const withRule = graphOf(`${yaml}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: right}
spec:
  podSelector: {matchLabels: {app: b}}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 10.1.0.0/16}}]}]
`);
    const ext = withRule.nodes.filter((n) => n.data.kind === 'external');
    expect(ext).toHaveLength(1);
    const next = extendLayout(wide, withRule)!;
    expect(next).not.toBeNull();
    const e = next[ext[0]!.id]!;
    const centre = e.x + ext[0]!.width / 2;
    // Nearer the right namespace than the left one.
    expect(Math.abs(centre - 2120)).toBeLessThan(Math.abs(centre - 120));
    expect(overlapping(topBoxes(withRule, next))).toEqual([]);
  });

  it('places a node with no neighbours near the middle of what is on screen', () => {
    const yaml = `${deployment('a', 'left')}${deployment('b', 'right')}`;
    const wide: NodeLayout = {
      'ns:left': { x: 0, y: 0, width: 240, height: 150 },
      'left/a': { x: 20, y: 40 },
      'ns:right': { x: 2000, y: 0, width: 240, height: 150 },
      'right/b': { x: 20, y: 40 },
    };
    const after = graphOf(`${yaml}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: empty}\n`);
    const atRight = extendLayout(wide, after, { x: 1800, y: -200, width: 600, height: 500 })!;
    const atLeft = extendLayout(wide, after, { x: -200, y: -200, width: 600, height: 500 })!;
    expect(atRight['ns:empty']!.x).toBeGreaterThan(1500);
    expect(atLeft['ns:empty']!.x).toBeLessThan(700);
    expect(overlapping(topBoxes(after, atRight))).toEqual([]);
    expect(overlapping(topBoxes(after, atLeft))).toEqual([]);
  });

  it('asks for a new layout when the edit is not small', () => {
    const many = graphOf(
      `${THREE_TIER_YAML}${['a', 'b', 'c', 'd'].map((n) => deployment(n, 'shop')).join('')}`,
    );
    expect(extendLayout(old, many)).toBeNull();
    // A node removed.
    const fewer = graphOf(THREE_TIER_YAML.replace(/name: db/g, 'name: db2'));
    expect(extendLayout(old, fewer)).toBeNull();
    expect(extendLayout(old, before)).toBeNull();
  });

  it('with removals, takes a removed node out and leaves everything else where it was', () => {
    const withCache = graphOf(`${THREE_TIER_YAML}${deployment('cache', 'shop')}`);
    const grown = extendLayout(old, withCache)!;
    // The workload typed away again: the rest stays put, its namespace keeps its size.
    const back = extendLayout(grown, before, undefined, { removals: true })!;
    expect(back).not.toBeNull();
    expect(Object.keys(back).sort()).toEqual(before.nodes.map((n) => n.id).sort());
    for (const n of before.nodes) expect(back[n.id]).toEqual(grown[n.id]);
    // Typed again, it goes back to the same place, and nothing else moves.
    const again = extendLayout(back, withCache, undefined, { removals: true })!;
    expect(again).toEqual(grown);
    // One renamed (one removed, one added) is placed beside; too many changes, or none, ask for a
    // new layout.
    const swapped = graphOf(THREE_TIER_YAML.replace(/name: db\b/g, 'name: db2'));
    const moved = extendLayout(old, swapped, undefined, { removals: true })!;
    expect(moved).not.toBeNull();
    expect(overlapping(topBoxes(swapped, moved))).toEqual([]);
    expect(outside(swapped, moved)).toEqual([]);
    const many = graphOf(
      `${THREE_TIER_YAML}${['a', 'b', 'c', 'd'].map((n) => deployment(n, 'shop')).join('')}`,
    );
    expect(extendLayout(old, many, undefined, { removals: true })).toBeNull();
    expect(extendLayout(old, before, undefined, { removals: true })).toBeNull();
  });
});
