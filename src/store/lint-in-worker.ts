// Page side of the lint worker (see worker-client.ts).
import type { TextEdit } from '../model/types.ts';
import type { LintFinding } from '../engine/lint/types.ts';
import type { GestureCheck } from './lint-run.ts';
import LintWorker from './lint.worker.ts?worker';
import { workerClient } from './worker-client.ts';

type Reply = {
  id: number;
  findings?: LintFinding[];
  check?: GestureCheck;
  error?: string;
};

const ask = workerClient<
  { kind: 'lint'; text: string } | { kind: 'check'; text: string; edits: readonly TextEdit[] },
  Reply
>(() => new LintWorker());

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
