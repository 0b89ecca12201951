// Offset ⇄ line/column for one text, with CRLF counted as one line break.
import type { TextRange } from '../model/types.ts';

/**
 * The line breaks that start in `[from, to)` of `text`, counted as `LineIndex` counts them: a LF,
 * or a CR that no LF follows (a CRLF is one break, at its LF).
 */
export function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  const end = Math.min(to, text.length);
  for (let i = Math.max(0, from); i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

export class LineIndex {
  /**
   * Offsets of the line starts, in a typed array (a whole-cluster dump has millions of lines);
   * the first `count` are known. Without CR they are found as far as a question needs: the CLI's
   * `validate` of a clean dump locates only what is near its start.
   */
  private starts: Uint32Array;
  private count = 1;
  /** Where the search for the next line break goes on from; -1 once every line start is known. */
  private scanFrom = 0;

  constructor(readonly text: string) {
    if (!text.includes('\r')) {
      // The usual text: indexOf scans far faster than a loop over every character. Sized for
      // lines of 24 characters; doubles when the lines are shorter.
      this.starts = new Uint32Array(Math.max(16, (text.length / 24) | 0));
    } else {
      const list = [0];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) list.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) list.push(i + 1);
      }
      this.starts = Uint32Array.from(list);
      this.count = list.length;
      this.scanFrom = -1;
    }
  }

  /** Finds line starts until one lies beyond `offset` (or `lines` are known), or the text ends. */
  private scan(offset: number, lines = 0): void {
    const text = this.text;
    let starts = this.starts;
    let n = this.count;
    let from = this.scanFrom;
    while (from >= 0 && ((starts[n - 1] as number) <= offset || n < lines)) {
      const i = text.indexOf('\n', from);
      if (i < 0) {
        from = -1;
        break;
      }
      if (n === starts.length) {
        const grown = new Uint32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[n++] = i + 1;
      from = i + 1;
    }
    this.starts = starts;
    this.count = n;
    this.scanFrom = from;
  }

  /** 1-based line and column of an offset (a column counts UTF-16 code units, as Monaco does). */
  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    if (this.scanFrom >= 0 && (this.starts[this.count - 1] as number) <= o) this.scan(o);
    let lo = 0;
    let hi = this.count - 1;
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
    if (this.scanFrom >= 0 && line > this.count) this.scan(-1, line);
    return this.starts[Math.max(0, Math.min(line - 1, this.count - 1))] ?? 0;
  }

  get lineCount(): number {
    if (this.scanFrom >= 0) this.scan(Infinity);
    return this.count;
  }
}
