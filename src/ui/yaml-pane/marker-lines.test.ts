import { describe, expect, it } from 'vitest';
import { keystrokeSized, linesAfter } from './marker-lines.ts';

const span = (startLineNumber: number, endLineNumber = startLineNumber) => ({
  startLineNumber,
  endLineNumber,
});

describe('linesAfter', () => {
  const markers = [span(5, 6), span(10)];

  it('is null for an edit of a marker’s lines, or several edits at once', () => {
    expect(linesAfter(markers, [{ range: span(6), text: 'x' }])).toBeNull();
    expect(linesAfter(markers, [{ range: span(1, 5), text: '' }])).toBeNull();
    expect(linesAfter(markers, [{ range: span(8, 12), text: 'x' }])).toBeNull();
    expect(
      linesAfter(markers, [
        { range: span(1), text: 'a' },
        { range: span(20), text: 'b' },
      ]),
    ).toBeNull();
  });

  it('moves the markers below an edit by the lines it added or took away', () => {
    expect(linesAfter(markers, [{ range: span(7), text: 'a\nb\n' }])).toEqual([
      span(5, 6),
      span(12),
    ]);
    expect(linesAfter(markers, [{ range: span(1, 3), text: 'x' }])).toEqual([span(3, 4), span(8)]);
    expect(linesAfter(markers, [{ range: span(30), text: '\n' }])).toEqual(markers);
    expect(linesAfter([], [{ range: span(1, 1000), text: '' }])).toEqual([]);
  });
});

describe('keystrokeSized', () => {
  it('holds for typing, Enter, Backspace over a line break and a short completion', () => {
    expect(keystrokeSized({ range: span(7), text: 'x' })).toBe(true);
    expect(keystrokeSized({ range: span(7), text: '\n    ' })).toBe(true);
    expect(keystrokeSized({ range: span(7, 8), text: '' })).toBe(true);
    expect(keystrokeSized({ range: span(7), text: 'matchLabels:\n  ' })).toBe(true);
  });

  it('fails for a paste of lines, a deleted block and a long insert', () => {
    expect(keystrokeSized({ range: span(7), text: 'a: 1\nb: 2\n' })).toBe(false);
    expect(keystrokeSized({ range: span(7, 9), text: '' })).toBe(false);
    expect(keystrokeSized({ range: span(7), text: 'x'.repeat(201) })).toBe(false);
    // A long selection deleted on one line (a flow-style or JSON document).
    expect(keystrokeSized({ range: span(7), text: '', rangeLength: 10_000 })).toBe(false);
    expect(keystrokeSized({ range: span(7), text: '', rangeLength: 1 })).toBe(true);
  });
});
