// Evaluation derived from the last valid workspace, memoized per workspace object so every canvas
// node and panel shares one engine index and one reachability matrix per parse.
import { buildEngineIndex } from '../engine/evaluate.ts';
import type { EngineIndex } from '../engine/evaluate.ts';
import { computeReachability } from '../engine/reachability.ts';
import type { Reachability } from '../engine/reachability.ts';
import type { Workspace } from '../model/types.ts';
import { useWorkspaceStore } from './workspace-store.ts';

const indexes = new WeakMap<object, EngineIndex>();
const matrices = new WeakMap<EngineIndex, Reachability>();

/** The engine index of a workspace (or of any namespaces/workloads/policies triple), cached. */
export function engineIndexOf(ws: Pick<Workspace, 'namespaces' | 'workloads' | 'policies'>) {
  let index = indexes.get(ws);
  if (!index) {
    index = buildEngineIndex(ws);
    indexes.set(ws, index);
  }
  return index;
}

/** Every pod-to-pod verdict on each destination's declared ports, cached per index. */
export function reachabilityOf(index: EngineIndex): Reachability {
  let r = matrices.get(index);
  if (!r) {
    r = computeReachability(index);
    matrices.set(index, r);
  }
  return r;
}

/** The model the canvas draws: the latest parse without YAML syntax errors. */
export function useLastValidWorkspace(): Workspace {
  return useWorkspaceStore((s) => s.lastValid.workspace);
}

export function useEngineIndex(): EngineIndex {
  return engineIndexOf(useLastValidWorkspace());
}

export function useReachability(): Reachability {
  return reachabilityOf(useEngineIndex());
}
