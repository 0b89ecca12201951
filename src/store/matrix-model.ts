// The reachability matrix and coverage summary of a workspace, cached per engine index and
// filter (the matrix) and per canvas model (the coverage); the same functions answer the worker's
// `matrix` requests for large workspaces.
import { buildEngineIndex } from '../engine/evaluate.ts';
import type { EngineIndex } from '../engine/evaluate.ts';
import { lint } from '../engine/lint/lint.ts';
import { withInferred } from '../model/infer-workloads.ts';
import type { Workspace } from '../model/types.ts';
import { coverageOf } from '../view/coverage.ts';
import type { Coverage } from '../view/coverage.ts';
import { computeMatrix } from '../view/matrix.ts';
import type { MatrixData, MatrixFilter } from '../view/matrix.ts';
import type { CanvasModel } from './canvas-model.ts';

const matrices = new WeakMap<EngineIndex, Map<string, MatrixData>>();
const coverages = new WeakMap<CanvasModel, Coverage>();
const indexes = new WeakMap<Workspace, EngineIndex>();

export const filterKey = (f: MatrixFilter): string => `${f.port ?? ''}/${f.protocol ?? ''}`;

/** The matrix of an engine index under a filter (the bulk engine over the workloads in the text). */
export function matrixOf(index: EngineIndex, filter: MatrixFilter): MatrixData {
  let byFilter = matrices.get(index);
  if (!byFilter) matrices.set(index, (byFilter = new Map()));
  const key = filterKey(filter);
  let m = byFilter.get(key);
  if (!m) byFilter.set(key, (m = computeMatrix(index, filter)));
  return m;
}

/**
 * The engine index of a read, as the canvas model builds it (inferred workloads included), without
 * the canvas graph: the worker's matrix needs only the index, and the graph costs more.
 */
export function engineIndexOf(ws: Workspace): EngineIndex {
  let index = indexes.get(ws);
  if (!index) indexes.set(ws, (index = buildEngineIndex(withInferred(ws))));
  return index;
}

/**
 * Coverage of a model; `parsed` is the workspace as read (lint judges what the text says, not
 * the workloads the canvas infers from selectors).
 */
export function coverageOfModel(model: CanvasModel, parsed: Workspace): Coverage {
  let c = coverages.get(model);
  if (!c) coverages.set(model, (c = coverageOf(model.graph, lint(parsed))));
  return c;
}

/** Seeds the page's caches with what the worker computed for the same workspace. */
export function seedMatrix(index: EngineIndex, filter: MatrixFilter, matrix: MatrixData): void {
  let byFilter = matrices.get(index);
  if (!byFilter) matrices.set(index, (byFilter = new Map()));
  byFilter.set(filterKey(filter), matrix);
}

export function seedCoverage(model: CanvasModel, coverage: Coverage): void {
  if (!coverages.has(model)) coverages.set(model, coverage);
}

export function cachedMatrix(index: EngineIndex, filter: MatrixFilter): MatrixData | undefined {
  return matrices.get(index)?.get(filterKey(filter));
}

export function cachedCoverage(model: CanvasModel): Coverage | undefined {
  return coverages.get(model);
}
