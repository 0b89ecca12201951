import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedRange } from './changed-range.ts';

describe('changedRange', () => {
  it('law: replacing the range of the one text by that of the other gives the other', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
        const { start, endA, endB } = changedRange(a, b);
        expect(a.slice(0, start) + b.slice(start, endB) + a.slice(endA)).toBe(b);
        expect(start).toBeLessThanOrEqual(Math.min(endA, endB));
        // The shared ends are the longest: the characters around the range differ.
        if (start < Math.min(a.length, b.length) && endA > start && endB > start)
          expect(a[start]).not.toBe(b[start]);
      }),
    );
  });

  it('finds a keystroke and an equal text', () => {
    expect(changedRange('abcdef', 'abXcdef')).toEqual({ start: 2, endA: 2, endB: 3 });
    expect(changedRange('aaa', 'aaaa')).toEqual({ start: 3, endA: 3, endB: 4 });
    expect(changedRange('same', 'same')).toEqual({ start: 4, endA: 4, endB: 4 });
  });
});
