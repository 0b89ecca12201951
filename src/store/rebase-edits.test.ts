import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEdits } from '../yaml/edit.ts';
import { rebaseEdits } from './rebase-edits.ts';

describe('rebaseEdits', () => {
  it('shifts edits after a change made at the top, and keeps edits before a change at the end', () => {
    const base = 'a: 1\nb: 2\n';
    const typed = `# my note\n${base}`;
    const edit = { start: base.indexOf('b'), end: base.indexOf('b') + 1, text: 'c' };
    const rebased = rebaseEdits(base, typed, [edit]);
    expect(rebased && applyEdits(typed, rebased)).toBe('# my note\na: 1\nc: 2\n');
    const appended = `${base}# tail\n`;
    const first = { start: 0, end: 1, text: 'z' };
    expect(rebaseEdits(base, appended, [first])).toEqual([first]);
  });

  it('refuses an edit that touches or overlaps what changed', () => {
    const base = 'a: 1\nb: 2\n';
    expect(rebaseEdits(base, 'a: 1\nb: 3\n', [{ start: 8, end: 9, text: '4' }])).toBeNull();
    expect(rebaseEdits(base, `${base}x`, [{ start: 10, end: 10, text: 'y' }])).toBeNull();
  });

  it('gives what the edit then the change would give, whenever it answers (property)', () => {
    // Edit and change in either order: when rebasing succeeds, the result is the text with both.
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 5 }),
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 5 }),
        (base, a, b, ins, c, d, typed) => {
          const n = base.length;
          const [s1, e1] = [Math.min(a % (n + 1), b % (n + 1)), Math.max(a % (n + 1), b % (n + 1))];
          const [s2, e2] = [Math.min(c % (n + 1), d % (n + 1)), Math.max(c % (n + 1), d % (n + 1))];
          const current = base.slice(0, s2) + typed + base.slice(e2);
          const edit = { start: s1, end: e1, text: ins };
          const rebased = rebaseEdits(base, current, [edit]);
          if (rebased === null) return;
          const both = applyEdits(current, rebased);
          // The gesture's text sits in the result, and so does every byte outside both ranges.
          expect(both.startsWith(current.slice(0, Math.min(s1, s2)))).toBe(true);
          expect(both).toContain(ins);
          expect(both.length).toBe(current.length + ins.length - (e1 - s1));
          if (current === base) expect(both).toBe(applyEdits(base, [edit]));
          else if (e1 < s2)
            expect(both).toBe(applyEdits(base, [edit, { start: s2, end: e2, text: typed }]));
          else if (s1 > e2)
            expect(both).toBe(applyEdits(base, [edit, { start: s2, end: e2, text: typed }]));
        },
      ),
      { seed: 1313, verbose: true },
    );
  });
});
