// The reachability matrix and coverage summary of a canvas model, cached per model and filter;
// the same functions answer the worker's `matrix` requests for large workspaces.
import { lint } from '../engine/lint/lint.ts';
import type { Workspace } from '../model/types.ts';
import { coverageOf } from '../view/coverage.ts';
import type { Coverage } from '../view/coverage.ts';
import { computeMatrix } from '../view/matrix.ts';
import type { MatrixData, MatrixFilter } from '../view/matrix.ts';
import type { CanvasModel } from './canvas-model.ts';

export interface MatrixReport {
  readonly matrix: MatrixData;
  readonly coverage: Coverage;
}

const matrices = new WeakMap<CanvasModel, Map<string, MatrixData>>();
const coverages = new WeakMap<CanvasModel, Coverage>();

export const filterKey = (f: MatrixFilter): string => `${f.port ?? ''}/${f.protocol ?? ''}`;

/** The matrix of a model under a filter (the bulk engine over the workloads in the text). */
export function matrixOf(model: CanvasModel, filter: MatrixFilter): MatrixData {
  let byFilter = matrices.get(model);
  if (!byFilter) matrices.set(model, (byFilter = new Map()));
  const key = filterKey(filter);
  let m = byFilter.get(key);
  if (!m) byFilter.set(key, (m = computeMatrix(model.index, filter)));
  return m;
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

/** Seeds the page's cache with a report the worker computed for the same model. */
export function seedMatrixReport(
  model: CanvasModel,
  filter: MatrixFilter,
  report: MatrixReport,
): void {
  let byFilter = matrices.get(model);
  if (!byFilter) matrices.set(model, (byFilter = new Map()));
  byFilter.set(filterKey(filter), report.matrix);
  if (!coverages.has(model)) coverages.set(model, report.coverage);
}

/** A report already computed for this model and filter, if any. */
export function cachedMatrixReport(
  model: CanvasModel,
  filter: MatrixFilter,
): MatrixReport | undefined {
  const matrix = matrices.get(model)?.get(filterKey(filter));
  const coverage = coverages.get(model);
  return matrix && coverage ? { matrix, coverage } : undefined;
}
