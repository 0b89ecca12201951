// The canvas filters applied to the model: which workloads stay bright, and the node ids to dim
// (workloads left out, namespaces with none left, external networks while a filter is on).
import { useWorkspaceStore } from '../../store/workspace-store.ts';
import type { CanvasModel } from '../../store/canvas-model.ts';
import type { NetworkPolicy } from '../../model/types.ts';
import { isFilterActive, matchingWorkloads } from '../../view/workload-filter.ts';
import type { FilterableWorkload, WorkloadFilter } from '../../view/workload-filter.ts';

export interface FilterResult {
  readonly active: boolean;
  /** Workload ids the filter keeps. */
  readonly shown: ReadonlySet<string>;
  readonly workloads: number;
  /** Node ids drawn dimmed. */
  readonly dimmed: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();
const results = new WeakMap<CanvasModel, { filter: WorkloadFilter; result: FilterResult }>();

/** The filter's result on a model, cached for the latest filter of each model. */
export function filterResultOf(model: CanvasModel, filter: WorkloadFilter): FilterResult {
  const cached = results.get(model);
  if (cached?.filter === filter) return cached.result;
  const workloads: FilterableWorkload[] = [];
  for (const n of model.graph.nodes)
    if (n.data.kind === 'workload')
      workloads.push({
        id: n.id,
        namespace: n.data.workload.namespace,
        isolation: n.data.isolation,
        policies: n.data.policies,
      });
  let result: FilterResult;
  if (!isFilterActive(filter)) {
    result = {
      active: false,
      shown: new Set(workloads.map((w) => w.id)),
      workloads: workloads.length,
      dimmed: NONE,
    };
  } else {
    const byId = new Map<string, NetworkPolicy>(model.workspace.policies.map((p) => [p.id, p]));
    const shown = matchingWorkloads(workloads, filter, byId);
    const lit = new Set<string>();
    for (const n of model.graph.nodes)
      if (n.data.kind === 'workload' && shown.has(n.id) && n.parent) lit.add(n.parent);
    const dimmed = new Set<string>();
    for (const n of model.graph.nodes) {
      if (n.data.kind === 'workload' ? !shown.has(n.id) : !lit.has(n.id)) dimmed.add(n.id);
    }
    result = { active: true, shown, workloads: workloads.length, dimmed };
  }
  results.set(model, { filter, result });
  return result;
}

export function useFilterResult(model: CanvasModel): FilterResult {
  return filterResultOf(
    model,
    useWorkspaceStore((s) => s.filter),
  );
}

/** The node ids to draw dimmed (a stable empty set while no filter is on). */
export function useDimmedNodes(model: CanvasModel): ReadonlySet<string> {
  return useFilterResult(model).dimmed;
}
