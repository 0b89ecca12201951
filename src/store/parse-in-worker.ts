// Page side of the core worker (see worker-client.ts). It parses large
// texts and computes the flows of a selected workload in large workspaces.
import type { ExternalNetwork } from '../model/types.ts';
import { LineIndex } from '../yaml/text-position.ts';
import { pageStream, replyDecoder } from './parse-reply.ts';
import type { PageReply } from './parse-reply.ts';
import type { WireFlow } from '../view/flows.ts';
import { fromReadResult } from './parse-text.ts';
import type { ParsedText } from './parse-text.ts';
import ParseWorker from './parse.worker.ts?worker';
import { workerClient } from './worker-client.ts';
import { STALE_TEXT, textSender } from './text-channel.ts';
import type { TextRef } from './text-channel.ts';
import type { WorkerRequest } from './parse.worker.ts';
import type { MatrixData } from '../view/matrix.ts';
import type { Coverage } from '../view/coverage.ts';

type Reply = {
  id: number;
  reply?: PageReply;
  flows?: readonly WireFlow[];
  matrix?: MatrixData;
  coverage?: Coverage;
};
/** A request before it gets its id. */
type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

const ask = workerClient<Request, Reply>(() => new ParseWorker());
const texts = textSender();

/**
 * Asks the worker about `text`, sent as the edit of the text it last got; whole when the worker
 * no longer has that one (it restarted).
 */
export async function askAbout(text: string, request: (text: TextRef) => Request): Promise<Reply> {
  try {
    return await ask(request(texts.ref(text)));
  } catch (e) {
    if (!(e instanceof Error && e.message === STALE_TEXT)) throw e;
    texts.forget();
    return ask(request(texts.ref(text)));
  }
}

const replies = replyDecoder();

export async function parseInWorker(text: string): Promise<ParsedText> {
  let answer = await askAbout(text, (t) => ({ kind: 'parse', text: t, base: replies.base() }));
  let read = answer.reply && replies.decode(answer.reply);
  // The base this reply was sent against is gone here: ask for the whole read.
  if (answer.reply && !read) {
    answer = await askAbout(text, (t) => ({ kind: 'parse', text: t, base: null }));
    read = answer.reply && replies.decode(answer.reply);
  }
  if (!read) throw new Error('the worker sent no parse');
  // Label maps arrive with a normal prototype; selector matching checks own keys, so that is safe.
  return {
    ...fromReadResult(text, {
      ...read,
      stream: pageStream(text, read),
      lines: new LineIndex(text),
    }),
    trees: 'on-demand',
  };
}

/**
 * The flows of a selected workload, computed by the worker on its own read of `text`, as it sends
 * them (`unpackFlows` with the page's graph of the same text makes them summaries).
 */
export async function flowsInWorker(
  text: string,
  placed: readonly ExternalNetwork[],
  selectedId: string,
): Promise<readonly WireFlow[]> {
  const reply = await askAbout(text, (t) => ({ kind: 'flows', text: t, placed, selectedId }));
  if (!reply.flows) throw new Error('the worker sent no flows');
  return reply.flows;
}
