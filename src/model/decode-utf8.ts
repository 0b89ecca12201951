// Strict UTF-8 decoding of a file's bytes, shared by the app's import and the CLI so that both give
// one verdict on one file: its text, or where the first byte that is not UTF-8 sits.
// Hand-written because the core has no TextDecoder (no DOM or Node types); it follows the WHATWG
// decoder's fatal mode exactly: overlong forms, surrogates and code points past U+10FFFF fail.

export type DecodedText =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      /** 1-based line and column (UTF-16 code units, as the editor counts) of the bad byte. */
      readonly line: number;
      readonly column: number;
      /** Byte offset and value of the first byte that does not start or continue a character. */
      readonly offset: number;
      readonly byte: number;
      /** E.g. `not valid UTF-8 text (byte 0xE9); save it as UTF-8 and try again`. */
      readonly message: string;
    };

/** Length of the sequence a lead byte starts and the allowed range of its second byte, or null. */
function sequenceOf(lead: number): { length: number; lo: number; hi: number } | null {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, lo: 0x80, hi: 0xbf };
  if (lead === 0xe0) return { length: 3, lo: 0xa0, hi: 0xbf };
  if (lead === 0xed) return { length: 3, lo: 0x80, hi: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, lo: 0x80, hi: 0xbf };
  if (lead === 0xf0) return { length: 4, lo: 0x90, hi: 0xbf };
  if (lead === 0xf4) return { length: 4, lo: 0x80, hi: 0x8f };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, lo: 0x80, hi: 0xbf };
  return null;
}

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const parts: string[] = [];
  let units: number[] = [];
  let line = 1;
  let lineStartUnits = 0;
  let totalUnits = 0;
  let previous = -1;
  const flush = () => {
    parts.push(String.fromCharCode(...units));
    units = [];
  };
  let i = 0;
  // A byte order mark is not part of the text (TextDecoder drops it too).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let cp: number;
    if (b < 0x80) {
      cp = b;
      i++;
    } else {
      const seq = sequenceOf(b);
      let bad = seq === null;
      if (seq) {
        for (let k = 1; k < seq.length && !bad; k++) {
          const c = bytes[i + k];
          const [lo, hi] = k === 1 ? [seq.lo, seq.hi] : [0x80, 0xbf];
          if (c === undefined || c < lo || c > hi) bad = true;
        }
      }
      if (bad || !seq) {
        // The WHATWG decoder reports the sequence at the byte that starts it.
        const column = totalUnits - lineStartUnits + 1;
        const hex = b.toString(16).toUpperCase().padStart(2, '0');
        return {
          ok: false,
          line,
          column,
          offset: i,
          byte: b,
          message: `not valid UTF-8 text (byte 0x${hex}); save it as UTF-8 and try again`,
        };
      }
      cp = b & (0xff >> (seq.length + 1));
      for (let k = 1; k < seq.length; k++) cp = (cp << 6) | ((bytes[i + k] as number) & 0x3f);
      i += seq.length;
    }
    // Lines break at LF, CR LF and a lone CR, as the YAML reader counts them.
    if (cp === 10 || cp === 13) {
      if (!(cp === 10 && previous === 13)) line++;
      lineStartUnits = totalUnits + 1;
    }
    previous = cp;
    if (cp > 0xffff) {
      units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
      totalUnits += 2;
    } else {
      units.push(cp);
      totalUnits += 1;
    }
    if (units.length >= 8192) flush();
  }
  flush();
  return { ok: true, text: parts.join('') };
}
