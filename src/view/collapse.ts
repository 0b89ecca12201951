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
  readonly sourceName: string;
  readonly targetName: string;
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

/** Pair keys: source index × this + target index (exact up to 2^32 ends). */
const PAIR_STRIDE = 2 ** 21;

let latestCollapse: {
  readonly graph: Graph;
  readonly collapsed: ReadonlySet<string>;
  readonly view: Graph;
} | null = null;

function foldGraph(graph: Graph, collapsed: ReadonlySet<string>, reuse: boolean): Graph {
  // Each end as a number: the index of the node it is drawn as (itself, or its collapsed
  // namespace), so that 25,000 edges at 5,000 workloads are sorted into pairs by one lookup of a
  // number each, not nested maps of strings.
  const drawnIds: string[] = [];
  /** Rules within each drawn end (a collapsed namespace's own), by its index. */
  const inner: number[] = [];
  const indexOf = new Map<string, number>();
  const endIndex = (id: string): number => {
    let i = indexOf.get(id);
    if (i === undefined) {
      const parent = graph.nodeById.get(id)?.parent;
      if (parent !== undefined && collapsed.has(parent)) i = endIndex(parent);
      else {
        i = drawnIds.push(id) - 1;
        inner.push(0);
      }
      indexOf.set(id, i);
    }
    return i;
  };
  // Edges by pair of drawn ends, the pairs in the order they first occur.
  const pairs = new Map<number, { s: number; t: number; list: GraphEdge[] }>();
  for (const e of graph.edges) {
    const s = endIndex(e.source);
    const t = endIndex(e.target);
    if (s === t) {
      inner[s] = (inner[s] as number) + 1;
      continue;
    }
    const key = s * PAIR_STRIDE + t;
    const pair = pairs.get(key);
    if (pair) pair.list.push(e);
    else pairs.set(key, { s, t, list: [e] });
  }
  const innerRules = (id: string): number => {
    const i = indexOf.get(id);
    return i === undefined ? 0 : (inner[i] ?? 0);
  };
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
          innerRules: innerRules(n.id),
          ariaLabel: `${n.data.ariaLabel}, collapsed`,
        },
      });
    } else nodes.push(n);
  }
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const named: (string | undefined)[] = [];
  /** The name of a drawn end, by its index: once each, not once per pair (9,900 at 5,000). */
  const nameOf = (i: number): string => {
    let name = named[i];
    if (name === undefined) {
      const id = drawnIds[i] as string;
      const d = nodeById.get(id)?.data;
      name = !d
        ? id
        : d.kind === 'namespace'
          ? `namespace ${d.name}`
          : d.kind === 'workload'
            ? `${d.workload.namespace}/${d.workload.name}`
            : d.label;
      named[i] = name;
    }
    return name;
  };
  const edges: GraphEdge[] = [];
  const before = latestFolds;
  const folds = new Map<string, Map<string, Folded>>();
  for (const { s, t, list } of pairs.values()) {
    const source = drawnIds[s] as string;
    const target = drawnIds[t] as string;
    const first = list[0];
    if (!first) continue;
    if (list.length === 1 && first.source === source && first.target === target) {
      edges.push(first);
      continue;
    }
    const sourceName = nameOf(s);
    const targetName = nameOf(t);
    const was = reuse ? before.get(source)?.get(target) : undefined;
    let edge: GraphEdge;
    if (
      was &&
      was.sourceName === sourceName &&
      was.targetName === targetName &&
      sameEdges(was.list, list)
    )
      edge = was.edge;
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
          ariaLabel: `${list.length} policy rule${list.length === 1 ? '' : 's'} from ${sourceName} to ${targetName} (${policies.length === 1 ? `policy ${policies[0]}` : `${policies.length} policies`})`,
          aggregate: { rules: list.length, policies },
        },
      };
    }
    edges.push(edge);
    let from = folds.get(source);
    if (!from) folds.set(source, (from = new Map()));
    from.set(target, { list, sourceName, targetName, edge });
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
