// What one version of the workspace text allows that another denies, and the reverse: both read
// as the canvas reads them (workloads inferred from selectors included), compared by the engine.
// Lists are cut to a length a panel can show; the counts stay whole.
import { withInferred } from '../model/infer-workloads.ts';
import { diffReachability } from '../engine/diff-reachability.ts';
import type { FlowChange } from '../engine/diff-reachability.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';

/** More than this many changes of a kind are counted, not listed. */
export const LISTED = 300;

export interface TextDiff {
  readonly allowedCount: number;
  readonly deniedCount: number;
  /** The first LISTED of each, ordered by source, destination and port. */
  readonly newlyAllowed: readonly FlowChange[];
  readonly newlyDenied: readonly FlowChange[];
  readonly addedWorkloads: number;
  readonly removedWorkloads: number;
  /** Flows compared (between workloads both versions hold). */
  readonly compared: number;
}

/**
 * The workspace as the canvas shows it: workloads inferred from selectors are drawn and probed
 * there, so their flows count here too (the bulk engine leaves inferred workloads out, as the
 * CLI's pod counts must).
 */
function asDrawn(text: string, read: (text: string) => ReadResult) {
  const ws = withInferred(read(text));
  return {
    ...ws,
    workloads: ws.workloads.map((w) => (w.inferred ? { ...w, inferred: false } : w)),
  };
}

export function diffTexts(
  before: string,
  after: string,
  read: (text: string) => ReadResult = (text) => readWorkspace(text),
): TextDiff {
  const d = diffReachability(asDrawn(before, read), asDrawn(after, read));
  return {
    allowedCount: d.newlyAllowed.length,
    deniedCount: d.newlyDenied.length,
    newlyAllowed: d.newlyAllowed.slice(0, LISTED),
    newlyDenied: d.newlyDenied.slice(0, LISTED),
    addedWorkloads: d.addedWorkloads.length,
    removedWorkloads: d.removedWorkloads.length,
    compared: d.flowsCompared,
  };
}

/**
 * A reader that keeps its last two reads and reads a new text as an edit of the latest: one
 * edit's comparison reads the text the last one read as its "after" again (a keystroke at 5,000
 * workloads read two 5 MB texts from scratch, ~0.3 s).
 */
export function cachedReader(): (text: string) => ReadResult {
  const reads: { readonly text: string; readonly read: ReadResult }[] = [];
  return (text) => {
    const known = reads.find((r) => r.text === text);
    if (known) return known.read;
    const read = readWorkspace(text, {}, reads.at(-1)?.read);
    reads.push({ text, read });
    if (reads.length > 2) reads.shift();
    return read;
  };
}
