// Where two versions of a text differ (pure).

/**
 * `[start, endA)` of `a` became `[start, endB)` of `b`: the longest common start, then the longest
 * common end of what is left. Equal texts give an empty range at their end.
 */
export function changedRange(a: string, b: string): { start: number; endA: number; endB: number } {
  const max = Math.min(a.length, b.length);
  let start = 0;
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let tail = 0;
  while (
    tail < max - start &&
    a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)
  )
    tail++;
  return { start, endA: a.length - tail, endB: b.length - tail };
}
