// The canvas model of the last valid parse, for components, and a prefetch of a workload's flows
// while the pointer rests on it (so the click only has to draw them).
import { useEffect, useState } from 'react';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import {
  FLOWS_IN_WORKER_ABOVE,
  cachedFlows,
  canvasModelOf,
  flowsBelongInWorker,
  flowsOf,
  seedFlows,
} from '../../store/canvas-model.ts';
import type { CanvasModel } from '../../store/canvas-model.ts';
import type { FlowSummary } from '../../view/graph-types.ts';
import type { ExternalNetwork } from '../../model/types.ts';
import { flowsInWorker } from '../../store/parse-in-worker.ts';
import { unpackFlows } from '../../view/flows.ts';
import type { WireFlow } from '../../view/flows.ts';
import type { ParsedText } from '../../store/parse-text.ts';
import { nextTask } from '../../store/steps.ts';
import { prepareCollapsedView } from './use-collapsed-view.ts';

export type { CanvasModel };

export function useCanvasModel(): CanvasModel {
  const ws = useWorkspaceStore((s) => s.lastValid.workspace);
  return canvasModelOf(
    ws,
    useWorkspaceStore((s) => s.externals),
  );
}

/**
 * What the canvas draws from a large workspace's read, built over several tasks before the page
 * takes it (the parse scheduler's `prepare`): the model in slices, then the collapsed view in a
 * task of its own. The render that shows the read then finds both and only draws.
 */
export async function prepareCanvas(parsed: ParsedText, wanted: () => boolean): Promise<void> {
  if (parsed.hasSyntaxErrors) return;
  const { externals } = workspaceStore.getState();
  const model = await canvasModelOf.prepare(parsed.workspace, externals, { wanted });
  if (!wanted()) return;
  prepareCollapsedView(model.graph);
  await nextTask();
}

const inFlight = new WeakMap<CanvasModel, Map<string, Promise<readonly FlowSummary[]>>>();

/** Flows asked for together with a parse, before the page has the model of its text. */
let ahead: {
  readonly text: string;
  readonly id: string;
  readonly externals: readonly ExternalNetwork[];
  readonly flows: Promise<readonly WireFlow[]>;
} | null = null;

/**
 * Asks the worker for the selected workload's flows in `text` right behind the parse of that text
 * (large workspaces only): the worker computes them while the page builds its model of the read,
 * instead of after. The selection's request finds them (`requestFlows`).
 */
export function requestSelectionFlowsWith(text: string): void {
  const { selection, externals, lastValid } = workspaceStore.getState();
  ahead = null;
  if (selection?.kind !== 'workload') return;
  if (lastValid.workspace.workloads.length <= FLOWS_IN_WORKER_ABOVE) return;
  const flows = flowsInWorker(text, externals, selection.id);
  // A failure here is answered by the selection's own request.
  flows.catch(() => undefined);
  ahead = { text, id: selection.id, externals, flows };
}

/**
 * A keystroke's read of a large workspace, before the page takes it (the parse scheduler's
 * `prepareEdit`): when the selection's flows were asked for with its text, builds the model while
 * the worker computes them, then waits for them. The page then draws the edit once, with its
 * verdicts, instead of once with the old ones and again when the new ones come (each draw of
 * 5,000 workloads commits and lays out the whole canvas).
 */
export async function prepareEdit(parsed: ParsedText): Promise<void> {
  const early = ahead;
  const { externals, selection } = workspaceStore.getState();
  if (parsed.hasSyntaxErrors || early?.text !== parsed.text || early.externals !== externals)
    return;
  if (selection?.kind !== 'workload' || selection.id !== early.id) return;
  const model = canvasModelOf(parsed.workspace, externals);
  ahead = null;
  const flows = track(model, early.id, early.flows);
  prepareCollapsedView(model.graph);
  await flows.catch(() => undefined);
}

/** The flows of `id` in `model` as the worker's answer `wire`, cached for the panels once come. */
function track(
  model: CanvasModel,
  id: string,
  wire: Promise<readonly WireFlow[]>,
): Promise<readonly FlowSummary[]> {
  let byId = inFlight.get(model);
  if (!byId) inFlight.set(model, (byId = new Map()));
  const request = wire.then(
    (w) => {
      const flows = unpackFlows(w, model.graph, id);
      seedFlows(model, id, flows);
      return flows;
    },
    () => flowsOf(model, id),
  );
  // A request that failed both ways is asked again next time, not remembered.
  const table = byId;
  request.catch(() => {
    if (table.get(id) === request) table.delete(id);
  });
  byId.set(id, request);
  return request;
}

/**
 * The flows of a workload of a large workspace, from the worker: one request per model and
 * workload, whoever asks first (the selection, a hover, the search's choice, the matrix), the
 * answer cached for the panels. A failed worker is answered here.
 */
export function requestFlows(model: CanvasModel, id: string): Promise<readonly FlowSummary[]> {
  const ready = cachedFlows(model, id);
  if (ready) return Promise.resolve(ready);
  const pending = inFlight.get(model)?.get(id);
  if (pending) return pending;
  const { lastValid, externals } = workspaceStore.getState();
  const early =
    ahead?.text === lastValid.text && ahead.id === id && ahead.externals === externals
      ? ahead.flows
      : null;
  if (early) ahead = null;
  return track(model, id, early ?? flowsInWorker(lastValid.text, externals, id));
}

/**
 * Computes a workload's flows before it is selected (the pointer rests on it, or the search is
 * about to choose it), so the selection only has to draw them. A large workspace asks the worker,
 * one prefetch at a time so a sweep of the pointer does not queue work ahead of a click.
 * `chosen`: the workload is being selected (a search's choice, about to open its namespace).
 */
export function prefetchFlows(model: CanvasModel, id: string, chosen = false): void {
  if (model.graph.nodeById.get(id)?.data.kind !== 'workload') return;
  if (!flowsBelongInWorker(model)) {
    if (!chosen) window.requestIdleCallback(() => flowsOf(model, id), { timeout: 200 });
    return;
  }
  // A choice is about to be selected: ask at once, whatever else is being prefetched.
  if (chosen) {
    void requestFlows(model, id);
    return;
  }
  if (prefetching) return;
  prefetching = true;
  void requestFlows(model, id).finally(() => (prefetching = false));
}
let prefetching = false;

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
    /** No flows could be computed for this model: nothing is pending any more. */
    failed?: boolean;
  } | null>(null);
  useEffect(() => {
    if (!inWorker || focus === null || cachedFlows(model, focus)) return;
    let live = true;
    requestFlows(model, focus).then(
      (flows) => {
        if (live) setAnswer({ model, focus, flows });
      },
      (e: unknown) => {
        console.error('The flows of the selection could not be computed', e);
        if (live) setAnswer({ model, focus, flows: NO_FLOWS, failed: true });
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
  if (answer?.failed && answer.model === model && answer.focus === focus)
    return { flows: NO_FLOWS, current: true };
  return {
    flows: answer?.focus === focus ? answer.flows : NO_FLOWS,
    current: false,
  };
}
