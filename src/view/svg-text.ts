// Text for a standalone SVG file: user strings made visible (bidi and invisible characters shown,
// as on the canvas), fitted to a width without a DOM to measure them, and escaped so that any name
// yields well-formed XML.
import { displayText } from '../model/display-text.ts';

/**
 * What XML 1.0 cannot hold: C0 controls other than tab, LF and CR, UTF-16 halves without their
 * pair, U+FFFE and U+FFFF. Each becomes U+FFFD, so the file is well formed and UTF-8 loses nothing.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for an XML element or a double- or single-quoted attribute. */
export function xmlEscape(text: string): string {
  return text.replace(NOT_XML, '\ufffd').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

// Advance widths (1/1000 em) of printable ASCII, from the published metrics of Helvetica, which
// Arial and Liberation Sans match: the file names those fonts first, so estimates hold.
// prettier-ignore
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
  556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
  611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
  667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
  222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
// prettier-ignore
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
  556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
  611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
  667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
  278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/** The font stack the diagram names: fonts with the metrics above, on every desktop system. */
export const DIAGRAM_FONT = "Arial, Helvetica, 'Liberation Sans', 'Nimbus Sans', sans-serif";

/** A character's advance in ems; outside ASCII a generous guess (wide scripts a full em). */
function advance(ch: string, bold: boolean): number {
  const code = ch.codePointAt(0) ?? 0;
  const table = bold ? BOLD : REGULAR;
  if (code >= 32 && code < 127) return (table[code - 32] ?? 600) / 1000;
  if (code >= 0x2e80) return 1;
  return code >= 0x2000 ? 0.8 : 0.65;
}

/** The estimated width of `text` at `size` px, with a margin for fonts that run a little wide. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += advance(ch, bold);
  return em * size * 1.06;
}

/** A user string as displayed, cut with an ellipsis to fit `width` px; not yet escaped. */
export function fitText(text: string, width: number, size: number, bold = false): string {
  const shown = displayText(text, 100_000);
  if (textWidth(shown, size, bold) <= width) return shown;
  const room = width - textWidth('…', size, bold);
  let used = 0;
  let out = '';
  for (const ch of shown) {
    used += textWidth(ch, size, bold);
    if (used > room) break;
    out += ch;
  }
  return `${out}…`;
}

/** Words of `text` in lines that fit `width` px; a word longer than a line is cut. */
export function wrapText(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of displayText(text, 100_000).split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, size) <= width) line = next;
    else {
      if (line) lines.push(line);
      line = fitText(word, width, size);
    }
  }
  if (line) lines.push(line);
  return lines;
}
