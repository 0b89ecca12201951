import { describe, expect, it } from 'vitest';
import { linesAfter } from './marker-lines.ts';

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
