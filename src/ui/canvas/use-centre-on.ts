// Centres the canvas on a search's choice and then runs what follows it (the selection). Nodes
// inside a collapsed namespace are not on the canvas: the namespace is opened first.
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import type { CanvasModel } from '../../store/canvas-model.ts';
import { useCanvasViewStore } from '../../store/canvas-view-store.ts';
import { centreOn, centredOn } from './centre-view.ts';
import type { CanvasEdge, CanvasNode } from './to-flow.ts';

/** Above this many nodes the view jumps instead of gliding: every frame redraws them all. */
const ANIMATE_UP_TO = 150;

export function useCentreOn(
  model: CanvasModel,
  root: RefObject<HTMLElement | null>,
): (ids: readonly string[], after: () => void) => void {
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const flowStore = useStoreApi<CanvasNode, CanvasEdge>();
  const pending = useRef(0);
  const listening = useRef<AbortController | null>(null);
  useEffect(
    () => () => {
      cancelAnimationFrame(pending.current);
      listening.current?.abort();
    },
    [],
  );

  /**
   * Centres at once when the nodes are drawn, then runs `after` (the selection, whose highlight
   * can redraw many edges) once that frame is painted. Otherwise their namespace is opened first
   * and the view centres once the canvas has laid them out, and again if the canvas's own fit to
   * the added nodes moves it away; `after` runs once it has stayed. When `after` resizes the pane
   * (the legend bar changes with a selection), the view centres again. A pointer, wheel or key
   * on the canvas meanwhile leaves the view to the user.
   */
  return (ids: readonly string[], after: () => void): void => {
    cancelAnimationFrame(pending.current);
    listening.current?.abort();
    const pane = () => flowStore.getState();
    const canvas = root.current?.closest('[data-layout]');
    let touched = false;
    const signal = (listening.current = new AbortController()).signal;
    const touch = () => (touched = true);
    for (const type of ['pointerdown', 'wheel', 'keydown'])
      canvas?.addEventListener(type, touch, { capture: true, passive: true, signal });

    let size = { width: pane().width, height: pane().height };
    const centre = (duration = 0) => {
      size = { width: pane().width, height: pane().height };
      centreOn(flow, ids, size, duration);
    };
    // `strict`: also when something else moved the view (the canvas's fit after an expansion can
    // land a frame late); otherwise only on a resize, so a glide is left to finish.
    const keep = (until: number, strict: boolean) => {
      const p = pane();
      const resized = p.width !== size.width || p.height !== size.height;
      if (!touched && (resized || (strict && !centredOn(flow, ids, p)))) centre();
      if (!touched && performance.now() < until)
        pending.current = requestAnimationFrame(() => keep(until, strict));
      else listening.current?.abort();
    };
    const afterPaint = (strict: boolean) =>
      setTimeout(() => {
        after();
        keep(performance.now() + (strict ? 1500 : 600), strict);
      }, 0);

    if (ids.every((n) => flow.getInternalNode(n))) {
      centre(model.graph.nodes.length > ANIMATE_UP_TO ? 0 : 250);
      pending.current = requestAnimationFrame(() => afterPaint(false));
      return;
    }
    const collapse = useCanvasViewStore.getState();
    for (const ns of new Set(ids.map((n) => model.graph.nodeById.get(n)?.parent)))
      if (ns !== undefined) collapse.expandFramed(ns);
    const started = performance.now();
    const tick = () => {
      const ready =
        ids.every((n) => flow.getInternalNode(n)) &&
        canvas?.getAttribute('data-layout') !== 'pending';
      if (touched) afterPaint(false);
      else if (ready && centredOn(flow, ids, pane())) afterPaint(true);
      else {
        if (ready) centre();
        if (performance.now() - started < 15_000) pending.current = requestAnimationFrame(tick);
        else afterPaint(false);
      }
    };
    pending.current = requestAnimationFrame(tick);
  };
}
