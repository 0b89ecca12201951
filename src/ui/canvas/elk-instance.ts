// One ELK for the page, running in its own Web Worker (the library's worker script, served from
// our origin) so laying out a big workspace never blocks the canvas.
import ELK from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { ElkLike } from '../graph/layout.ts';

let elk: ElkLike | null = null;

export function elkInstance(): ElkLike {
  elk ??= new ELK({ workerUrl: elkWorkerUrl });
  return elk;
}
