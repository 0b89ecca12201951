// Page side of the diff worker: one lazily started worker; a newer request supersedes the one in
// flight (only the latest edit's effect is worth showing).
import type { TextDiff } from './diff-texts.ts';
import DiffWorker from './diff.worker.ts?worker';

type Reply = { id: number; diff?: TextDiff; error?: string };

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (d: TextDiff) => void; reject: (e: unknown) => void }>();

function start(): Worker {
  const w = new DiffWorker();
  w.onmessage = (event: MessageEvent<Reply>) => {
    const job = pending.get(event.data.id);
    if (!job) return;
    pending.delete(event.data.id);
    if (event.data.diff) job.resolve(event.data.diff);
    else job.reject(new Error(event.data.error ?? 'the worker sent no diff'));
  };
  w.onerror = (event) => {
    for (const job of pending.values()) job.reject(event);
    pending.clear();
    w.terminate();
    worker = undefined;
  };
  return w;
}

export function diffInWorker(before: string, after: string): Promise<TextDiff> {
  worker ??= start();
  const id = ++nextId;
  const w = worker;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, before, after });
  });
}
