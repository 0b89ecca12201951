// Collapsed namespaces: a namespace folded into one node, its rules with the rest of the workspace
// drawn as one edge per pair of ends and direction, and a selection's flows with its workloads as
// one flow. Large workspaces open this way, so the canvas holds hundreds of elements, not
// hundreds of thousands, and reads as a map of namespaces.
import type { FlowSummary, Graph, GraphEdge, GraphNode } from './graph-types.ts';
import { graphOf } from './graph-types.ts';

/** Workspaces with more workloads than this open with every namespace collapsed. */
export const COLLAPSE_ABOVE_WORKLOADS = 120;
export const COLLAPSED_SIZE = { width: 220, height: 84 } as const;
/** What a collapsed namespace costs on screen, counted in workloads. */
const COLLAPSED_COST = 1.5;

export function workloadCount(graph: Graph): number {
  let n = 0;
  for (const node of graph.nodes) if (node.data.kind === 'workload') n++;
  return n;
}

/**
 * The namespaces to open collapsed when `capacity` workloads fit on screen at a readable zoom:
 * none when everything fits; otherwise the namespaces that policies touch most stay open while
 * they fit beside the collapsed rest, and above COLLAPSE_ABOVE_WORKLOADS every one is collapsed.
 */
export function defaultCollapsed(graph: Graph, capacity = Infinity): Set<string> {
  const size = new Map<string, number>();
  for (const n of graph.nodes)
    if (n.data.kind === 'namespace') size.set(n.id, 0);
    else if (n.parent !== undefined) size.set(n.parent, (size.get(n.parent) ?? 0) + 1);
  const total = [...size.values()].reduce((a, b) => a + b, 0);
  if (total <= capacity && total <= COLLAPSE_ABOVE_WORKLOADS) return new Set();
  if (total > COLLAPSE_ABOVE_WORKLOADS) return new Set(size.keys());
  const touched = new Map<string, number>();
  for (const e of graph.edges)
    for (const id of [e.source, e.target]) {
      const ns = graph.nodeById.get(id)?.parent ?? id;
      if (size.has(ns)) touched.set(ns, (touched.get(ns) ?? 0) + 1);
    }
  const order = [...size.keys()].sort(
    (a, b) => (touched.get(b) ?? 0) - (touched.get(a) ?? 0) || (a < b ? -1 : 1),
  );
  const collapsed = new Set(order);
  let used = collapsed.size * COLLAPSED_COST;
  for (const ns of order) {
    const cost = (size.get(ns) ?? 0) - COLLAPSED_COST;
    if (used + cost > capacity) continue;
    used += cost;
    collapsed.delete(ns);
  }
  return collapsed;
}

/** Which namespaces are collapsed: the user's choices (`overrides`) over the default. */
export function collapsedSet(
  graph: Graph,
  overrides: Readonly<Record<string, boolean>>,
  capacity = Infinity,
): Set<string> {
  const byDefault = defaultCollapsed(graph, capacity);
  const out = new Set<string>();
  for (const n of graph.nodes)
    if (n.data.kind === 'namespace' && (overrides[n.id] ?? byDefault.has(n.id))) out.add(n.id);
  return out;
}

/** An edge drawn for several, with what it was drawn from. */
interface Folded {
  readonly list: readonly GraphEdge[];
  readonly names: string;
  readonly edge: GraphEdge;
}

/**
 * The edges the latest collapse drew for several, by their drawn ends: the next collapse (the
 * next edit's graph, which keeps the edge objects of unchanged policies) takes each one again
 * when it stands for the same edges between ends of the same names.
 */
let latestFolds = new Map<string, Map<string, Folded>>();

/** The graph as drawn with these namespaces collapsed. The same graph when none is. */
export function collapseGraph(
  graph: Graph,
  collapsed: ReadonlySet<string>,
  /** False: draw every folded edge anew (the result is the same; for tests). */
  reuse = true,
): Graph {
  if (collapsed.size === 0) return graph;
  // The same graph folded the same way (a new set of the same namespaces: a re-render, defaults
  // written down) is the same picture.
  const last = latestCollapse;
  if (
    reuse &&
    last?.graph === graph &&
    last.collapsed.size === collapsed.size &&
    [...collapsed].every((id) => last.collapsed.has(id))
  )
    return last.view;
  const view = foldGraph(graph, collapsed, reuse);
  if (reuse) latestCollapse = { graph, collapsed: new Set(collapsed), view };
  return view;
}

let latestCollapse: {
  readonly graph: Graph;
  readonly collapsed: ReadonlySet<string>;
  readonly view: Graph;
} | null = null;

function foldGraph(graph: Graph, collapsed: ReadonlySet<string>, reuse: boolean): Graph {
  const folded = (id: string): string => {
    const parent = graph.nodeById.get(id)?.parent;
    return parent !== undefined && collapsed.has(parent) ? parent : id;
  };
  const inner = new Map<string, number>();
  // Edges by pair of drawn ends, the pairs in the order they first occur (maps by end: no key
  // string per edge, 25,000 of them at 5,000 workloads).
  const bySource = new Map<string, Map<string, GraphEdge[]>>();
  const pairs: { source: string; target: string; list: GraphEdge[] }[] = [];
  for (const e of graph.edges) {
    const source = folded(e.source);
    const target = folded(e.target);
    if (source === target) {
      inner.set(source, (inner.get(source) ?? 0) + 1);
      continue;
    }
    let targets = bySource.get(source);
    if (!targets) bySource.set(source, (targets = new Map()));
    const list = targets.get(target);
    if (list) list.push(e);
    else {
      const fresh = [e];
      targets.set(target, fresh);
      pairs.push({ source, target, list: fresh });
    }
  }
  const nodes: GraphNode[] = [];
  for (const n of graph.nodes) {
    if (n.parent !== undefined && collapsed.has(n.parent)) continue;
    if (n.data.kind === 'namespace' && collapsed.has(n.id)) {
      nodes.push({
        ...n,
        width: COLLAPSED_SIZE.width,
        height: COLLAPSED_SIZE.height,
        data: {
          ...n.data,
          collapsed: true,
          innerRules: inner.get(n.id) ?? 0,
          ariaLabel: `${n.data.ariaLabel}, collapsed`,
        },
      });
    } else nodes.push(n);
  }
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const nameOf = (id: string): string => {
    const d = nodeById.get(id)?.data;
    if (!d) return id;
    if (d.kind === 'namespace') return `namespace ${d.name}`;
    if (d.kind === 'workload') return `${d.workload.namespace}/${d.workload.name}`;
    return d.label;
  };
  const edges: GraphEdge[] = [];
  const before = latestFolds;
  const folds = new Map<string, Map<string, Folded>>();
  for (const { source, target, list } of pairs) {
    const first = list[0];
    if (!first) continue;
    if (list.length === 1 && first.source === source && first.target === target) {
      edges.push(first);
      continue;
    }
    const names = `${nameOf(source)}\u0000${nameOf(target)}`;
    const was = reuse ? before.get(source)?.get(target) : undefined;
    let edge: GraphEdge;
    if (was && was.names === names && sameEdges(was.list, list)) edge = was.edge;
    else {
      const policies = [...new Set(list.map((e) => e.data.policyId))].sort();
      edge = {
        id: `agg|${source}|${target}`,
        source,
        target,
        data: {
          ...withoutOnly(first.data),
          portsLabel: `${list.length} rule${list.length === 1 ? '' : 's'}`,
          lane: 0,
          ariaLabel: `${list.length} policy rule${list.length === 1 ? '' : 's'} from ${nameOf(source)} to ${nameOf(target)} (${policies.length === 1 ? `policy ${policies[0]}` : `${policies.length} policies`})`,
          aggregate: { rules: list.length, policies },
        },
      };
    }
    edges.push(edge);
    let from = folds.get(source);
    if (!from) folds.set(source, (from = new Map()));
    from.set(target, { list, names, edge });
  }
  latestFolds = folds;
  return graphOf(nodes, edges, nodeById);
}

const sameEdges = (a: readonly GraphEdge[], b: readonly GraphEdge[]): boolean =>
  a.length === b.length && a.every((e, i) => e === b[i]);

/**
 * A selection's flows as drawn: the flows with the workloads of a collapsed namespace become one
 * flow per direction to that namespace, whose members keep every verdict for the inspector.
 */
export function collapseFlows(
  graph: Graph,
  flows: readonly FlowSummary[],
  collapsed: ReadonlySet<string>,
): FlowSummary[] {
  if (collapsed.size === 0) return [...flows];
  const out: FlowSummary[] = [];
  const groups = new Map<string, FlowSummary[]>();
  for (const f of flows) {
    const other = f.direction === 'out' ? f.target : f.source;
    const parent = graph.nodeById.get(other)?.parent;
    if (parent === undefined || !collapsed.has(parent)) {
      out.push(f);
      continue;
    }
    const key = `${f.direction}\u0000${parent}`;
    const list = groups.get(key);
    // A flow already grouped by namespace brings its members.
    const members = f.members ?? [f];
    if (list) list.push(...members);
    else groups.set(key, [...members]);
  }
  for (const [key, members] of groups) {
    const [direction, ns] = key.split('\u0000') as ['out' | 'in', string];
    const one = members[0];
    if (!one) continue;
    const self = direction === 'out' ? one.source : one.target;
    const [source, target] = direction === 'out' ? [self, ns] : [ns, self];
    const count = (state: FlowSummary['state']) => members.filter((m) => m.state === state).length;
    const allowed = count('allowed');
    const denied = count('denied');
    const partial = members.length - allowed - denied;
    const name = graph.nodeById.get(ns)?.data;
    const nsName = name?.kind === 'namespace' ? name.name : ns;
    const parts = [
      allowed && `${allowed} allowed`,
      partial && `${partial} on some ports only`,
      denied && `${denied} denied`,
    ].filter(Boolean);
    out.push({
      id: `flow|${source}|${target}`,
      source,
      target,
      direction,
      ports: [],
      state:
        allowed === members.length ? 'allowed' : denied === members.length ? 'denied' : 'partial',
      ariaLabel: `flows ${direction === 'out' ? 'to' : 'from'} namespace ${nsName}, ${members.length} workloads: ${parts.join(', ')}`,
      members,
    });
  }
  return out;
}

/** An aggregate stands for several rules: one rule's "from pods …" would mislabel it. */
function withoutOnly(data: GraphEdge['data']): GraphEdge['data'] {
  const { only: _only, ...rest } = data;
  return rest;
}
