// What the canvas search indexes (built once per graph) and what choosing a match does: select
// it in the store and centre the view on it, or on the workloads it stands for.
import type { CanvasModel } from '../../store/canvas-model.ts';
import { namespaceNodeId } from '../../view/graph-types.ts';
import { workspaceStore } from '../../store/workspace-store.ts';
import { displayText } from '../../model/display-text.ts';
import { buildSearchIndex } from '../../view/search-index.ts';
import { clusterSelectedWorkloads } from '../../view/cluster-words.ts';
import type { SearchHit, SearchIndex, SearchSource } from '../../view/search-index.ts';

const indexes = new WeakMap<CanvasModel['graph'], SearchIndex>();

export function searchIndexOf(model: CanvasModel): SearchIndex {
  const graph = model.graph;
  let index = indexes.get(graph);
  if (index) return index;
  const workloads: SearchSource['workloads'][number][] = [];
  const namespaces: string[] = [];
  const selects = new Map<string, string[]>();
  for (const n of graph.nodes) {
    if (n.data.kind === 'namespace') namespaces.push(n.data.name);
    if (n.data.kind !== 'workload') continue;
    const w = n.data.workload;
    workloads.push({ id: n.id, name: w.name, namespace: w.namespace, labels: w.labels });
    for (const id of new Set([...n.data.policies.ingress, ...n.data.policies.egress])) {
      const list = selects.get(id);
      if (list) list.push(n.id);
      else selects.set(id, [n.id]);
    }
  }
  const policies = model.workspace.policies.map((p) => ({
    id: p.id,
    name: p.name,
    namespace: p.namespace,
    selects: selects.get(p.id) ?? [],
  }));
  for (const c of model.workspace.clusterPolicies ?? [])
    policies.push({
      id: c.id,
      name: c.name,
      namespace: '',
      selects: clusterSelectedWorkloads(c, model.workspace),
    });
  index = buildSearchIndex({ workloads, namespaces, policies });
  indexes.set(graph, index);
  return index;
}

/** What a choice selects and where the view goes. `match`: which of a label's workloads. */
export function choiceOf(
  hit: SearchHit,
  match = 0,
): { readonly centre: readonly string[]; readonly select: () => void } {
  const store = workspaceStore.getState();
  if (hit.kind === 'workload')
    return { centre: [hit.id], select: () => store.select({ kind: 'workload', id: hit.id }) };
  if (hit.kind === 'namespace') {
    const id = namespaceNodeId(hit.id);
    return { centre: [id], select: () => store.select({ kind: 'namespace', id }) };
  }
  if (hit.kind === 'policy')
    return { centre: hit.targets, select: () => store.select({ kind: 'policy', id: hit.id }) };
  const id = hit.targets[match % Math.max(1, hit.targets.length)];
  return {
    centre: id === undefined ? [] : [id],
    select: () => (id === undefined ? undefined : store.select({ kind: 'workload', id })),
  };
}

const nameOf = (id: string) => displayText(id.slice(id.indexOf('/') + 1), 30);

/** One line on what a choice showed, for the status under the search. */
export function describeChoice(hit: SearchHit, match = 0): string {
  const n = hit.targets.length;
  const list = (ids: readonly string[]) =>
    ids.slice(0, 4).map(nameOf).join(', ') + (ids.length > 4 ? `, +${ids.length - 4} more` : '');
  if (hit.kind === 'workload')
    return `${displayText(hit.label, 40)} in ${displayText(hit.namespace, 40)}`;
  if (hit.kind === 'namespace') return `namespace ${displayText(hit.label, 40)}: ${n} workloads`;
  if (hit.kind === 'policy')
    return n === 0
      ? `policy ${displayText(hit.label, 40)} selects no workload`
      : `policy ${displayText(hit.label, 40)} selects ${n === 1 ? 'one workload' : `${n} workloads`}: ${list(hit.targets)}`;
  const at = hit.targets[match % Math.max(1, n)];
  return `${displayText(hit.label, 40)}: ${n === 1 ? 'one workload' : `${n} workloads`} (${list(hit.targets)})${at && n > 1 ? `; showing ${match + 1} of ${n}, ${nameOf(at)}` : ''}`;
}
