// The matrix and coverage of a large workspace, computed by the core worker on its own read of
// the text (the read the parse already made, so a request costs no second parse). Two requests,
// so the grid shows before lint has run for the coverage.
import type { Coverage } from '../view/coverage.ts';
import type { MatrixData, MatrixFilter } from '../view/matrix.ts';
import { askAbout } from './parse-in-worker.ts';

export async function matrixInWorker(text: string, filter: MatrixFilter): Promise<MatrixData> {
  const reply = await askAbout(text, (t) => ({ kind: 'matrix', part: 'matrix', text: t, filter }));
  if (!reply.matrix) throw new Error('the worker sent no matrix');
  return reply.matrix;
}

export async function coverageInWorker(text: string): Promise<Coverage> {
  const reply = await askAbout(text, (t) => ({
    kind: 'matrix',
    part: 'coverage',
    text: t,
    filter: {},
  }));
  if (!reply.coverage) throw new Error('the worker sent no coverage');
  return reply.coverage;
}
