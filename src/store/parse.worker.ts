// Worker entry: reads large workspaces off the main thread with the same pure reader, and runs the
// engine for them: the flows of a selected workload, computed on the worker's own parse.
import type { ExternalNetwork } from '../model/types.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { engineModelOf, flowsOf } from './canvas-model.ts';
import { packFlows, prepareFlows } from '../view/flows.ts';
import { replyEncoder } from './parse-reply.ts';
import { textReceiver } from './text-channel.ts';
import type { ReceivedText, TextRef } from './text-channel.ts';
import { coverageOfModel, engineIndexOf, matrixOf } from './matrix-model.ts';
import type { MatrixFilter } from '../view/matrix.ts';

export type WorkerRequest =
  | {
      readonly kind: 'parse';
      readonly id: number;
      readonly text: TextRef;
      /** The reply the page has that this one may be sent as changes against. */
      readonly base: number | null;
    }
  | {
      readonly kind: 'flows';
      readonly id: number;
      readonly text: TextRef;
      readonly placed: readonly ExternalNetwork[];
      readonly selectedId: string;
    }
  | {
      readonly kind: 'matrix';
      readonly part: 'matrix' | 'coverage';
      readonly id: number;
      readonly text: TextRef;
      readonly filter: MatrixFilter;
    };

// The latest text read here, by parse or flows requests alike, and the placed networks last
// drawn on it: a selection after an edit costs one read, every further selection none.
let last: { text: string; result: ReadResult } | undefined;
let lastPlaced: { key: string; value: readonly ExternalNetwork[] } | undefined;

const encode = replyEncoder();

function read({ text, edit }: ReceivedText): ReadResult {
  if (last?.text !== text)
    last = { text, result: readWorkspace(text, edit ? { edit } : {}, last?.result) };
  return last.result;
}

/** The same array for the same networks, so the canvas model cache holds across requests. */
function samePlaced(placed: readonly ExternalNetwork[]): readonly ExternalNetwork[] {
  const key = JSON.stringify(placed);
  if (lastPlaced?.key !== key) lastPlaced = { key, value: placed };
  return lastPlaced.value;
}

const textOf = textReceiver();

/** How long the page must leave the worker alone before it prepares for a selection. */
const IDLE_MS = 300;
let idle: ReturnType<typeof setTimeout> | undefined;

/**
 * Once the requests pause, builds the engine model of the latest read and its pod classes: the
 * first selection afterwards only has to probe (~50 ms less at 1,000 workloads). Any request
 * first cancels it; it is never in the way of one.
 */
function prepareWhenIdle(text: string): void {
  idle = setTimeout(() => {
    idle = undefined;
    if (last?.text !== text) return;
    prepareFlows(engineModelOf(last.result, lastPlaced?.value ?? samePlaced([])).index);
  }, IDLE_MS);
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  clearTimeout(idle);
  const req = event.data;
  let text: ReceivedText;
  try {
    text = textOf(req.text);
  } catch (e) {
    self.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) });
    return;
  }
  if (req.kind === 'parse') {
    self.postMessage({ id: req.id, reply: encode(read(text), req.base) });
    prepareWhenIdle(text.text);
    return;
  }
  if (req.kind === 'matrix') {
    const ws = read(text);
    if (req.part === 'matrix')
      self.postMessage({ id: req.id, matrix: matrixOf(engineIndexOf(ws), req.filter) });
    else
      self.postMessage({
        id: req.id,
        coverage: coverageOfModel(engineModelOf(ws, lastPlaced?.value), ws),
      });
    return;
  }
  const model = engineModelOf(read(text), samePlaced(req.placed));
  self.postMessage({ id: req.id, flows: packFlows(flowsOf(model, req.selectedId)) });
};
