// The matrix and coverage of a large workspace, computed by the core worker on its own read of
// the text (the read the parse already made, so a matrix request costs no second parse).
import type { MatrixFilter } from '../view/matrix.ts';
import type { MatrixReport } from './matrix-model.ts';
import { ask } from './parse-in-worker.ts';

export async function matrixInWorker(text: string, filter: MatrixFilter): Promise<MatrixReport> {
  const reply = await ask({ kind: 'matrix', text, filter });
  if (!reply.report) throw new Error('the worker sent no matrix');
  return reply.report;
}
