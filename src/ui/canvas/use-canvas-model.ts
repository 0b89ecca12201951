// What the canvas and panels draw from, derived once per parse: the last valid workspace with
// inferred workloads, its graph and an engine index that includes the inferred pods.
import { buildEngineIndex } from '../../engine/evaluate.ts';
import type { EngineIndex } from '../../engine/evaluate.ts';
import { withInferred } from '../../model/infer-workloads.ts';
import type { ExternalNetwork, Workspace } from '../../model/types.ts';
import { useWorkspaceStore } from '../../store/workspace-store.ts';
import { buildGraph } from '../graph/build-graph.ts';
import type { FlowSummary, Graph } from '../graph/graph-types.ts';
import { flowsFor } from '../graph/flows.ts';

export interface CanvasModel {
  /** The parsed workspace plus inferred namespaces and workloads. */
  readonly workspace: Workspace;
  readonly graph: Graph;
  /** Over real and inferred workloads, so policy-only YAML still explains its flows. */
  readonly index: EngineIndex;
}

const models = new WeakMap<Workspace, { placed: readonly ExternalNetwork[]; model: CanvasModel }>();
const NONE: readonly ExternalNetwork[] = [];
const flowCache = new WeakMap<CanvasModel, Map<string, readonly FlowSummary[]>>();

/** The model of a parse and the placed external networks, cached for the latest pair. */
export function canvasModelOf(
  ws: Workspace,
  placed: readonly ExternalNetwork[] = NONE,
): CanvasModel {
  const cached = models.get(ws);
  if (cached?.placed === placed) return cached.model;
  const workspace = cached?.model.workspace ?? withInferred(ws);
  const index = cached?.model.index ?? buildEngineIndex(workspace);
  const model = { workspace, graph: buildGraph(workspace, placed), index };
  models.set(ws, { placed, model });
  return model;
}

/** Flows of one selected workload, cached per model so re-renders cost nothing. */
export function flowsOf(model: CanvasModel, selectedId: string): readonly FlowSummary[] {
  let byId = flowCache.get(model);
  if (!byId) flowCache.set(model, (byId = new Map()));
  let flows = byId.get(selectedId);
  if (!flows) byId.set(selectedId, (flows = flowsFor(model.graph, model.index, selectedId)));
  return flows;
}

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
  window.requestIdleCallback(() => flowsOf(model, id), { timeout: 200 });
}
