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
   * Centres at once when the nodes are drawn, then `after` (the selection, whose highlight can
   * redraw many edges) once that frame is painted. Otherwise their namespace is opened first and
   * the view centres once the canvas has laid them out, and again if the canvas's own fit to the
   * added nodes moves it away (unless the user moved it); `after` runs once it has stayed.
   */
  return (ids: readonly string[], after: () => void): void => {
    cancelAnimationFrame(pending.current);
    listening.current?.abort();
    const pane = () => flowStore.getState();
    const afterPaint = () => setTimeout(after, 0);
    if (ids.every((n) => flow.getInternalNode(n))) {
      centreOn(flow, ids, pane(), model.graph.nodes.length > ANIMATE_UP_TO ? 0 : 250);
      pending.current = requestAnimationFrame(afterPaint);
      return;
    }
    const collapse = useCanvasViewStore.getState();
    for (const ns of new Set(ids.map((n) => model.graph.nodeById.get(n)?.parent)))
      if (ns !== undefined) collapse.setCollapsed(ns, false);
    const canvas = root.current?.closest('[data-layout]');
    let touched = false;
    const signal = (listening.current = new AbortController()).signal;
    const touch = () => (touched = true);
    for (const type of ['pointerdown', 'wheel', 'keydown'])
      canvas?.addEventListener(type, touch, {
        capture: true,
        passive: true,
        signal,
      });
    const started = performance.now();
    let centred = 0;
    let done = false;
    const tick = () => {
      const t = performance.now();
      const ready =
        ids.every((n) => flow.getInternalNode(n)) &&
        canvas?.getAttribute('data-layout') !== 'pending';
      if (ready && !touched) {
        if (!centredOn(flow, ids, pane())) {
          centreOn(flow, ids, pane());
          centred = t;
        } else if (!done) {
          // It stayed centred through a frame: the canvas has stopped moving it.
          centred ||= t;
          done = true;
          afterPaint();
        }
      } else if (touched && !done) {
        done = true;
        afterPaint();
      }
      if (!touched && (centred === 0 ? t - started < 15_000 : t - centred < 1500))
        pending.current = requestAnimationFrame(tick);
      else {
        listening.current?.abort();
        if (!done) afterPaint();
      }
    };
    pending.current = requestAnimationFrame(tick);
  };
}
