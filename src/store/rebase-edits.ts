// Moves text edits computed against one version of the text onto a newer version, so a gesture
// made while the latest keystrokes were not yet parsed lands where it was meant, or not at all.
import { changedRange } from '../model/changed-range.ts';
import type { TextEdit } from '../model/types.ts';

/**
 * `edits` were computed against `base`; returns the same edits for `current`, or null when one
 * of them touches what changed between the two (it would then mean something else).
 */
export function rebaseEdits(
  base: string,
  current: string,
  edits: readonly TextEdit[],
): readonly TextEdit[] | null {
  if (base === current) return edits;
  const range = changedRange(base, current);
  const prefix = range.start;
  const suffix = base.length - range.endA;
  // What changed is base[prefix, changedEnd) → current[prefix, current.length - suffix).
  const changedEnd = base.length - suffix;
  const shift = current.length - base.length;
  const out: TextEdit[] = [];
  for (const e of edits) {
    // Touching the change is refused too: which side of an insertion the edit belongs is unknown.
    if (e.end < prefix) out.push(e);
    else if (e.start > changedEnd) out.push({ ...e, start: e.start + shift, end: e.end + shift });
    else return null;
  }
  return out;
}
