// Which nodes an allowed edge can join to a given node, for the keyboard form: the same ends the
// drag gesture accepts, minus those whose edit would write nothing.
import { displayText } from '../../model/display-text.ts';
import type { Graph, GraphNodeData } from '../../view/graph-types.ts';

export type AllowDirection = 'to' | 'from';

export interface OtherEnd {
  /** Canvas node id. */
  readonly id: string;
  readonly label: string;
  readonly group: 'Workloads' | 'Namespaces' | 'External networks';
}

/**
 * A rule can be written for source → target: the target is a workload or an external network, and
 * an external target needs a workload source (a namespace or another network has no egress rule
 * to carry it). The catch-all nodes without a CIDR ("anywhere", "every pod") are not networks one
 * can name in an ipBlock, so they are no ends either.
 */
export function canAllow(source: GraphNodeData, target: GraphNodeData): boolean {
  if (source.kind === 'external' && source.cidr === null) return false;
  if (target.kind === 'workload') return true;
  return target.kind === 'external' && target.cidr !== null && source.kind === 'workload';
}

function endLabel(d: GraphNodeData): string {
  if (d.kind === 'workload')
    return `${displayText(d.workload.name, 40)} (${displayText(d.workload.namespace, 30)})`;
  if (d.kind === 'namespace') return `all pods in ${displayText(d.name, 40)}`;
  const cidr = d.cidr ?? '';
  const except = d.except.length ? ` except ${d.except.join(', ')}` : '';
  return displayText(d.label === cidr ? `${cidr}${except}` : `${d.label} (${cidr}${except})`, 60);
}

const GROUPS = {
  workload: 'Workloads',
  namespace: 'Namespaces',
  external: 'External networks',
} as const;
const ORDER = { workload: 0, namespace: 1, external: 2 };

const joins = (self: GraphNodeData, other: GraphNodeData, direction: AllowDirection) =>
  direction === 'to' ? canAllow(self, other) : canAllow(other, self);

/** How many other ends `otherEnds` lists, without labelling and sorting them. */
export function countEnds(graph: Graph, nodeId: string, direction: AllowDirection): number {
  const self = graph.nodeById.get(nodeId)?.data;
  if (!self) return 0;
  let n = 0;
  for (const other of graph.nodes)
    if (other.id !== nodeId && joins(self, other.data, direction)) n++;
  return n;
}

/** The end `endId` as `otherEnds` lists it, when it is one. */
export function endOf(
  graph: Graph,
  nodeId: string,
  direction: AllowDirection,
  endId: string,
): OtherEnd | undefined {
  const self = graph.nodeById.get(nodeId)?.data;
  const other = graph.nodeById.get(endId)?.data;
  if (!self || !other || endId === nodeId || !joins(self, other, direction)) return undefined;
  return { id: endId, label: endLabel(other), group: GROUPS[other.kind] };
}

/** The other ends of an edge to (or from) `nodeId`, workloads by namespace first. */
export function otherEnds(graph: Graph, nodeId: string, direction: AllowDirection): OtherEnd[] {
  const self = graph.nodeById.get(nodeId)?.data;
  if (!self) return [];
  const ends = graph.nodes.filter((n) => n.id !== nodeId && joins(self, n.data, direction));
  const key = (d: GraphNodeData) =>
    d.kind === 'workload'
      ? `${d.workload.namespace}\u0000${d.workload.name}`
      : d.kind === 'namespace'
        ? d.name
        : '';
  return ends
    .map((n, i) => ({ n, i }))
    .sort(
      (a, b) =>
        ORDER[a.n.data.kind] - ORDER[b.n.data.kind] ||
        key(a.n.data).localeCompare(key(b.n.data)) ||
        a.i - b.i,
    )
    .map(({ n }) => ({ id: n.id, label: endLabel(n.data), group: GROUPS[n.data.kind] }));
}
