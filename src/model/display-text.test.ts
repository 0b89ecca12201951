import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayText } from './display-text.ts';

describe('displayText', () => {
  it('makes bidi overrides and zero-width characters visible', () => {
    expect(displayText('web\u202Egnp.exe')).toBe('web<U+202E>gnp.exe');
    expect(displayText('a\u200Bb')).toBe('a<U+200B>b');
  });
  it('truncates long text by characters, not UTF-16 units', () => {
    expect(displayText('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
    expect(displayText('short', 5)).toBe('short');
  });

  it('law: the same as making each character visible one by one, then truncating', () => {
    const hidden = (c: number) =>
      c <= 0x08 ||
      (c >= 0x0b && c <= 0x1f) ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0xad ||
      c === 0x61c ||
      c === 0x115f ||
      c === 0x1160 ||
      c === 0x180e ||
      (c >= 0x200b && c <= 0x200f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2060 && c <= 0x2064) ||
      (c >= 0x2066 && c <= 0x206f) ||
      c === 0x3164 ||
      (c >= 0xfe00 && c <= 0xfe0f) ||
      c === 0xfeff ||
      c === 0xffa0 ||
      (c >= 0xe0000 && c <= 0xe007f);
    const oneByOne = (text: string, max: number) => {
      const out: string[] = [];
      for (const ch of text) {
        const code = ch.codePointAt(0)!;
        if (ch === '\t') out.push('→');
        else if (ch === '\n') out.push('⏎');
        else if (ch === '\r') continue;
        else if (hidden(code)) out.push(`<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`);
        else out.push(ch);
      }
      return out.length > max ? `${out.slice(0, max - 1).join('')}…` : out.join('');
    };
    // Messages as the panels show them (quotes, arrows, emoji), some with characters to show.
    const char = fc.oneof(
      fc.constantFrom('a', ' ', '“', '”', '→', '…', '😀', 'é', '\t', '\n', '\r'),
      fc.constantFrom('\u202e', '\u200b', '\u0000', '\u00ad', '\ufeff', '\u{e0041}', '\u3164'),
      fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    );
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 60 }),
        fc.integer({ min: 2, max: 50 }),
        (chars, max) => {
          const text = chars.join('');
          expect(displayText(text, max)).toBe(oneByOne(text, max));
        },
      ),
      { numRuns: 500 },
    );
  });
});
