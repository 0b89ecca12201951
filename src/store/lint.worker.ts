// Worker entry: lints large workspaces off the main thread (about half a second at 1,000
// workloads), on its own read of the text, and runs a gesture's check there too.
import type { TextEdit } from '../model/types.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { checkGesture, lintRead, shareRepeats } from './lint-run.ts';

export type LintRequest =
  | { readonly kind: 'lint'; readonly id: number; readonly text: string }
  | {
      readonly kind: 'check';
      readonly id: number;
      readonly text: string;
      readonly edits: readonly TextEdit[];
    };

// The last text read here: the next one is read from it (only the documents an edit touched),
// as the parse worker reads. A fresh read of 5,000 workloads is ~0.2-0.3 s of the lint's ~0.7,
// and lint runs at each pause in the typing, while the next keystroke may already want the CPU.
let last: { readonly text: string; readonly read: ReadResult } | undefined;

function readOf(text: string): ReadResult {
  if (last?.text !== text) last = { text, read: readWorkspace(text, {}, last?.read) };
  return last.read;
}

self.onmessage = (event: MessageEvent<LintRequest>) => {
  const request = event.data;
  try {
    const read = readOf(request.text);
    if (request.kind === 'lint')
      self.postMessage({ id: request.id, findings: shareRepeats(lintRead(request.text, read)) });
    else
      self.postMessage({ id: request.id, check: checkGesture(request.text, read, request.edits) });
  } catch (e) {
    self.postMessage({ id: request.id, error: e instanceof Error ? e.message : String(e) });
  }
};
