// Collapsed namespaces on the built-in example and a large synthetic workspace.
import { describe, expect, it } from 'vitest';
import { buildEngineIndex } from '../engine/evaluate.ts';
import { withInferred } from '../model/infer-workloads.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { THREE_TIER_YAML } from '../ui/examples/three-tier.ts';
import { syntheticWorkspace } from '../../fixtures/synthetic-workspace.ts';
import { buildGraph } from './build-graph.ts';
import { collapseFlows, collapseGraph, collapsedSet } from './collapse.ts';
import { flowsFor } from './flows.ts';

const example = () => {
  const ws = withInferred(readWorkspace(THREE_TIER_YAML));
  return { graph: buildGraph(ws), index: buildEngineIndex(ws) };
};

describe('collapseGraph', () => {
  it('gives the same view for the same graph folded the same way, a new one otherwise', () => {
    const { graph } = example();
    const view = collapseGraph(graph, new Set(['ns:shop']));
    // A new set of the same namespaces (a re-render, defaults written down): the same picture.
    expect(collapseGraph(graph, new Set(['ns:shop']))).toBe(view);
    const other = collapseGraph(graph, new Set(['ns:shop', 'ns:data']));
    expect(other).not.toBe(view);
    expect(collapseGraph(graph, new Set(['ns:shop']))).toEqual(view);
    // Another graph of the same workspace is folded anew.
    const again = example().graph;
    expect(collapseGraph(again, new Set(['ns:shop']))).not.toBe(view);
  });

  it('folds a namespace into one node and its rules into one edge per pair and direction', () => {
    const { graph } = example();
    const view = collapseGraph(graph, new Set(['ns:shop']));
    expect(view.nodes.some((n) => n.parent === 'ns:shop')).toBe(false);
    const shop = view.nodeById.get('ns:shop');
    expect(shop?.data).toMatchObject({ kind: 'namespace', collapsed: true });
    // web → api and api → db are rules inside shop: counted, not drawn.
    expect(shop?.data.kind === 'namespace' && shop.data.innerRules).toBeGreaterThanOrEqual(2);
    for (const e of view.edges) {
      expect(view.nodeById.has(e.source), e.id).toBe(true);
      expect(view.nodeById.has(e.target), e.id).toBe(true);
      expect(e.source).not.toBe(e.target);
    }
    const pairs = view.edges.map((e) => `${e.source}>${e.target}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    // Every rule is either drawn, folded into an aggregate, or counted inside the namespace.
    const drawn = view.edges.reduce((sum, e) => sum + (e.data.aggregate?.rules ?? 1), 0);
    const inner = shop?.data.kind === 'namespace' ? (shop.data.innerRules ?? 0) : 0;
    expect(drawn + inner).toBe(graph.edges.length);
  });

  it('opens a large workspace collapsed and a small one expanded; the user decides after', () => {
    const big = buildGraph(withInferred(readWorkspace(syntheticWorkspace(10, 20, 1))));
    expect(collapsedSet(big, {}).size).toBe(10);
    expect(collapsedSet(big, { 'ns:team-3': false }).has('ns:team-3')).toBe(false);
    const { graph } = example();
    expect(collapsedSet(graph, {}).size).toBe(0);
    expect([...collapsedSet(graph, { 'ns:shop': true })]).toEqual(['ns:shop']);
    expect(collapseGraph(graph, new Set())).toBe(graph);
  });

  it('keeps open the namespaces policies touch most while they fit, and collapses the rest', () => {
    const mid = buildGraph(withInferred(readWorkspace(syntheticWorkspace(5, 8, 1))));
    // 40 workloads where 20 fit: some namespaces stay open, never more workloads than fit.
    const shut = collapsedSet(mid, {}, 20);
    expect(shut.size).toBeGreaterThan(0);
    expect(shut.size).toBeLessThan(5);
    const open = mid.nodes.filter((n) => n.parent !== undefined && !shut.has(n.parent)).length;
    expect(open + shut.size * 1.5).toBeLessThanOrEqual(20);
    expect(collapsedSet(mid, {}, 1000).size).toBe(0);
  });
});

describe('collapseFlows', () => {
  it("draws one flow per direction to a collapsed namespace and keeps each workload's verdict", () => {
    const { graph, index } = example();
    const flows = flowsFor(graph, index, 'monitoring/prometheus');
    const drawn = collapseFlows(graph, flows, new Set(['ns:shop']));
    const toShop = drawn.filter((f) => f.target === 'ns:shop');
    expect(toShop).toHaveLength(1);
    const members = toShop[0]!.members ?? [];
    expect(members.map((m) => m.target).sort()).toEqual(['shop/api', 'shop/db', 'shop/web']);
    // prometheus may scrape api and web on 9090, not db: some allowed, some denied.
    expect(toShop[0]!.state).toBe('partial');
    expect(drawn.every((f) => !f.target.startsWith('shop/') && !f.source.startsWith('shop/'))).toBe(
      true,
    );
  });
});
