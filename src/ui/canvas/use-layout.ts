// Node positions for the canvas: an instant grid first, then ELK's layered layout once it answers
// (skipped for very large graphs); recomputed only when the set of nodes changes.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Graph } from '../graph/graph-types.ts';
import { elkLayout, gridLayout } from '../graph/layout.ts';
import type { Layout } from '../graph/layout.ts';
import { elkInstance } from './elk-instance.ts';

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
  const key = useMemo(() => structureKey(graph), [graph]);
  const [elk, setElk] = useState<{ key: string; layout: Layout } | null>(null);
  // The grid follows the structure, not every edit of a rule.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const grid = useMemo(() => gridLayout(graph), [key]);
  const useElk = graph.nodes.length <= ELK_LIMIT;

  useEffect(() => {
    if (!useElk) return;
    let live = true;
    elkLayout(elkInstance(), graph)
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
  }, [key, useElk]);

  // Nodes that were already placed stay put until the new layout lands. Memoised: a new layout
  // object on every render would rebuild every node on every render.
  const provisional = useMemo(
    () => (elk && useElk ? { ...grid, ...elk.layout } : grid),
    [elk, grid, useElk],
  );
  if (elk && elk.key === key) return { layout: elk.layout, pending: false };
  return { layout: provisional, pending: useElk };
}

/**
 * The first look favours legible labels over seeing everything: below about half size the node
 * text cannot be read, so a wide workspace opens centred and the user pans (Fit view shows all).
 */
export const FIRST_FIT = { padding: 0.12, maxZoom: 1, minZoom: 0.5 } as const;

/** Fits the view when ELK's layout lands, since the first fit happened on the provisional grid. */
export function useFitOnLayout(pending: boolean): void {
  const flow = useReactFlow();
  const wasPending = useRef(pending);
  useEffect(() => {
    if (wasPending.current && !pending)
      window.requestAnimationFrame(() => void flow.fitView(FIRST_FIT));
    wasPending.current = pending;
  }, [pending, flow]);
}
