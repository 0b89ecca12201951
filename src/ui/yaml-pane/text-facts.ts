// Facts about the editor's text that decide how Monaco may handle it: how deeply it may nest (too
// deep for monaco-yaml's recursive worker), and what a change of line breaks did, in words.

/**
 * An upper bound of the text's nesting: block levels each take at least one column of a line's
 * leading indentation and indicators, flow levels one bracket. Linear; never under-estimates
 * for well-formed YAML, may over-estimate (brackets inside plain scalars).
 */
export function nestingBound(text: string): number {
  let max = 0;
  let flow = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Line start: indentation and block indicators (`- `, `? `, `: `).
    let col = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 45 || c === 63 || c === 58) {
        col++;
        i++;
      } else break;
    }
    max = Math.max(max, col + flow);
    let prev = 32;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        i++;
        break;
      }
      const afterSpace =
        prev === 32 || prev === 9 || prev === 44 || prev === 91 || prev === 123 || prev === 58;
      if (c === 35 && (prev === 32 || prev === 9)) {
        // A comment: skip to the line's end.
        while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
        continue;
      }
      if ((c === 34 || c === 39) && afterSpace) {
        // A quoted scalar (it may span lines): skip to its closing quote.
        i++;
        while (i < n && text.charCodeAt(i) !== c)
          i += text.charCodeAt(i) === 92 && c === 34 ? 2 : 1;
        i++;
        prev = c;
        continue;
      }
      if (c === 91 || c === 123) max = Math.max(max, col + ++flow);
      else if ((c === 93 || c === 125) && flow > 0) flow--;
      prev = c;
      i++;
    }
  }
  return max;
}

interface Breaks {
  readonly crlf: number;
  readonly cr: number;
  readonly lf: number;
}

function breaksOf(text: string): Breaks {
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  return { crlf, cr, lf };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What happened to the line breaks (and byte order mark) of `before` when the editor turned it
 * into `after`, in words, or null when they survived. The editor holds one kind of line break.
 */
export function describeLineBreakChange(before: string, after: string): string | null {
  const parts: string[] = [];
  const bomBefore = before.charCodeAt(0) === 0xfeff;
  const bomAfter = after.charCodeAt(0) === 0xfeff;
  if (bomBefore && !bomAfter) parts.push('the byte order mark was removed');
  const b = breaksOf(before);
  const a = breaksOf(after);
  const target =
    a.crlf > 0 && a.lf === 0 ? 'CRLF' : a.cr > 0 && a.lf === 0 && a.crlf === 0 ? 'CR' : 'LF';
  if (target !== 'CRLF' && b.crlf > 0 && a.crlf < b.crlf)
    parts.push(`${plural(b.crlf, 'CRLF line break', 'CRLF line breaks')} became ${target}`);
  if (target !== 'CR' && b.cr > 0 && a.cr < b.cr)
    parts.push(`${plural(b.cr, 'lone CR line break', 'lone CR line breaks')} became ${target}`);
  if (target !== 'LF' && b.lf > 0 && a.lf < b.lf)
    parts.push(`${plural(b.lf, 'LF line break', 'LF line breaks')} became ${target}`);
  return parts.length > 0 ? parts.join('; ') : null;
}
