// Worker entry: lints large workspaces off the main thread (about half a second at 1,000
// workloads), on its own read of the text, and runs a gesture's check there too.
import type { TextEdit } from '../model/types.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { checkGesture, lintRead, shareRepeats } from './lint-run.ts';

export type LintRequest =
  | { readonly kind: 'lint'; readonly id: number; readonly text: string }
  | {
      readonly kind: 'check';
      readonly id: number;
      readonly text: string;
      readonly edits: readonly TextEdit[];
    };

self.onmessage = (event: MessageEvent<LintRequest>) => {
  const request = event.data;
  try {
    const read = readWorkspace(request.text);
    if (request.kind === 'lint')
      self.postMessage({ id: request.id, findings: shareRepeats(lintRead(request.text, read)) });
    else
      self.postMessage({ id: request.id, check: checkGesture(request.text, read, request.edits) });
  } catch (e) {
    self.postMessage({ id: request.id, error: e instanceof Error ? e.message : String(e) });
  }
};
