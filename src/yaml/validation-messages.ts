// The API server's validation helpers (apimachinery pkg/util/validation) with their exact wording:
// DNS names, label keys and values, port numbers and names. Each returns every failing message.

const SUBDOMAIN_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;

const SUBDOMAIN_RE = new RegExp(`^${SUBDOMAIN_FMT}$`);
const LABEL_RE = new RegExp(`^${LABEL_FMT}$`);
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

/** Go's RegexError: `<msg> (e.g. 'a',  or 'b', regex used for validation is '<re>')` (two spaces are real). */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  const e = examples.map((x) => `'${x}'`).join(',  or ');
  return `${msg} (e.g. ${e}, regex used for validation is '${fmt}')`;
}

export const SUBDOMAIN_MESSAGE = regexError(
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  SUBDOMAIN_FMT,
  'example.com',
);
export const LABEL_MESSAGE = regexError(
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  LABEL_FMT,
  'my-name',
  '123-abc',
);
const QUALIFIED_NAME_MESSAGE = regexError(
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  QUALIFIED_NAME_FMT,
  'MyName',
  'my.name',
  '123-abc',
);
const LABEL_VALUE_MESSAGE = regexError(
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  LABEL_VALUE_FMT,
  'MyValue',
  'my_value',
  '12345',
);
const MULTI_SLASH_MESSAGE = `${regexError(
  "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  QUALIFIED_NAME_FMT,
  'MyName',
  'my.name',
  '123-abc',
)} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`;

/** Length in UTF-8 bytes, as Go's len(). */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      // A surrogate pair is one code point of 4 bytes; an unpaired surrogate counts 3 (U+FFFD).
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

export interface Message {
  readonly code: string;
  readonly text: string;
}

/**
 * The messages of a valid value: one shared, frozen array (a whole-cluster dump checks hundreds of
 * thousands of labels, nearly all valid; an array for each is garbage). Callers only read it.
 */
const NO_MESSAGES: Message[] = Object.freeze([]) as unknown as Message[];

export function dns1123Subdomain(value: string): Message[] {
  // The pattern is ASCII only: a match is as many bytes as characters.
  if (value.length <= 253 && SUBDOMAIN_RE.test(value)) return NO_MESSAGES;
  const out: Message[] = [];
  if (byteLength(value) > 253)
    out.push({ code: 'M2', text: 'must be no more than 253 characters' });
  if (!SUBDOMAIN_RE.test(value)) out.push({ code: 'M3', text: SUBDOMAIN_MESSAGE });
  return out;
}

export function dns1123Label(value: string): Message[] {
  if (value.length <= 63 && LABEL_RE.test(value)) return NO_MESSAGES;
  const out: Message[] = [];
  if (byteLength(value) > 63) out.push({ code: 'M7', text: 'must be no more than 63 characters' });
  if (!LABEL_RE.test(value)) {
    out.push(
      SUBDOMAIN_RE.test(value)
        ? { code: 'M8', text: 'must not contain dots' }
        : { code: 'M9', text: LABEL_MESSAGE },
    );
  }
  return out;
}

/** IsQualifiedName: label keys, selector keys and annotation keys. */
export function qualifiedName(value: string): Message[] {
  // The usual key: no prefix, a valid name (ASCII only: as many bytes as characters).
  if (value.length <= 63 && !value.includes('/') && QUALIFIED_NAME_RE.test(value))
    return NO_MESSAGES;
  const parts = value.split('/');
  let name: string;
  const out: Message[] = [];
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) out.push({ code: 'S-K2', text: 'prefix part must be non-empty' });
    else {
      if (byteLength(prefix) > 253)
        out.push({ code: 'S-K3', text: 'prefix part must be no more than 253 bytes' });
      if (!SUBDOMAIN_RE.test(prefix))
        out.push({ code: 'S-K4', text: `prefix part ${SUBDOMAIN_MESSAGE}` });
    }
  } else {
    return [{ code: 'S-K1', text: MULTI_SLASH_MESSAGE }];
  }
  if (name.length === 0) out.push({ code: 'S-K5', text: 'name part must be non-empty' });
  else if (byteLength(name) > 63)
    out.push({ code: 'S-K6', text: 'name part must be no more than 63 bytes' });
  if (!QUALIFIED_NAME_RE.test(name))
    out.push({ code: 'S-K7', text: `name part ${QUALIFIED_NAME_MESSAGE}` });
  return out;
}

export function labelValue(value: string): Message[] {
  if (value.length <= 63 && LABEL_VALUE_RE.test(value)) return NO_MESSAGES;
  const out: Message[] = [];
  if (byteLength(value) > 63) out.push({ code: 'S-V1', text: 'must be no more than 63 bytes' });
  if (!LABEL_VALUE_RE.test(value)) out.push({ code: 'S-V2', text: LABEL_VALUE_MESSAGE });
  return out;
}

export function portNumber(value: number): string[] {
  return value >= 1 && value <= 65535
    ? (NO_MESSAGES as unknown as string[])
    : ['must be between 1 and 65535, inclusive'];
}

/** IsValidPortName: every failing check is reported. */
export function portName(value: string): string[] {
  const out: string[] = [];
  if (value.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(value))
    out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(value)) out.push('must contain at least one letter (a-z)');
  if (value.includes('--')) out.push('must not contain consecutive hyphens');
  if (value.startsWith('-') || value.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

// Runes Go's strconv.Quote escapes: controls, non-ASCII spaces, format characters (bidi, zero
// width), separators. An approximation of !unicode.IsPrint that covers what users paste.
const NOT_PRINTABLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x1f],
  [0x7f, 0xa0],
  [0xad, 0xad],
  [0x1680, 0x1680],
  [0x180e, 0x180e],
  [0x2000, 0x200f],
  [0x2028, 0x202f],
  [0x205f, 0x2064],
  [0x2066, 0x206f],
  [0x3000, 0x3000],
  [0xd800, 0xdfff],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
];

function notPrintable(c: number): boolean {
  return NOT_PRINTABLE_RANGES.some(([lo, hi]) => c >= lo && c <= hi);
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Go's %q for a string, as the API server prints a bad value. */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) {
      out += short;
      continue;
    }
    const c = ch.codePointAt(0) ?? 0;
    if (!notPrintable(c)) {
      out += ch;
      continue;
    }
    if (c < 0x80) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/**
 * A bad value as field.Error prints it: plain strings Go-quoted, numbers bare, named string types
 * (Protocol, PolicyType, operators) and slices as JSON.
 */
export function goValue(v: unknown, named = false): string {
  if (typeof v === 'string' && !named) return goQuote(v);
  return JSON.stringify(v);
}
