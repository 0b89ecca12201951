// The page side of a Web Worker: started on the first request, requests matched to replies by id,
// a reply with `error` rejected, and a worker that fails rejects what it had in flight and is
// started afresh by the next request. A request given an AbortSignal that fires before its reply
// stops the worker (what it had in flight is rejected): a long job no longer wanted stops taking
// a core from those that are.

export interface WorkerReply {
  readonly id: number;
  readonly error?: string;
}

export function workerClient<Request extends object, Reply extends WorkerReply>(
  create: () => Worker,
): (request: Request, signal?: AbortSignal) => Promise<Reply> {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: unknown) => void }>();

  const start = (): Worker => {
    const w = create();
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
  };

  const stop = (w: Worker, reason: unknown) => {
    for (const job of pending.values()) job.reject(reason);
    pending.clear();
    w.terminate();
    if (worker === w) worker = undefined;
  };

  return (request, signal) => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    worker ??= start();
    const id = ++nextId;
    const w = worker;
    return new Promise((resolve, reject) => {
      const abort = () => {
        if (pending.has(id)) stop(w, signal?.reason);
      };
      signal?.addEventListener('abort', abort, { once: true });
      pending.set(id, {
        resolve: (r) => {
          signal?.removeEventListener('abort', abort);
          resolve(r);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', abort);
          reject(e);
        },
      });
      w.postMessage({ ...request, id });
    });
  };
}
