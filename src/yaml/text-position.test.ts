// Offsets to lines and columns, against a count done character by character.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineIndex } from './text-position.ts';

function naive(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

describe('LineIndex', () => {
  it('finds every offset of texts with short, long and empty lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'bc', '\n', '\n\n', 'x'.repeat(40), '\r\n', '\r'), {
          maxLength: 200,
        }),
        (parts) => {
          const text = parts.join('');
          const lines = new LineIndex(text);
          for (let o = 0; o <= text.length; o++) expect(lines.position(o)).toEqual(naive(text, o));
          expect(lines.lineCount).toBe(naive(text, text.length).line);
        },
      ),
    );
  });

  it('answers questions in any order, finding the line starts only as far as asked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'bc', '\n', '\n\n', 'x'.repeat(40), '\r\n'), {
          maxLength: 120,
        }),
        fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 30 }),
        (parts, questions) => {
          const text = parts.join('');
          const lines = new LineIndex(text);
          const total = naive(text, text.length).line;
          for (const [asksLine, n] of questions) {
            if (asksLine) {
              // The offset of a line start: the first offset whose position is that line.
              const line = (n % (total + 1)) + 1;
              let start = text.length;
              for (let o = 0; o <= text.length; o++)
                if (naive(text, o).line >= Math.min(line, total)) {
                  start = o;
                  break;
                }
              expect(lines.lineStart(line)).toBe(start);
            } else {
              const o = n % (text.length + 1);
              expect(lines.position(o)).toEqual(naive(text, o));
            }
          }
          expect(lines.lineCount).toBe(total);
        },
      ),
    );
  });

  it('counts the lines of a text of one-character lines (more than its first guess)', () => {
    const text = 'a\n'.repeat(5000);
    const lines = new LineIndex(text);
    expect(lines.lineCount).toBe(5001);
    expect(lines.position(text.length - 1)).toEqual({ line: 5000, column: 2 });
    expect(lines.lineStart(4000)).toBe(7998);
  });
});
