// The canvas model of the last valid parse, for components, and a prefetch of a workload's flows
// while the pointer rests on it (so the click only has to draw them).
import { useEffect, useState } from 'react';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import {
  cachedFlows,
  canvasModelOf,
  flowsBelongInWorker,
  flowsOf,
  seedFlows,
} from '../../store/canvas-model.ts';
import type { CanvasModel } from '../../store/canvas-model.ts';
import type { FlowSummary } from '../../view/graph-types.ts';
import { flowsInWorker } from '../../store/parse-in-worker.ts';

export type { CanvasModel };

export function useCanvasModel(): CanvasModel {
  const ws = useWorkspaceStore((s) => s.lastValid.workspace);
  return canvasModelOf(
    ws,
    useWorkspaceStore((s) => s.externals),
  );
}

/** Computes a workload's flows while the pointer rests on it, so the click only has to draw them. */
export function prefetchFlows(model: CanvasModel, id: string): void {
  if (model.graph.nodeById.get(id)?.data.kind !== 'workload') return;
  if (flowsBelongInWorker(model)) return;
  window.requestIdleCallback(() => flowsOf(model, id), { timeout: 200 });
}

const NO_FLOWS: readonly FlowSummary[] = [];

/**
 * The flows to highlight for the focused workload and whether they are those of `focus` on this
 * model. Small workspaces compute them at once; large ones ask the worker and keep showing the
 * previous flows of the same workload until the answer comes.
 */
export function useFlows(
  model: CanvasModel,
  focus: string | null,
): { readonly flows: readonly FlowSummary[]; readonly current: boolean } {
  const inWorker = focus !== null && flowsBelongInWorker(model);
  const [answer, setAnswer] = useState<{
    model: CanvasModel;
    focus: string;
    flows: readonly FlowSummary[];
  } | null>(null);
  useEffect(() => {
    if (!inWorker || focus === null || cachedFlows(model, focus)) return;
    let live = true;
    const { lastValid, externals } = workspaceStore.getState();
    flowsInWorker(lastValid.text, externals, focus).then(
      (flows) => {
        seedFlows(model, focus, flows);
        if (live) setAnswer({ model, focus, flows });
      },
      // A failed worker must not leave the highlight empty: compute here instead.
      () => {
        if (live) setAnswer({ model, focus, flows: flowsOf(model, focus) });
      },
    );
    return () => {
      live = false;
    };
  }, [inWorker, model, focus]);
  if (focus === null) return { flows: NO_FLOWS, current: true };
  if (!inWorker) return { flows: flowsOf(model, focus), current: true };
  const ready = cachedFlows(model, focus);
  if (ready) return { flows: ready, current: true };
  return {
    flows: answer?.focus === focus ? answer.flows : NO_FLOWS,
    current: false,
  };
}
