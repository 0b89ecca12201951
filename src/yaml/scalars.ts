// Reads a scalar the way Kubernetes does (YAML 1.1 through go-yaml v2, then JSON) and the way
// YAML 1.2 tools do, so the reader can warn where the two disagree.
import type { YScalar } from './yaml-tree.ts';

export type Scalar =
  | { readonly type: 'null' }
  | { readonly type: 'bool'; readonly value: boolean }
  /** `json` is the number as the YAML→JSON step writes it (`0755` → `493`, `80.0` → `80`). */
  | {
      readonly type: 'number';
      readonly value: number;
      readonly json: string;
      readonly integer: boolean;
    }
  | {
      readonly type: 'string';
      readonly value: string;
      /** Digits go-yaml keeps as text because no Go number holds them (ParseFloat overflows). */
      readonly tooLarge?: boolean;
    };

const NULL_11 = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUE_11 = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_11 = new Set([
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
]);
const FLOAT_11 = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INF_NAN = /^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;

function integerScalar(value: bigint): Scalar {
  return { type: 'number', value: Number(value), json: value.toString(), integer: true };
}

/** Go's strconv.ParseInt(s, 0, 64) after go-yaml v2 removed underscores. */
function parseGoInt(plain: string): bigint | null {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(plain);
  if (!m) return null;
  const sign = m[1] === '-' ? -1n : 1n;
  const body = m[2] ?? '0';
  let v: bigint;
  if (/^0[xX]/.test(body)) v = BigInt(body.toLowerCase());
  else if (/^0[bB]/.test(body)) v = BigInt(`0b${body.slice(2)}`);
  else if (/^0[oO]/.test(body)) v = BigInt(`0o${body.slice(2)}`);
  else if (body.length > 1 && body.startsWith('0')) v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  return v * sign;
}

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

function floatScalar(text: string): Scalar {
  const value = Number(text.replace(/^\+/, ''));
  const integer = Number.isInteger(value);
  // YAML→JSON writes a float with an integral value as an integer (80.0 → 80).
  return { type: 'number', value, json: integer ? String(value) : String(value), integer };
}

const SMALL_DECIMAL = /^[1-9][0-9]{0,14}$/;
/** What integerScalar(BigInt(t)) gives for SMALL_DECIMAL text, without the BigInt. */
const smallInteger = (t: string): Scalar => ({
  type: 'number',
  value: Number(t),
  json: t,
  integer: true,
});

/** How Kubernetes (kubectl's YAML 1.1 reader) reads this scalar. */
export function resolveKubernetes(node: YScalar): Scalar {
  const tag = node.tag;
  if (tag === '!!str' || tag === 'tag:yaml.org,2002:str')
    return { type: 'string', value: node.text };
  if (node.style !== 'plain') return { type: 'string', value: node.text };
  const t = node.text;
  // Fast path for the common case: a plain scalar starting with a letter is a string unless it
  // is one of the null/bool words (numbers start with a digit, a sign or a dot).
  const c = t.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
    if (t.length <= 5) {
      if (NULL_11.has(t)) return { type: 'null' };
      if (TRUE_11.has(t)) return { type: 'bool', value: true };
      if (FALSE_11.has(t)) return { type: 'bool', value: false };
    }
    return { type: 'string', value: t };
  }
  // Ports and counts: a plain decimal that a double holds exactly reads alike in YAML 1.1 and 1.2.
  if (c >= 49 && c <= 57 && SMALL_DECIMAL.test(t)) return smallInteger(t);
  if (NULL_11.has(t)) return { type: 'null' };
  if (TRUE_11.has(t)) return { type: 'bool', value: true };
  if (FALSE_11.has(t)) return { type: 'bool', value: false };
  const plain = t.replace(/_/g, '');
  const int = /^[-+]?[0-9]/.test(plain) || /^[-+]?0[xXbBoO]/.test(plain) ? parseGoInt(plain) : null;
  // go-yaml takes ParseInt, then ParseUint, then ParseFloat, and keeps the text when all fail.
  if (int !== null && int >= INT64_MIN && int <= UINT64_MAX) return integerScalar(int);
  if (FLOAT_11.test(plain)) {
    const f = floatScalar(plain);
    if (f.type === 'number' && !Number.isFinite(f.value))
      return { type: 'string', value: t, tooLarge: true };
    return f;
  }
  if (int !== null) return { type: 'string', value: t };
  if (INF_NAN.test(t))
    return {
      type: 'number',
      value:
        t.includes('nan') || t.includes('NaN') || t.includes('NAN')
          ? NaN
          : t.startsWith('-')
            ? -Infinity
            : Infinity,
      json: t,
      integer: false,
    };
  return { type: 'string', value: t };
}

/**
 * The string Kubernetes reads for a scalar that is surely a string, read alike by YAML 1.1 and
 * 1.2 (untagged and quoted, or plain starting with a letter and no null or bool word); undefined
 * when `resolveKubernetes` must decide. Allocates nothing: most scalars of a manifest are these.
 */
export function certainString(node: YScalar): string | undefined {
  if (node.tag !== null) return undefined;
  if (node.style !== 'plain') return node.text;
  return isCertainPlainString(node.text) ? node.text : undefined;
}

/** `certainString` of an untagged plain scalar with this text is the text itself. */
export function isCertainPlainString(t: string): boolean {
  const c = t.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90))
    return !(
      t.length <= 5 &&
      WORD_START.has(c | 32) &&
      (NULL_11.has(t) || TRUE_11.has(t) || FALSE_11.has(t))
    );
  if (c >= 48 && c <= 57) return isAddressLike(t);
  return false;
}

/**
 * Digits with two dots or more, or with a slash (and nothing but digits, dots and slashes: an
 * address `10.96.0.10`, a CIDR `10.0.0.0/8`, a version `1.2.3`): no integer, float or timestamp
 * of YAML 1.1 or 1.2 has such a form, so both read it as this string.
 */
function isAddressLike(t: string): boolean {
  let dots = 0;
  let slash = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 46) dots++;
    else if (c === 47) slash = true;
    else if (c < 48 || c > 57) return false;
  }
  return dots >= 2 || slash;
}

/** The first letters (lower-cased) of the null and bool words: n, y, t, o, f. */
const WORD_START = new Set([110, 121, 116, 111, 102]);

/**
 * The value of an untagged plain decimal (`8080`) that a double holds exactly: read alike by
 * YAML 1.1 and 1.2. undefined when `resolveKubernetes` must decide.
 */
export function certainSmallInteger(node: YScalar): number | undefined {
  if (node.tag !== null || node.style !== 'plain') return undefined;
  return certainPlainInteger(node.text);
}

/** `certainSmallInteger` of an untagged plain scalar with this text. */
export function certainPlainInteger(t: string): number | undefined {
  const c = t.charCodeAt(0);
  return c >= 49 && c <= 57 && SMALL_DECIMAL.test(t) ? Number(t) : undefined;
}

/** Whether an untagged plain scalar with this text is null (`~`, `null`, empty). */
export const isNullPlainText = (t: string): boolean => NULL_11.has(t);

/** Whether `resolveKubernetes(node).type` is `'null'`, without building the Scalar. */
export function isNullScalar(node: YScalar): boolean {
  return (
    node.style === 'plain' &&
    node.tag !== '!!str' &&
    node.tag !== 'tag:yaml.org,2002:str' &&
    NULL_11.has(node.text)
  );
}

/** How a YAML 1.2 core-schema reader (most editors, linters, js-yaml) reads this scalar. */
export function resolveYaml12(node: YScalar): Scalar {
  if (node.style !== 'plain' || node.tag === '!!str') return { type: 'string', value: node.text };
  const t = node.text;
  if (SMALL_DECIMAL.test(t)) return smallInteger(t);
  if (/^(~|null|Null|NULL|)$/.test(t)) return { type: 'null' };
  if (/^(true|True|TRUE)$/.test(t)) return { type: 'bool', value: true };
  if (/^(false|False|FALSE)$/.test(t)) return { type: 'bool', value: false };
  if (/^[-+]?[0-9]+$/.test(t)) return integerScalar(BigInt(t.replace(/^\+/, '')));
  if (/^0o[0-7]+$/.test(t)) return integerScalar(BigInt(t));
  if (/^0x[0-9a-fA-F]+$/.test(t)) return integerScalar(BigInt(t));
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(t)) return floatScalar(t);
  return { type: 'string', value: t };
}

export function sameScalar(a: Scalar, b: Scalar): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'null' || b.type === 'null') return true;
  return (a as { value: unknown }).value === (b as { value: unknown }).value;
}

export function describeScalar(s: Scalar): string {
  switch (s.type) {
    case 'null':
      return 'null';
    case 'bool':
      return `the boolean ${String(s.value)}`;
    case 'number':
      return `the number ${s.json}`;
    case 'string':
      return `the string ${JSON.stringify(s.value)}`;
  }
}
