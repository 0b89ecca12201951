// Page side of the core worker (see worker-client.ts). It parses large
// texts and computes the flows of a selected workload in large workspaces.
import type { ExternalNetwork } from '../model/types.ts';
import { LineIndex } from '../yaml/text-position.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import type { FlowSummary } from '../view/graph-types.ts';
import { fromReadResult } from './parse-text.ts';
import type { ParsedText } from './parse-text.ts';
import ParseWorker from './parse.worker.ts?worker';
import { workerClient } from './worker-client.ts';
import type { WorkerRequest } from './parse.worker.ts';
import type { MatrixData } from '../view/matrix.ts';
import type { Coverage } from '../view/coverage.ts';

type Reply = {
  id: number;
  result?: Omit<ReadResult, 'lines'>;
  flows?: readonly FlowSummary[];
  matrix?: MatrixData;
  coverage?: Coverage;
};
/** A request before it gets its id. */
type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export const ask = workerClient<Request, Reply>(() => new ParseWorker());

export async function parseInWorker(text: string): Promise<ParsedText> {
  const reply = await ask({ kind: 'parse', text });
  if (!reply.result) throw new Error('the worker sent no parse');
  // Label maps arrive with a normal prototype; selector matching checks own keys, so that is safe.
  return {
    ...fromReadResult(text, { ...reply.result, lines: new LineIndex(text) }),
    trees: 'policies',
  };
}

/** The flows of a selected workload, computed by the worker on its own read of `text`. */
export async function flowsInWorker(
  text: string,
  placed: readonly ExternalNetwork[],
  selectedId: string,
): Promise<readonly FlowSummary[]> {
  const reply = await ask({ kind: 'flows', text, placed, selectedId });
  if (!reply.flows) throw new Error('the worker sent no flows');
  return reply.flows;
}
