// User strings for display: invisible, control and bidi-override characters made visible (so a
// name cannot hide or reorder text), then truncated with an ellipsis.

/** Code point ranges shown as <U+XXXX>: controls, bidi marks and overrides, zero-width and fillers. */
const HIDDEN: readonly (readonly [number, number])[] = [
  [0x00, 0x08],
  [0x0b, 0x1f],
  [0x7f, 0x9f],
  [0xad, 0xad],
  [0x61c, 0x61c],
  [0x115f, 0x1160],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f],
];

function isHidden(code: number): boolean {
  return HIDDEN.some(([lo, hi]) => code >= lo && code <= hi);
}

/** Printable ASCII only: nothing to make visible (most names; a graph labels thousands). */
const PLAIN = /^[\x20-\x7e]*$/;

/**
 * Any character shown otherwise, in one regular expression: messages are seldom plain ASCII
 * (their quotes and arrows), and testing each character against the ranges is slow.
 */
const HIDDEN_CLASS = HIDDEN.map(([lo, hi]) => `\\u{${lo.toString(16)}}-\\u{${hi.toString(16)}}`);
const SHOWN_OTHERWISE = new RegExp(`[\\t\\n\\r${HIDDEN_CLASS.join('')}]`, 'u');

export function displayText(text: string, max = 80): string {
  if (PLAIN.test(text)) return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  if (!SHOWN_OTHERWISE.test(text)) {
    // Nothing to make visible: truncated by characters (code points), not UTF-16 units.
    if (text.length <= max) return text;
    const chars = [...text];
    return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
  }
  const out: string[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\t') out.push('→');
    else if (ch === '\n') out.push('⏎');
    else if (ch === '\r') continue;
    else if (isHidden(code)) out.push(`<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`);
    else out.push(ch);
  }
  return out.length > max ? `${out.slice(0, max - 1).join('')}…` : out.join('');
}
