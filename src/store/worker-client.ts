// The page side of a Web Worker: started on the first request, requests matched to replies by id,
// a reply with `error` rejected, and a worker that fails rejects what it had in flight and is
// started afresh by the next request.

export interface WorkerReply {
  readonly id: number;
  readonly error?: string;
}

export function workerClient<Request extends object, Reply extends WorkerReply>(
  create: () => Worker,
): (request: Request) => Promise<Reply> {
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

  return (request) => {
    worker ??= start();
    const id = ++nextId;
    const w = worker;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage({ ...request, id });
    });
  };
}
