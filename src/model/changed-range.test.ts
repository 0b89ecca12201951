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

  it('law: the same range as a character-by-character scan, across block boundaries', () => {
    const scan = (a: string, b: string) => {
      const max = Math.min(a.length, b.length);
      let start = 0;
      while (start < max && a[start] === b[start]) start++;
      let tail = 0;
      while (tail < max - start && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
      return { start, endA: a.length - tail, endB: b.length - tail };
    };
    // Long texts of a few letters (so the shared ends are long and repeat), edited anywhere.
    const text = fc
      .array(fc.constantFrom('a', 'b', '\n', 'aab\n'), { maxLength: 3000, size: 'max' })
      .map((parts) => parts.join(''));
    let longest = 0;
    fc.assert(
      fc.property(
        text,
        fc.nat(),
        fc.nat(5),
        fc.stringMatching(/^[abc]{0,4}$/),
        (a, at, cut, put) => {
          const i = a.length === 0 ? 0 : at % (a.length + 1);
          const b = a.slice(0, i) + put + a.slice(i + cut);
          expect(changedRange(a, b)).toEqual(scan(a, b));
          expect(changedRange(b, a)).toEqual(scan(b, a));
          longest = Math.max(longest, a.length);
        },
      ),
      { numRuns: 300 },
    );
    // The texts were long enough to compare whole blocks.
    expect(longest).toBeGreaterThan(4096);
  });

  it('finds a keystroke and an equal text', () => {
    expect(changedRange('abcdef', 'abXcdef')).toEqual({ start: 2, endA: 2, endB: 3 });
    expect(changedRange('aaa', 'aaaa')).toEqual({ start: 3, endA: 3, endB: 4 });
    expect(changedRange('same', 'same')).toEqual({ start: 4, endA: 4, endB: 4 });
  });
});
