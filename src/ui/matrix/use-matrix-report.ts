// The matrix and coverage for the current model and filter: computed here for small workspaces,
// by the core worker for large ones (the same threshold as a selection's flows). The matrix is
// asked first, so the grid shows while lint still runs for the coverage.
import { useEffect, useMemo, useState } from 'react';
import { canvasModelOf, matrixBelongsInWorker } from '../../store/canvas-model.ts';
import type { CanvasModel } from '../../store/canvas-model.ts';
import { coverageInWorker, matrixInWorker } from '../../store/matrix-in-worker.ts';
import {
  cachedCoverage,
  cachedMatrix,
  coverageOfModel,
  filterKey,
  matrixOf,
  seedCoverage,
  seedMatrix,
} from '../../store/matrix-model.ts';
import { workspaceStore } from '../../store/workspace-store.ts';
import type { Coverage } from '../../view/coverage.ts';
import type { MatrixData, MatrixFilter } from '../../view/matrix.ts';

const NO_FILTER: MatrixFilter = {};

export interface MatrixAnswer {
  /** The latest matrix computed (maybe of another filter or an older text); null before one. */
  readonly matrix: MatrixData | null;
  readonly coverage: Coverage | null;
  /** False while the matrix of this model and filter is being computed. */
  readonly current: boolean;
}

/** Runs `compute` in the worker; on failure, here (a failed worker must not leave it empty). */
function useWorkerValue<T>(
  active: boolean,
  key: unknown,
  cached: () => T | undefined,
  inWorker: () => Promise<T>,
  here: () => T,
  seed: (value: T) => void,
): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    if (!active || cached() !== undefined) return;
    let live = true;
    inWorker().then(
      (v) => {
        seed(v);
        if (live) setValue(v);
      },
      () => {
        if (live) setValue(here());
      },
    );
    return () => {
      live = false;
    };
    // `key` stands for everything the computation reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, key]);
  return cached() ?? value;
}

export function useMatrixReport(model: CanvasModel, filter: MatrixFilter): MatrixAnswer {
  const inWorker = matrixBelongsInWorker(model);
  const key = filterKey(filter);
  // A new identity whenever the model or the filter changes: what the request depends on.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const request = useMemo(() => ({}), [model, key]);
  const text = () => workspaceStore.getState().lastValid;
  const matrix = useWorkerValue(
    inWorker,
    request,
    () => cachedMatrix(model.index, filter),
    () => matrixInWorker(text().text, filter),
    () => matrixOf(model.index, filter),
    (m) => seedMatrix(model.index, filter, m),
  );
  const coverage = useWorkerValue(
    inWorker,
    model,
    () => cachedCoverage(model),
    () => coverageInWorker(text().text),
    () => coverageOfModel(model, text().workspace),
    (c) => seedCoverage(model, c),
  );
  if (!inWorker)
    return {
      matrix: matrixOf(model.index, filter),
      coverage: coverageOfModel(model, text().workspace),
      current: true,
    };
  return { matrix, coverage, current: cachedMatrix(model.index, filter) !== undefined };
}

/**
 * Starts the matrix of the current text (every declared port) in the worker while the pointer
 * rests on the Matrix tab, so the click mostly has to draw it. Small workspaces need no head start.
 */
export function prefetchMatrix(): void {
  const { lastValid, externals } = workspaceStore.getState();
  const model = canvasModelOf(lastValid.workspace, externals);
  if (!matrixBelongsInWorker(model) || cachedMatrix(model.index, NO_FILTER)) return;
  void matrixInWorker(lastValid.text, NO_FILTER).then(
    (m) => seedMatrix(model.index, NO_FILTER, m),
    () => {},
  );
}
