// Where two versions of a text differ (pure).

/**
 * Compared a block at a time first: slices of flat strings compare as memory, several times
 * faster than character by character (a keystroke in a 2 MB text: ~5 ms → under 1).
 */
const BLOCK = 1024;

/**
 * `[start, endA)` of `a` became `[start, endB)` of `b`: the longest common start, then the longest
 * common end of what is left. Equal texts give an empty range at their end.
 */
export function changedRange(a: string, b: string): { start: number; endA: number; endB: number } {
  const max = Math.min(a.length, b.length);
  let start = 0;
  while (start + BLOCK <= max && a.slice(start, start + BLOCK) === b.slice(start, start + BLOCK))
    start += BLOCK;
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  const room = max - start;
  let tail = 0;
  while (
    tail + BLOCK <= room &&
    a.slice(a.length - tail - BLOCK, a.length - tail) ===
      b.slice(b.length - tail - BLOCK, b.length - tail)
  )
    tail += BLOCK;
  while (tail < room && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail))
    tail++;
  return { start, endA: a.length - tail, endB: b.length - tail };
}
