// The matrix and coverage for the current model and filter: computed here for small workspaces,
// by the core worker for large ones (the same threshold as a selection's flows).
import { useEffect, useState } from 'react';
import { flowsBelongInWorker } from '../../store/canvas-model.ts';
import type { CanvasModel } from '../../store/canvas-model.ts';
import { matrixInWorker } from '../../store/matrix-in-worker.ts';
import {
  cachedMatrixReport,
  coverageOfModel,
  matrixOf,
  seedMatrixReport,
} from '../../store/matrix-model.ts';
import type { MatrixReport } from '../../store/matrix-model.ts';
import { workspaceStore } from '../../store/workspace-store.ts';
import type { MatrixFilter } from '../../view/matrix.ts';

export interface MatrixAnswer {
  /** The latest report computed; null before the first one arrives. */
  readonly report: MatrixReport | null;
  /** False while a newer one (another filter or an edit) is being computed. */
  readonly current: boolean;
}

export function useMatrixReport(model: CanvasModel, filter: MatrixFilter): MatrixAnswer {
  const inWorker = flowsBelongInWorker(model);
  const [answer, setAnswer] = useState<MatrixReport | null>(null);
  const cached = cachedMatrixReport(model, filter);
  useEffect(() => {
    if (!inWorker || cachedMatrixReport(model, filter)) return;
    let live = true;
    const { lastValid } = workspaceStore.getState();
    const fallback = () => ({
      matrix: matrixOf(model, filter),
      coverage: coverageOfModel(model, lastValid.workspace),
    });
    matrixInWorker(lastValid.text, filter).then(
      (report) => {
        seedMatrixReport(model, filter, report);
        if (live) setAnswer(report);
      },
      // A failed worker must not leave the matrix empty: compute it here instead.
      () => {
        if (live) setAnswer(fallback());
      },
    );
    return () => {
      live = false;
    };
  }, [inWorker, model, filter]);
  if (!inWorker) {
    const parsed = workspaceStore.getState().lastValid.workspace;
    return {
      report: { matrix: matrixOf(model, filter), coverage: coverageOfModel(model, parsed) },
      current: true,
    };
  }
  if (cached) return { report: cached, current: true };
  return { report: answer, current: false };
}
