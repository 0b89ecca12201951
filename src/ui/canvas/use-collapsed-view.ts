// The graph as the canvas draws it: namespaces collapsed as the user chose, or by default when
// the workspace does not fit the pane at a readable zoom; the focused workload's namespace open.
import { useEffect, useMemo } from 'react';
import { useStore } from '@xyflow/react';
import { READABLE_ZOOM } from './fit-readable.ts';
import { useCanvasViewStore } from '../../store/canvas-view-store.ts';
import { collapseFlows, collapseGraph, collapsedSet } from '../../view/collapse.ts';
import type { FlowSummary, Graph } from '../../view/graph-types.ts';

import type { DeniedAt } from '../../store/canvas-view-store.ts';

export interface CollapsedView {
  readonly graph: Graph;
  readonly collapsed: ReadonlySet<string>;
  /** The flows drawn as edges: all of them, or all but the denied ones (the default). */
  readonly flows: readonly FlowSummary[];
  /** Denied flows not drawn, summarised per peer node (one marker each). */
  readonly denied: ReadonlyMap<string, DeniedAt>;
  /** How many flows are denied in all, drawn or not. */
  readonly deniedCount: number;
  /** Nodes with nothing allowed to or from the selection: drawn dimmed. */
  readonly unrelated: ReadonlySet<string>;
}

export function useCollapsedView(
  graph: Graph,
  focus: string | null,
  flows: readonly FlowSummary[],
): CollapsedView {
  const overrides = useCanvasViewStore((s) => s.overrides);
  const capacity = useStore((s) => paneCapacity(s.width, s.height));
  useFrozenDefaults(graph, capacity);
  const collapsed = useMemo(
    () => collapsedSet(graph, overridesFor(graph, overrides), capacity),
    [graph, overrides, capacity],
  );
  // A workload selected elsewhere (probe, search, a link) inside a collapsed namespace opens it.
  const home = focus ? graph.nodeById.get(focus)?.parent : undefined;
  useEffect(() => {
    if (home !== undefined && collapsed.has(home))
      useCanvasViewStore.getState().setCollapsed(home, false);
  }, [home, collapsed]);
  const view = useMemo(() => collapseGraph(graph, collapsed), [graph, collapsed]);
  const all = useMemo(() => collapseFlows(graph, flows, collapsed), [graph, flows, collapsed]);
  const showDenied = useCanvasViewStore((s) => s.showDenied);
  const summary = useMemo(
    () => summarise(view, focus, all, showDenied),
    [view, focus, all, showDenied],
  );
  // Peers show their markers themselves (DeniedMarker), from the view store.
  useEffect(() => useCanvasViewStore.getState().setDenied(summary.denied), [summary.denied]);
  return { graph: view, collapsed, ...summary };
}

/** A workload with its share of namespace padding and the room between nodes, in canvas px². */
const WORKLOAD_AREA = 240 * 170;
/** Packing never fills a pane: this much of it holds nodes. */
const FILL = 0.6;

/** How many workloads fit the pane at a readable zoom (Infinity before the pane is measured). */
function paneCapacity(width: number, height: number): number {
  if (width <= 0 || height <= 0) return Infinity;
  return Math.floor((width * height * FILL) / (WORKLOAD_AREA * READABLE_ZOOM * READABLE_ZOOM));
}

/**
 * Once the pane is measured, each namespace's default (open or collapsed) is written down as if
 * the user chose it, so later edits and window sizes never fold or unfold what is on screen. A
 * workspace that is mostly new (a paste, an import, an example) starts over.
 */
function useFrozenDefaults(graph: Graph, capacity: number): void {
  useEffect(() => {
    drawn.capacity = capacity;
    if (!Number.isFinite(capacity)) return;
    const ids = namespaceIds(graph);
    // One canvas: what it last drew is module state, read by the preparation of the next read.
    const before = drawn.namespaces;
    drawn.namespaces = new Set(ids);
    const store = useCanvasViewStore.getState();
    let overrides = store.overrides;
    if (mostlyNew(before, ids)) {
      overrides = {};
      useCanvasViewStore.setState({ overrides, auto: new Set() });
    }
    const missing = ids.filter((id) => overrides[id] === undefined);
    if (missing.length === 0) return;
    const shut = collapsedSet(graph, overrides, capacity);
    const next: Record<string, boolean> = {};
    for (const id of missing) next[id] = shut.has(id);
    useCanvasViewStore.getState().setAuto(next);
  }, [graph, capacity]);
}

const namespaceIds = (graph: Graph) =>
  graph.nodes.filter((n) => n.data.kind === 'namespace').map((n) => n.id);

/** Fewer than half the namespaces were drawn before (a paste, an import, an example). */
function mostlyNew(before: ReadonlySet<string> | null, ids: readonly string[]): boolean {
  if (!before || ids.length === 0) return false;
  return ids.filter((id) => before.has(id)).length * 2 < ids.length;
}

/** What the canvas last drew with: the pane's capacity and the namespaces it knew. */
const drawn: { capacity: number; namespaces: ReadonlySet<string> | null } = {
  capacity: Infinity,
  namespaces: null,
};

/**
 * Folds a graph about to be drawn (a large workspace's new read) as the canvas will, in a task of
 * its own before the page takes the read: the render that draws it then finds the fold done.
 */
export function prepareCollapsedView(graph: Graph): void {
  if (!Number.isFinite(drawn.capacity)) return;
  const { overrides } = useCanvasViewStore.getState();
  collapseGraph(graph, collapsedSet(graph, overridesFor(graph, overrides), drawn.capacity));
}

/**
 * The user's choices that apply to a graph: none for a mostly new workspace, whose defaults are
 * written down anew (`useFrozenDefaults`): its first render already folds it that way, instead of
 * drawing a namespace it shares with the old one (`default`) as the old choice said for a frame.
 */
function overridesFor(
  graph: Graph,
  overrides: Readonly<Record<string, boolean>>,
): Readonly<Record<string, boolean>> {
  return mostlyNew(drawn.namespaces, namespaceIds(graph)) ? {} : overrides;
}

const NO_DENIED: ReadonlyMap<string, DeniedAt> = new Map();
const NONE: ReadonlySet<string> = new Set();

/**
 * Denied flows are the bulk of a selection's flows and say little one by one: unless asked, they
 * become a marker on each peer, and peers with nothing allowed step back.
 */
function summarise(
  graph: Graph,
  focus: string | null,
  flows: readonly FlowSummary[],
  showDenied: boolean,
): Pick<CollapsedView, 'flows' | 'denied' | 'deniedCount' | 'unrelated'> {
  if (!focus || flows.length === 0)
    return { flows, denied: NO_DENIED, deniedCount: 0, unrelated: NONE };
  const denied = new Map<string, DeniedAt>();
  const related = new Set<string>([focus]);
  let deniedCount = 0;
  for (const f of flows) {
    const peer = f.direction === 'out' ? f.target : f.source;
    if (f.state !== 'denied') {
      related.add(peer);
      continue;
    }
    deniedCount++;
    if (showDenied) continue;
    const was = denied.get(peer) ?? { in: 0, out: 0 };
    denied.set(
      peer,
      f.direction === 'in' ? { ...was, in: was.in + 1 } : { ...was, out: was.out + 1 },
    );
  }
  const unrelated = new Set<string>();
  for (const n of graph.nodes)
    if (n.data.kind !== 'namespace' || n.data.collapsed)
      if (!related.has(n.id)) unrelated.add(n.id);
  return {
    flows: showDenied ? flows : flows.filter((f) => f.state !== 'denied'),
    denied,
    deniedCount,
    unrelated,
  };
}
