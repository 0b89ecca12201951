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

/**
 * What the latest fold drew, for the next one (the next edit's graph, which keeps the edge objects
 * of unchanged policies) to take each namespace edge again when it stands for the same edges
 * between ends of the same names.
 */
interface FoldState {
  /** Each node id's drawn end, as an index into `drawnIds`. */
  readonly indexOf: ReadonlyMap<string, number>;
  readonly drawnIds: readonly string[];
  readonly names: readonly (string | undefined)[];
  /** The pair of two drawn ends, or -1. */
  readonly pairOf: (s: number, t: number) => number;
  /** The edges of pair p are `grouped[start[p]]` up to `grouped[start[p + 1]]`. */
  readonly grouped: readonly GraphEdge[];
  readonly start: Int32Array;
  /** The edge drawn for each pair. */
  readonly drawn: readonly GraphEdge[];
}

let latestFold: FoldState | null = null;

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

/** Up to this many pairs of drawn ends, pairs are found in a table rather than a map. */
const PAIR_TABLE_MAX = 1 << 18;

let latestCollapse: {
  readonly graph: Graph;
  readonly collapsed: ReadonlySet<string>;
  readonly view: Graph;
} | null = null;

/**
 * Folds the edges into one per pair of drawn ends. At 5,000 workloads in 100 collapsed namespaces
 * that is 25,000 edges into 9,900 pairs at every keystroke: ends are numbered, pairs found in a
 * table of numbers, and the edges grouped by pair in one array (a counting sort), so the fold
 * makes no object per pair beyond the edge it draws.
 */
function foldGraph(graph: Graph, collapsed: ReadonlySet<string>, reuse: boolean): Graph {
  // Each end as the index of the node it is drawn as: itself, or its collapsed namespace.
  const drawnIds: string[] = [];
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
  for (const n of graph.nodes) endIndex(n.id);
  const count = graph.edges.length;
  const ends = new Int32Array(2 * count);
  for (let k = 0; k < count; k++) {
    const e = graph.edges[k] as GraphEdge;
    ends[2 * k] = endIndex(e.source);
    ends[2 * k + 1] = endIndex(e.target);
  }
  // Pairs numbered in the order they first occur; each edge's pair (-1: within one end).
  const n = drawnIds.length;
  const table = n * n <= PAIR_TABLE_MAX ? new Int32Array(n * n).fill(-1) : null;
  const map = table ? null : new Map<number, number>();
  const pairOf = (s: number, t: number): number =>
    table ? (table[s * n + t] as number) : (map?.get(s * n + t) ?? -1);
  const pairS: number[] = [];
  const pairT: number[] = [];
  const sizes: number[] = [];
  const pairOfEdge = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const s = ends[2 * k] as number;
    const t = ends[2 * k + 1] as number;
    if (s === t) {
      inner[s] = (inner[s] as number) + 1;
      pairOfEdge[k] = -1;
      continue;
    }
    let p = pairOf(s, t);
    if (p < 0) {
      p = pairS.push(s) - 1;
      pairT.push(t);
      sizes.push(0);
      if (table) table[s * n + t] = p;
      else map?.set(s * n + t, p);
    }
    sizes[p] = (sizes[p] as number) + 1;
    pairOfEdge[k] = p;
  }
  const pairs = pairS.length;
  const start = new Int32Array(pairs + 1);
  for (let p = 0; p < pairs; p++) start[p + 1] = (start[p] as number) + (sizes[p] as number);
  const grouped = new Array<GraphEdge>(start[pairs] as number);
  const cursor = start.slice(0, pairs);
  for (let k = 0; k < count; k++) {
    const p = pairOfEdge[k] as number;
    if (p >= 0) grouped[(cursor[p] as number)++] = graph.edges[k] as GraphEdge;
  }

  const nodes: GraphNode[] = [];
  for (const node of graph.nodes) {
    if (node.parent !== undefined && collapsed.has(node.parent)) continue;
    if (node.data.kind === 'namespace' && collapsed.has(node.id)) {
      nodes.push({
        ...node,
        width: COLLAPSED_SIZE.width,
        height: COLLAPSED_SIZE.height,
        data: {
          ...node.data,
          collapsed: true,
          innerRules: inner[indexOf.get(node.id) as number] ?? 0,
          ariaLabel: `${node.data.ariaLabel}, collapsed`,
        },
      });
    } else nodes.push(node);
  }
  const nodeById = new Map(nodes.map((node) => [node.id, node]));
  const names: (string | undefined)[] = [];
  /** The name of a drawn end, by its index: once each, not once per pair. */
  const nameOf = (i: number): string => {
    let name = names[i];
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
      names[i] = name;
    }
    return name;
  };
  const before = reuse ? latestFold : null;
  /** The previous fold's pair of the same drawn ends, when they have the same names. */
  const previousPair = (s: number, t: number): number => {
    if (!before) return -1;
    const source = drawnIds[s] as string;
    const target = drawnIds[t] as string;
    const ps = before.indexOf.get(source);
    const pt = before.indexOf.get(target);
    if (ps === undefined || pt === undefined) return -1;
    if (before.drawnIds[ps] !== source || before.drawnIds[pt] !== target) return -1;
    if (before.names[ps] !== nameOf(s) || before.names[pt] !== nameOf(t)) return -1;
    return before.pairOf(ps, pt);
  };
  const sameGroup = (p: number, q: number): boolean => {
    if (!before) return false;
    const a = start[p] as number;
    const b = before.start[q] as number;
    const size = (start[p + 1] as number) - a;
    if (size !== (before.start[q + 1] as number) - b) return false;
    for (let i = 0; i < size; i++) if (grouped[a + i] !== before.grouped[b + i]) return false;
    return true;
  };
  const drawn: GraphEdge[] = [];
  for (let p = 0; p < pairs; p++) {
    const s = pairS[p] as number;
    const t = pairT[p] as number;
    const source = drawnIds[s] as string;
    const target = drawnIds[t] as string;
    const from = start[p] as number;
    const size = (start[p + 1] as number) - from;
    const first = grouped[from] as GraphEdge;
    if (size === 1 && first.source === source && first.target === target) {
      drawn.push(first);
      continue;
    }
    // Names first: they are made once per end, and the previous pair is looked up by them.
    const sourceName = nameOf(s);
    const targetName = nameOf(t);
    const q = previousPair(s, t);
    if (q >= 0 && sameGroup(p, q)) {
      drawn.push(before?.drawn[q] as GraphEdge);
      continue;
    }
    const ids = new Set<string>();
    for (let i = from; i < from + size; i++) ids.add((grouped[i] as GraphEdge).data.policyId);
    const policies = [...ids].sort();
    drawn.push({
      id: `agg|${source}|${target}`,
      source,
      target,
      data: {
        ...withoutOnly(first.data),
        portsLabel: `${size} rule${size === 1 ? '' : 's'}`,
        lane: 0,
        ariaLabel: `${size} policy rule${size === 1 ? '' : 's'} from ${sourceName} to ${targetName} (${policies.length === 1 ? `policy ${policies[0]}` : `${policies.length} policies`})`,
        aggregate: { rules: size, policies },
      },
    });
  }
  latestFold = { indexOf, drawnIds, names, pairOf, grouped, start, drawn };
  return graphOf(nodes, drawn, nodeById);
}

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
