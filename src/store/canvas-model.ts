// What the canvas and panels draw from, derived once per parse: the last valid workspace with
// inferred workloads, its graph and an engine index that includes the inferred pods; and the
// engine's answers about it (flows of a selected workload, the verdict of one flow).
import { buildEngineIndex, evaluateFlow } from '../engine/evaluate.ts';
import type { EngineIndex, Verdict } from '../engine/evaluate.ts';
import { withInferred } from '../model/infer-workloads.ts';
import type { ExternalNetwork, Protocol, Workspace } from '../model/types.ts';
import { buildGraphInSteps } from '../view/build-graph.ts';
import { runSteps, runStepsInTasks } from './steps.ts';
import type { GraphOptions } from '../view/build-graph.ts';
import { endpointOfNode } from './endpoints.ts';
import type { FlowSummary, Graph } from '../view/graph-types.ts';
import { flowsFor } from '../view/flows.ts';

export interface CanvasModel {
  /** The parsed workspace plus inferred namespaces and workloads. */
  readonly workspace: Workspace;
  readonly graph: Graph;
  /** Over real and inferred workloads, so policy-only YAML still explains its flows. */
  readonly index: EngineIndex;
}

const NONE: readonly ExternalNetwork[] = [];
const flowCache = new WeakMap<CanvasModel, Map<string, readonly FlowSummary[]>>();

/** Models of parses, built with these graph options and cached for the latest placed networks. */
function cachedModels(options: GraphOptions) {
  const models = new WeakMap<
    Workspace,
    { placed: readonly ExternalNetwork[]; model: CanvasModel }
  >();
  // The latest model built: the next build takes the edges of unchanged policies from its graph.
  let latest: CanvasModel | undefined;
  /** The model's build as steps; its value is cached and kept as the latest once done. */
  function* steps(ws: Workspace, placed: readonly ExternalNetwork[]): Generator<void, CanvasModel> {
    const cached = models.get(ws);
    if (cached?.placed === placed) return cached.model;
    const workspace = cached?.model.workspace ?? withInferred(ws);
    yield;
    const index = cached?.model.index ?? buildEngineIndex(workspace);
    yield;
    const graph = yield* buildGraphInSteps(workspace, placed, options, latest?.graph);
    const model = { workspace, graph, index };
    models.set(ws, { placed, model });
    latest = model;
    return model;
  }
  const get = (ws: Workspace, placed: readonly ExternalNetwork[] = NONE): CanvasModel =>
    runSteps(steps(ws, placed));
  /**
   * Builds the model over several tasks of about `sliceMs` each (a large workspace's read, before
   * the page shows it), so that `get` then finds it; stops (rejects) once `wanted` says no.
   */
  const prepare = (
    ws: Workspace,
    placed: readonly ExternalNetwork[] = NONE,
    options: { readonly sliceMs?: number; readonly wanted?: () => boolean } = {},
  ): Promise<CanvasModel> =>
    runStepsInTasks(steps(ws, placed), options.sliceMs ?? 30, options.wanted);
  return Object.assign(get, { prepare });
}

/** The model of a parse and the placed external networks, cached for the latest pair. */
export const canvasModelOf = cachedModels({});

/**
 * The model without the graph's edges: what the engine's answers (a selection's flows, the
 * coverage) read. The worker builds this one; the canvas draws from `canvasModelOf`.
 */
export const engineModelOf = cachedModels({ edges: false });

/**
 * Above this many workloads the flows of a selection are computed in the worker, so a click never
 * blocks the page on thousands of evaluations. Below it they cost the page less than the worker's
 * answer does: probed once per pod class, the flows of one of 1,000 workloads take ~10-20 ms,
 * while an answer from the worker is a second render and a second frame after the click's
 * (select at 1,000 workloads as bench/editor.ts does it, alternated builds: median 138-148 ms
 * with the worker, 107-111 ms without).
 */
export const FLOWS_IN_WORKER_ABOVE = 2000;

export function flowsBelongInWorker(model: CanvasModel): boolean {
  return model.workspace.workloads.length > FLOWS_IN_WORKER_ABOVE;
}

/** Above this many workloads the matrix (every pair of workloads) is computed in the worker. */
export const MATRIX_IN_WORKER_ABOVE = 400;

export function matrixBelongsInWorker(model: CanvasModel): boolean {
  return model.workspace.workloads.length > MATRIX_IN_WORKER_ABOVE;
}

/** Flows computed elsewhere (the worker) for this model, so the panels find them cached. */
export function seedFlows(
  model: CanvasModel,
  selectedId: string,
  flows: readonly FlowSummary[],
): void {
  let byId = flowCache.get(model);
  if (!byId) flowCache.set(model, (byId = new Map()));
  byId.set(selectedId, flows);
}

/** Flows already computed for this model, if any. */
export function cachedFlows(
  model: CanvasModel,
  selectedId: string,
): readonly FlowSummary[] | undefined {
  return flowCache.get(model)?.get(selectedId);
}

/** Flows of one selected workload, cached per model so re-renders cost nothing. */
export function flowsOf(model: CanvasModel, selectedId: string): readonly FlowSummary[] {
  let byId = flowCache.get(model);
  if (!byId) flowCache.set(model, (byId = new Map()));
  let flows = byId.get(selectedId);
  if (!flows) byId.set(selectedId, (flows = flowsFor(model.graph, model.index, selectedId)));
  return flows;
}

/**
 * The engine's verdict for a flow between two canvas nodes (workloads or external networks) on
 * one port, with the explanation of each side; null when a node is not such an endpoint.
 */
export function verdictBetween(
  model: CanvasModel,
  fromId: string,
  toId: string,
  port: number | string,
  protocol: Protocol,
): Verdict | null {
  const from = endpointOfNode(model, fromId);
  const to = endpointOfNode(model, toId);
  if (!from || !to) return null;
  return evaluateFlow(model.index, { from, to, port, protocol });
}
