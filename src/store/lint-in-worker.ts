// Page side of the lint worker: one lazily started worker, requests matched by id.
import type { TextEdit } from '../model/types.ts';
import type { LintFinding } from '../engine/lint/types.ts';
import type { GestureCheck } from './lint-run.ts';
import LintWorker from './lint.worker.ts?worker';

type Reply = {
  id: number;
  findings?: LintFinding[];
  check?: GestureCheck;
  error?: string;
};

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: unknown) => void }>();

function start(): Worker {
  const w = new LintWorker();
  w.onmessage = (event: MessageEvent<Reply>) => {
    const job = pending.get(event.data.id);
    if (!job) return;
    pending.delete(event.data.id);
    if (event.data.error !== undefined) job.reject(new Error(event.data.error));
    else job.resolve(event.data);
  };
  w.onerror = (event) => {
    for (const job of pending.values()) job.reject(event);
    pending.clear();
    w.terminate();
    worker = undefined;
  };
  return w;
}

function ask(
  request:
    { kind: 'lint'; text: string } | { kind: 'check'; text: string; edits: readonly TextEdit[] },
): Promise<Reply> {
  worker ??= start();
  const id = ++nextId;
  const w = worker;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ ...request, id });
  });
}

export async function lintInWorker(text: string): Promise<LintFinding[]> {
  return (await ask({ kind: 'lint', text })).findings ?? [];
}

export async function checkGestureInWorker(
  text: string,
  edits: readonly TextEdit[],
): Promise<GestureCheck> {
  const r = await ask({ kind: 'check', text, edits });
  return r.check ?? { broken: [], keep: null, stillBroken: [] };
}
