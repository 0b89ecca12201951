// Offset ⇄ line/column for one text, with CRLF counted as one line break.
import type { TextRange } from '../model/types.ts';

export class LineIndex {
  /** Offsets of the line starts, in a typed array: a whole-cluster dump has millions of lines. */
  private readonly starts: Uint32Array;

  constructor(readonly text: string) {
    if (!text.includes('\r')) {
      // The usual text: indexOf scans far faster than a loop over every character. One pass,
      // into an array sized for lines of 24 characters that doubles when the lines are shorter.
      let starts = new Uint32Array(Math.max(16, (text.length / 24) | 0));
      let n = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        if (n === starts.length) {
          const grown = new Uint32Array(starts.length * 2);
          grown.set(starts);
          starts = grown;
        }
        starts[n++] = i + 1;
      }
      this.starts = starts.slice(0, n);
    } else {
      const list = [0];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) list.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) list.push(i + 1);
      }
      this.starts = Uint32Array.from(list);
    }
  }

  /** 1-based line and column of an offset (a column counts UTF-16 code units, as Monaco does). */
  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    // Editors hide a byte order mark, so the first line's columns start after it.
    const bom = lo === 0 && this.text.charCodeAt(0) === 0xfeff && o > 0 ? 1 : 0;
    return { line: lo + 1, column: o - (this.starts[lo] ?? 0) + 1 - bom };
  }

  range(start: number, end: number): TextRange {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return {
      start,
      end: Math.max(start, end),
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
    };
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))] ?? 0;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
