// Page side of the diff worker (see worker-client.ts).
import type { TextDiff } from './diff-texts.ts';
import DiffWorker from './diff.worker.ts?worker';
import { workerClient } from './worker-client.ts';

type Reply = { id: number; diff?: TextDiff; error?: string };

const ask = workerClient<{ before: string; after: string }, Reply>(() => new DiffWorker());

export async function diffInWorker(before: string, after: string): Promise<TextDiff> {
  const { diff } = await ask({ before, after });
  if (!diff) throw new Error('the worker sent no diff');
  return diff;
}
