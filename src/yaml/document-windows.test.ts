import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DocumentWindows } from './document-windows.ts';

/** Cuts `text` into pieces at the given offsets (sorted, clamped). */
function piecesOf(text: string, cuts: number[]): string[] {
  const at = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const c of at) {
    out.push(text.slice(from, c));
    from = c;
  }
  out.push(text.slice(from));
  return out;
}

const line = fc.constantFrom(
  '---',
  '--- ',
  'a: 1',
  'b: -',
  '- x',
  '#c',
  '',
  '----',
  ' ---',
  '---\t',
);

describe('DocumentWindows', () => {
  it('gives out the whole text, every window after the first starting at a marker line', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 60 }),
        fc.array(fc.nat(400), { maxLength: 12 }),
        fc.integer({ min: 1, max: 64 }),
        (lines, cuts, size) => {
          const text = lines.join('\n');
          const windows: string[] = [];
          const cutter = new DocumentWindows(size, (w) => windows.push(w));
          for (const p of piecesOf(text, cuts)) cutter.push(p);
          cutter.end();
          expect(windows.join('')).toBe(text);
          // The first marker line of the text, and every later window's start.
          const first = /(^|\n)---([ \t\r\n]|$)/.exec(text);
          let offset = 0;
          windows.forEach((w, i) => {
            if (i > 0) {
              expect(text.slice(offset)).toMatch(/^---([ \t\r\n]|$)/);
              expect(text[offset - 1]).toBe('\n');
              expect(first).not.toBeNull();
              expect(offset).toBeGreaterThan(first!.index);
            }
            offset += w.length;
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
