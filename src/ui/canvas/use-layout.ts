// Node positions for the canvas: an instant grid first, then ELK's layered layout once it answers
// (skipped for very large graphs); recomputed only when the set of nodes changes.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import type { ReactFlowInstance } from '@xyflow/react';
import type { Graph } from '../../view/graph-types.ts';
import { elkLayout, gridLayout } from '../graph/layout.ts';
import { extendLayout } from '../../view/extend-layout.ts';
import type { Layout } from '../graph/layout.ts';
import { elkInstance } from './elk-instance.ts';
import { labelBoxes } from './edges/canvas-routes.ts';
import { PADDING, READABLE_ZOOM, fitReadable, fitsReadably } from './fit-readable.ts';
import { useCanvasViewStore } from '../../store/canvas-view-store.ts';
import type { CanvasEdge, CanvasNode } from './to-flow.ts';

/**
 * ELK shines on hand-sized workspaces. Past this, rules are drawn between namespaces, ELK gets few
 * edges and stacks each namespace into one tall column; the grid is more readable and instant.
 */
const ELK_LIMIT = 80;

function structureKey(graph: Graph): string {
  return graph.nodes.map((n) => `${n.id}\u0001${n.parent ?? ''}`).join('\u0000');
}

export interface LayoutState {
  readonly layout: Layout;
  /** True while ELK is still computing the layout shown as a grid. */
  readonly pending: boolean;
}

export function useLayout(graph: Graph): LayoutState {
  const store = useStoreApi<CanvasNode, CanvasEdge>();
  // *Layout* (the toolbar) asks for everything laid out afresh.
  const epoch = useCanvasViewStore((s) => s.layoutEpoch);
  const key = useMemo(() => `${epoch}\u0002${structureKey(graph)}`, [graph, epoch]);
  const [elk, setElk] = useState<{ key: string; layout: Layout } | null>(null);
  const useElk = graph.nodes.length <= ELK_LIMIT;

  /** The part of the canvas on screen, in canvas coordinates. */
  const onScreen = () => {
    const { width, height, transform } = store.getState();
    const [x, y, zoom] = transform;
    return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
  };
  // The grid follows the structure, not every edit of a rule. Past ELK's size a small edit keeps
  // the picture still as well: the few nodes it adds go beside the grid on screen and those it
  // removes leave their place, where packing again would move every namespace (one workload
  // more changes its namespace's columns, and each namespace after it moves: at 5,000 workloads a
  // keystroke that infers a workload redrew and re-routed the whole map).
  const [shown, setShown] = useState<{ key: string; layout: Layout } | null>(null);
  let grid = shown?.key === key ? shown.layout : null;
  if (!grid) {
    const kept =
      !useElk && shown ? extendLayout(shown.layout, graph, onScreen(), { removals: true }) : null;
    grid = kept ?? gridLayout(graph);
    // Kept for the next structure (state from the previous render, as React documents it).
    setShown({ key, layout: grid });
  }
  // A small edit (a few nodes added) extends the last layout that landed: nothing moves.
  const beside = useMemo(
    () => (elk && elk.key !== key && useElk ? extendLayout(elk.layout, graph, onScreen()) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [elk, key, useElk],
  );
  useEffect(() => {
    if (!useElk || beside) return;
    let live = true;
    // Rows of namespaces as wide as the pane's shape asks (the flow area, below the legend).
    const { width, height } = store.getState();
    const aspect = width > 0 && height > 0 ? width / height : 1.2;
    elkLayout(elkInstance(), graph, aspect)
      .then((layout) => {
        if (live) setElk({ key, layout });
      })
      .catch((err: unknown) => {
        console.warn('layout failed; keeping the grid', err);
        if (live) setElk({ key, layout: grid });
      });
    return () => {
      live = false;
    };
    // Laid out again only when nodes come or go: edits to rules keep the picture still.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, useElk, beside]);

  // Nodes that were already placed stay put until the new layout lands. Memoised: a new layout
  // object on every render would rebuild every node on every render.
  const provisional = useMemo(
    () => (elk && useElk ? { ...grid, ...elk.layout } : grid),
    [elk, grid, useElk],
  );
  if (elk && elk.key === key) return { layout: elk.layout, pending: false };
  if (beside) return { layout: beside, pending: false };
  return { layout: provisional, pending: useElk };
}

/**
 * Fits the view when ELK's layout lands, since the first fit happened on the provisional grid.
 * A workspace that is mostly new (pasted over the text, imported, an example, New) is fitted whole,
 * as Fit view does: the old viewport says nothing about it. After a gesture adds a few nodes (a
 * workload, a namespace, an external network), the view is kept and only moved so the new nodes
 * are on screen.
 */
export function useFitOnLayout(pending: boolean, graph: Graph): void {
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const store = useStoreApi<CanvasNode, CanvasEdge>();
  const wasPending = useRef(pending);
  const known = useRef<ReadonlySet<string> | null>(null);
  useEffect(() => {
    if (pending) return;
    const ids = new Set(graph.nodes.map((n) => n.id));
    const before = known.current;
    const added = before ? graph.nodes.filter((n) => !before.has(n.id)).map((n) => n.id) : [];
    const landed = wasPending.current;
    known.current = ids;
    wasPending.current = false;
    if (!landed && added.length === 0) return;
    const replaced = before !== null && added.length > 0 && added.length * 2 > ids.size;
    // Opened by a search that centres on its match: fitting to the whole namespace as well would
    // fight that centring (two moves, one undone by the other) and delay the match on screen.
    const view = useCanvasViewStore.getState();
    if (view.framed.size > 0 && added.length > 0) {
      const framed = added.every((id) => view.framed.has(graph.nodeById.get(id)?.parent ?? ''));
      view.clearFramed();
      if (framed) return;
    }
    window.requestAnimationFrame(() => {
      const { width, height } = store.getState();
      if (!replaced && before !== null && added.length > MAX_REVEALED) {
        // A namespace opened (or a few objects added): bring what came into sight, readable.
        void flow.fitView({
          nodes: added.map((id) => ({ id })),
          minZoom: READABLE_ZOOM,
          maxZoom: Math.max(READABLE_ZOOM, flow.getViewport().zoom),
          // Clear of the zoom controls in the corner, as every fit.
          padding: PADDING,
          duration: 200,
        });
      } else if (replaced || before === null || added.length === 0) {
        // Laid out, it does not fit at a readable zoom: fold one more of the namespaces the
        // canvas opened itself (never one the user opened) and wait for that layout instead.
        // Whether namespaces fold is decided on the nodes; the labels only widen the frame.
        if (!fitsReadably(flow, { width, height }) && collapseOneAuto(graph)) return;
        fitReadable(flow, { graph, pane: { width, height }, labels: labelBoxes(store.getState()) });
      } else revealNodes(flow, added);
    });
  }, [pending, graph, flow, store]);
  useEffect(() => {
    if (pending) wasPending.current = true;
  }, [pending]);
}

const MAX_REVEALED = 3;

/** Collapses the largest open namespace the canvas opened by itself; false when there is none. */
function collapseOneAuto(graph: Graph): boolean {
  const { auto, overrides, setAuto } = useCanvasViewStore.getState();
  let best: { id: string; size: number } | null = null;
  for (const n of graph.nodes) {
    if (n.data.kind !== 'namespace' || n.data.collapsed || !auto.has(n.id)) continue;
    if (overrides[n.id] !== false) continue;
    if (!best || n.data.workloadCount > best.size) best = { id: n.id, size: n.data.workloadCount };
  }
  if (!best || best.size === 0) return false;
  setAuto({ [best.id]: true });
  return true;
}

/** Pans (at the current zoom) just enough that the nodes are on screen, when one is not. */
function revealNodes(flow: ReactFlowInstance<CanvasNode, CanvasEdge>, ids: readonly string[]) {
  const boxes = ids
    .map((id) => flow.getInternalNode(id))
    .filter((n) => n !== undefined)
    .map((n) => ({
      x: n.internals.positionAbsolute.x,
      y: n.internals.positionAbsolute.y,
      w: n.measured.width ?? n.width ?? 0,
      h: n.measured.height ?? n.height ?? 0,
    }));
  const pane = document.querySelector('.react-flow');
  if (boxes.length === 0 || !pane) return;
  const { x, y, zoom } = flow.getViewport();
  const { width, height } = pane.getBoundingClientRect();
  const visible = (b: (typeof boxes)[number]) =>
    b.x * zoom + x >= 0 &&
    b.y * zoom + y >= 0 &&
    (b.x + b.w) * zoom + x <= width &&
    (b.y + b.h) * zoom + y <= height;
  if (boxes.every(visible)) return;
  const left = Math.min(...boxes.map((b) => b.x)) * zoom + x;
  const top = Math.min(...boxes.map((b) => b.y)) * zoom + y;
  const right = Math.max(...boxes.map((b) => b.x + b.w)) * zoom + x;
  const bottom = Math.max(...boxes.map((b) => b.y + b.h)) * zoom + y;
  // The least pan that brings them in, a margin clear of the edge: the rest stays where the eye
  // left it (centring on them would throw the neighbours they were placed beside off screen).
  const margin = 24;
  const shift = (lo: number, hi: number, size: number) =>
    hi - lo > size - 2 * margin
      ? margin - lo
      : lo < margin
        ? margin - lo
        : hi > size - margin
          ? size - margin - hi
          : 0;
  void flow.setViewport(
    { x: x + shift(left, right, width), y: y + shift(top, bottom, height), zoom },
    { duration: 200 },
  );
}
