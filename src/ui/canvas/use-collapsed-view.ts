// The graph as the canvas draws it: namespaces collapsed as the user chose, or by default when
// the workspace is large; the focused workload's namespace always open.
import { useEffect, useMemo } from 'react';
import { useCollapseStore } from '../../store/collapse-store.ts';
import { collapseFlows, collapseGraph, collapsedSet } from '../../store/graph/collapse.ts';
import type { FlowSummary, Graph } from '../../store/graph/graph-types.ts';

export interface CollapsedView {
  readonly graph: Graph;
  readonly collapsed: ReadonlySet<string>;
  readonly flows: readonly FlowSummary[];
}

export function useCollapsedView(
  graph: Graph,
  focus: string | null,
  flows: readonly FlowSummary[],
): CollapsedView {
  const overrides = useCollapseStore((s) => s.overrides);
  const collapsed = useMemo(() => collapsedSet(graph, overrides), [graph, overrides]);
  // A workload selected elsewhere (probe, search, a link) inside a collapsed namespace opens it.
  const home = focus ? graph.nodeById.get(focus)?.parent : undefined;
  useEffect(() => {
    if (home !== undefined && collapsed.has(home))
      useCollapseStore.getState().setCollapsed(home, false);
  }, [home, collapsed]);
  const view = useMemo(() => collapseGraph(graph, collapsed), [graph, collapsed]);
  const drawn = useMemo(() => collapseFlows(graph, flows, collapsed), [graph, flows, collapsed]);
  return { graph: view, collapsed, flows: drawn };
}
