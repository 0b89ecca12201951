// Page side of the parse worker: one lazily started worker, requests matched by id.
import { LineIndex } from '../yaml/text-position.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { fromReadResult } from './parse-text.ts';
import type { ParsedText } from './parse-text.ts';
import ParseWorker from './parse.worker.ts?worker';

type Pending = { text: string; resolve: (p: ParsedText) => void; reject: (e: unknown) => void };

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function start(): Worker {
  const w = new ParseWorker();
  w.onmessage = (event: MessageEvent<{ id: number; result: Omit<ReadResult, 'lines'> }>) => {
    const job = pending.get(event.data.id);
    if (!job) return;
    pending.delete(event.data.id);
    // Label maps arrive with a normal prototype; selector matching checks own keys, so that is safe.
    const result: ReadResult = { ...event.data.result, lines: new LineIndex(job.text) };
    job.resolve(fromReadResult(job.text, result));
  };
  w.onerror = (event) => {
    for (const job of pending.values()) job.reject(event);
    pending.clear();
    w.terminate();
    worker = undefined;
  };
  return w;
}

export function parseInWorker(text: string): Promise<ParsedText> {
  worker ??= start();
  const id = ++nextId;
  const w = worker;
  return new Promise((resolve, reject) => {
    pending.set(id, { text, resolve, reject });
    w.postMessage({ id, text });
  });
}
