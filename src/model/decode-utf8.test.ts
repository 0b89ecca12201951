import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeUtf8 } from './decode-utf8.ts';

const strict = new TextDecoder('utf-8', { fatal: true });

describe('decodeUtf8', () => {
  it('decodes text, astral characters included, and drops a byte order mark', () => {
    const text = 'a: é\r\nb: 😀\n';
    expect(decodeUtf8(new TextEncoder().encode(text))).toEqual({ ok: true, text });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x61]);
    expect(decodeUtf8(bom)).toEqual({ ok: true, text: 'a' });
  });

  it('locates the first byte that is not UTF-8 by line and column', () => {
    // Latin-1 é on line 3, after a CR LF and a lone CR line break and a two-unit emoji.
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('a: 1\r\nb: 2\r😀x: caf'),
      0xe9,
      0x0a,
    ]);
    expect(decodeUtf8(bytes)).toMatchObject({
      ok: false,
      line: 3,
      column: 9,
      offset: 21,
      byte: 0xe9,
      message: 'not valid UTF-8 text (byte 0xE9); save it as UTF-8 and try again',
    });
  });

  it('refuses overlong forms, surrogates, code points past U+10FFFF and cut sequences', () => {
    for (const bad of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      expect(decodeUtf8(new Uint8Array(bad))).toMatchObject({ ok: false, offset: 0 });
    }
  });

  it('agrees with the platform decoder in fatal mode on any bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc.string({ unit: 'binary' }).map((s) => new TextEncoder().encode(s)),
        ),
        (bytes) => {
          let expected: string | null;
          try {
            expected = strict.decode(bytes);
          } catch {
            expected = null;
          }
          const r = decodeUtf8(bytes);
          expect(r.ok ? r.text : null).toBe(expected);
        },
      ),
    );
  });
});
