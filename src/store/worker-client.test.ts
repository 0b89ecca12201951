// Requests matched to replies, a failing worker started afresh, and a request no longer wanted
// stopping the worker.
import { describe, expect, it } from 'vitest';
import { workerClient } from './worker-client.ts';

/** A worker that answers only when told to, and says whether it was stopped. */
class FakeWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  readonly received: { id: number; n: number }[] = [];
  terminated = false;
  postMessage(m: { id: number; n: number }): void {
    this.received.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(i = 0): void {
    const m = this.received[i] as { id: number; n: number };
    this.onmessage?.({ data: { id: m.id, twice: m.n * 2 } } as MessageEvent);
  }
}

function client() {
  const workers: FakeWorker[] = [];
  const ask = workerClient<{ n: number }, { id: number; twice?: number }>(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
  return { ask, workers };
}

describe('workerClient', () => {
  it('matches replies to requests on one worker', async () => {
    const { ask, workers } = client();
    const a = ask({ n: 1 });
    const b = ask({ n: 2 });
    expect(workers).toHaveLength(1);
    workers[0]?.answer(1);
    workers[0]?.answer(0);
    expect((await a).twice).toBe(2);
    expect((await b).twice).toBe(4);
  });

  it('stops the worker when a request is no longer wanted, and starts one for the next', async () => {
    const { ask, workers } = client();
    const stop = new AbortController();
    const a = ask({ n: 1 }, stop.signal);
    stop.abort(new Error('replaced'));
    await expect(a).rejects.toThrow('replaced');
    expect(workers[0]?.terminated).toBe(true);
    const b = ask({ n: 3 });
    expect(workers).toHaveLength(2);
    workers[1]?.answer(0);
    expect((await b).twice).toBe(6);
    // Aborted before it is asked: no worker is disturbed.
    const gone = new AbortController();
    gone.abort(new Error('late'));
    await expect(ask({ n: 4 }, gone.signal)).rejects.toThrow('late');
    expect(workers[1]?.terminated).toBe(false);
  });

  it('leaves the worker alone when the request was answered before the abort', async () => {
    const { ask, workers } = client();
    const stop = new AbortController();
    const a = ask({ n: 5 }, stop.signal);
    workers[0]?.answer(0);
    expect((await a).twice).toBe(10);
    stop.abort();
    expect(workers[0]?.terminated).toBe(false);
  });
});
