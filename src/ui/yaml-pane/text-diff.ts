// The smallest single replacement that turns one text into another, so an external change
// (a canvas gesture, undo) reaches Monaco as an edit that keeps the cursor and scroll in place.
import { changedRange } from '../../model/changed-range.ts';

export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function minimalReplacement(before: string, after: string): TextReplacement | null {
  if (before === after) return null;
  const range = changedRange(before, after);
  let start = range.start;
  let endBefore = range.endA;
  let endAfter = range.endB;
  // Never split a surrogate pair or a CRLF: widen to whole characters.
  if (start > 0 && isLowHalf(before, start)) start--;
  if (endBefore < before.length && isLowHalf(before, endBefore)) {
    endBefore++;
    endAfter++;
  }
  return { start, end: endBefore, text: after.slice(start, endAfter) };
}

function isLowHalf(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const prev = text.charCodeAt(i - 1);
  return (
    (c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff) || (c === 10 && prev === 13)
  );
}
