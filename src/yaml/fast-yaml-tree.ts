// Builds the positioned trees of yaml-tree.ts straight from the text for the block YAML that
// kubectl, helm and generators write: block maps and sequences, one-line plain and quoted
// scalars, comments, one-line flow collections. Hand-written for speed: js-yaml's event array and
// the tree built from it cost several times more CPU and memory on whole-cluster dumps. It parses
// nothing it is unsure of: on anything else (anchors, tags, block or multi-line scalars, tabs,
// CR line breaks, odd indentation, `?` keys, directives, any error) it gives up on the document,
// and js-yaml (with the go-yaml leniency and its diagnostics) reads it as before. The trees are
// equal to js-yaml's, offsets included: fast-yaml-tree.property.test.ts holds them so.
// The same parser builds plain values instead of trees for the CLI (plain-values.ts): then it also
// gives up on what the plain values cannot say (keys that are not surely strings, duplicates), so
// a document it reads plainly is always one it reads as a tree.
import { getScalarValue } from 'js-yaml';
import type { ScalarEvent } from 'js-yaml';
import type { YMap, YMapEntry, YNode, YScalar, YSeq } from './yaml-tree.ts';
import { PlainMap, plainScalarValue } from './plain-values.ts';
import type { PlainDocument, PlainScalar, PlainValue } from './plain-values.ts';

/** Thrown (and caught below) when the text leaves the subset: the document goes to js-yaml. */
const GIVE_UP = new Error('outside the fast parser subset');

/**
 * Characters that send a document to js-yaml: tabs, CR, BOMs, NEL, and everything js-yaml calls
 * non-printable (its own pattern, plus unpaired surrogates).
 */
const UNSUPPORTED_CHAR =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\x00-\x09\x0B-\x1F\x7F-\x9F\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/** Deeper documents go to js-yaml, which reports excessive nesting in its own words. */
const MAX_DEPTH = 64;
/** js-yaml refuses implicit keys longer than 1024 characters; leave long keys to it. */
const MAX_KEY = 1000;

const SPACE = 32;
const LF = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const QUOTE = 39;
const DQUOTE = 34;
const BACKSLASH = 92;

const isFlowIndicator = (c: number) => c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
/** White space, line end or the end of the document (-1). */
const isBlank = (c: number) => c === SPACE || c === LF || c < 0;

/** Scalar events for getScalarValue (double-quoted scalars with escapes). */
const escapedScalar = (valueStart: number, valueEnd: number): ScalarEvent =>
  ({ valueStart, valueEnd, style: 3, fast: false }) as unknown as ScalarEvent;

/** Short scalars (keys, label values, protocols) repeat across a stream: one string for each. */
const INTERN_LENGTH = 32;
const INTERN_SIZE = 16384;
/**
 * A direct-mapped table (a slot per hash, a text that collides replaces the one there): an array
 * load, where a Map hashed the hash again on every look-up and insertion.
 */
const internTable: (string | undefined)[] = new Array<string | undefined>(INTERN_SIZE).fill(
  undefined,
);

/** The hash `interned` takes: of `s[i, end)`. */
function hashOf(s: string, i: number, end: number): number {
  let h = 0;
  for (let k = i; k < end; k++) h = (Math.imul(h, 31) + s.charCodeAt(k)) | 0;
  return h;
}

/**
 * `s.slice(i, end)`, the same string object as the last time this text was seen when short. `h`:
 * `hashOf(s, i, end)`, which the scanners compute as they find the text's end (a second pass over
 * every short scalar's characters cost as much as finding its end).
 */
function interned(s: string, i: number, end: number, h: number): string {
  const n = end - i;
  if (n > INTERN_LENGTH) return s.slice(i, end);
  const slot = (h ^ (h >>> 15) ^ Math.imul(n, 0x9e3779b1)) & (INTERN_SIZE - 1);
  const hit = internTable[slot];
  if (hit !== undefined && hit.length === n && s.startsWith(hit, i)) return hit;
  const fresh = s.slice(i, end);
  internTable[slot] = fresh;
  internValues[slot] = undefined;
  return fresh;
}

/**
 * `plainScalarValue` of each slot's text in `internTable`, once asked for (undefined: not yet):
 * a repeated key or value (`name`, `protocol`, `TCP`, a label) is then one table look-up, where
 * the value cost a string test (and a few set look-ups) per scalar. A PlainScalar is never
 * written, so one serves every scalar with that text.
 */
const internValues: (string | number | PlainScalar | undefined)[] = new Array<
  string | number | PlainScalar | undefined
>(INTERN_SIZE).fill(undefined);

/** `plainScalarValue(interned(s, i, end, h))`, from the table when the text was seen. */
function internedPlainValue(
  s: string,
  i: number,
  end: number,
  h: number,
): string | number | PlainScalar {
  const n = end - i;
  if (n > INTERN_LENGTH) return plainScalarValue(s.slice(i, end));
  const slot = (h ^ (h >>> 15) ^ Math.imul(n, 0x9e3779b1)) & (INTERN_SIZE - 1);
  const hit = internTable[slot];
  if (hit !== undefined && hit.length === n && s.startsWith(hit, i)) {
    const known = internValues[slot];
    if (known !== undefined) return known;
    return (internValues[slot] = plainScalarValue(hit));
  }
  const fresh = s.slice(i, end);
  internTable[slot] = fresh;
  return (internValues[slot] = plainScalarValue(fresh));
}

/**
 * The entries and items of the collections being read, one run after another: a collection's
 * array is copied out at its exact size when it ends, instead of each one growing its own (a
 * pushed-to array reserves 16 slots for a map of 2 entries). Shared by every parse (one at a time).
 */
const pending: (YMapEntry | YNode | PlainValue)[] = [];
/**
 * How much of `pending` is in use: slots above it are stale and overwritten (truncating the array
 * at the end of each collection is a runtime call, thousands of times a document).
 */
let pendingTop = 0;

/** The most of `pending` in use during this document's parse. */
let pendingHigh = 0;

function pend(x: YMapEntry | YNode | PlainValue): void {
  pending[pendingTop++] = x;
  if (pendingTop > pendingHigh) pendingHigh = pendingTop;
}

/** Whether an entry of the map being read (from `base` in `pending`) has the same key text. */
function isDuplicate(base: number, key: YScalar): boolean {
  for (let k = base; k < pendingTop; k++) {
    if (((pending[k] as YMapEntry).key as YScalar).text === key.text) return true;
  }
  return false;
}

/** The same for plain values: `pending` holds keys and values, alternating. */
function isPlainDuplicate(base: number, key: string): boolean {
  for (let k = base; k < pendingTop; k += 2) if (pending[k] === key) return true;
  return false;
}

/** What the parser builds: positioned nodes, or plain values. */
type Built = YNode | PlainValue;

/** The collection read from `base` in `pending`, as an array of its own. */
function takePending<T>(base: number): T[] {
  const out = pending.slice(base, pendingTop) as T[];
  pendingTop = base;
  return out;
}

/** The duplicates of a map that has none (nearly all): shared, never written. */
const NO_DUPLICATES: readonly YNode[] = Object.freeze([]);

class FastParser {
  /** How far the parse has got: where an implicit empty value sits (as in treeFromEvents). */
  private cursor = 0;
  private depth = 0;
  /** Where the content after the node just read continues: a content line's first character. */
  private next = 0;
  /** Start of the line `contentFrom` last found (every column asked for is on it). */
  private lineStart = 0;
  /** Where the last plain scalar scanned stopped (its `:`, ` #` or line end). */
  private stop = 0;
  /** The end offset of the node built last (plain values carry no offsets of their own). */
  private lastEnd = 0;
  /**
   * `hashOf` the text of the last plain scalar `plainEnd` scanned, or of the last quoted one
   * `quotedEnd` scanned (-1 there when it has escapes: the text is not the characters).
   */
  private hash = 0;
  private hashed = true;

  constructor(
    private readonly s: string,
    private readonly end: number,
    private readonly maxDepth: number,
    /** Build plain values (plain-values.ts) instead of positioned nodes. */
    private readonly plain = false,
  ) {}

  /** The offset of the next line's start after `i` (or the end). */
  private nextLine(i: number): number {
    const nl = this.s.indexOf('\n', i);
    return nl < 0 || nl >= this.end ? this.end : nl + 1;
  }

  /**
   * From a line start: the first character of the next line holding content (comment and blank
   * lines skipped), or the end. Lines starting `...` or `%` (document end, directives) give up.
   */
  private contentFrom(lineStart: number): number {
    let i = lineStart;
    while (i < this.end) {
      let j = i;
      while (this.s.charCodeAt(j) === SPACE && j < this.end) j++;
      const c = j < this.end ? this.s.charCodeAt(j) : -1;
      if (c === LF) i = j + 1;
      else if (c === HASH) i = this.nextLine(j);
      else if (c < 0) return this.end;
      else {
        if (j === i && (c === 37 || (c === 46 && this.s.startsWith('...', i)))) throw GIVE_UP;
        this.lineStart = i;
        return j;
      }
    }
    return this.end;
  }

  /** After a node on a line: only spaces and a comment may follow; returns the next line start. */
  private endOfLine(i: number): number {
    let j = i;
    while ((j < this.end ? this.s.charCodeAt(j) : -1) === SPACE) j++;
    const c = j < this.end ? this.s.charCodeAt(j) : -1;
    if (c === LF) return j + 1;
    if (c < 0) return this.end;
    // A comment needs white space before it.
    if (c === HASH && j > i) return this.nextLine(j);
    throw GIVE_UP;
  }

  /** Column of an offset on the line `contentFrom` last found (tabs are out). */
  private column(i: number): number {
    return i - this.lineStart;
  }

  /** Notes that a node ending at `end` was built. */
  private ended(end: number): void {
    this.lastEnd = end;
    if (end > this.cursor) this.cursor = end;
  }

  private emitSeq(start: number, end: number, flow: boolean, base: number): Built {
    this.ended(end);
    if (this.plain) return takePending<PlainValue>(base);
    const items = takePending<YNode>(base);
    const node: YSeq = { kind: 'seq', start, end, tag: null, flow, items };
    return node;
  }

  private emitMap(
    start: number,
    end: number,
    flow: boolean,
    base: number,
    duplicates: YNode[] | null,
  ): Built {
    this.ended(end);
    if (this.plain) return new PlainMap(takePending<PlainValue>(base));
    const node: YMap = {
      kind: 'map',
      start,
      end,
      tag: null,
      flow,
      entries: takePending<YMapEntry>(base),
      duplicates: duplicates ?? NO_DUPLICATES,
    };
    return node;
  }

  /** Adds an entry to the map being read from `base` in `pending`; returns its duplicates. */
  private entry(base: number, key: Built, value: Built, duplicates: YNode[] | null) {
    if (this.plain) {
      // A duplicate key is a diagnostic: the document goes to the positioned read.
      if (isPlainDuplicate(base, key as string)) throw GIVE_UP;
      pend(key as string);
      pend(value as PlainValue);
      return duplicates;
    }
    let found = duplicates;
    if (isDuplicate(base, key as YScalar)) (found ??= []).push(key as YScalar);
    pend({ key: key as YScalar, value: value as YNode });
    return found;
  }

  private open(start: number): void {
    if (++this.depth >= this.maxDepth) throw GIVE_UP;
    if (start + 1 > this.cursor) this.cursor = start + 1;
  }

  private implicitEmpty(): Built {
    const at = this.cursor;
    this.ended(at);
    if (this.plain) return null;
    const node: YScalar = {
      kind: 'scalar',
      start: at,
      end: at,
      tag: null,
      text: '',
      style: 'plain',
      implicitEmpty: true,
    };
    return node;
  }

  /** Where the document's root node starts (after `parseDocument`). */
  rootStart = 0;

  parseDocument(contentStart: number): Built | undefined {
    let i = contentStart;
    if (this.s.startsWith('---', i) && i < this.end) {
      i = this.endOfLine(i + 3);
    }
    const first = this.contentFrom(i);
    if (first >= this.end) return undefined;
    this.rootStart = first;
    const indent = this.column(first);
    const node = this.blockNodeAt(first, indent, -1);
    if (this.next < this.end) throw GIVE_UP;
    return node;
  }

  /** The end offset of the root node (after `parseDocument`). */
  get rootEnd(): number {
    return this.lastEnd;
  }

  /**
   * A block collection starting at `i` (column `indent`), which must be deeper than `parent`.
   * Returns the node and the start of the next content line after it (or the end).
   */
  private blockNodeAt(i: number, indent: number, parent: number): Built {
    if (indent <= parent) throw GIVE_UP;
    if (
      (i < this.end ? this.s.charCodeAt(i) : -1) === DASH &&
      isBlank(i + 1 < this.end ? this.s.charCodeAt(i + 1) : -1)
    )
      return this.blockSeq(i, indent);
    return this.blockMap(i, indent);
  }

  private blockSeq(first: number, indent: number): Built {
    this.open(first);
    const base = pendingTop;
    let end = first + 1;
    let i = first;
    for (;;) {
      // `i` is at a `-` followed by white space or the end.
      let j = i + 1;
      while ((j < this.end ? this.s.charCodeAt(j) : -1) === SPACE) j++;
      const c = j < this.end ? this.s.charCodeAt(j) : -1;
      let item: Built;
      let next: number;
      if (c === LF || c < 0 || (c === HASH && j > i + 1)) {
        next = this.contentFrom(c === HASH ? this.nextLine(j) : Math.min(j + 1, this.end));
        if (next < this.end && this.column(next) > indent) {
          item = this.blockNodeAt(next, this.column(next), indent);
          next = this.next;
        } else {
          item = this.implicitEmpty();
        }
      } else {
        item = this.inlineNode(j, indent);
        next = this.next;
      }
      pend(item);
      if (this.lastEnd > end) end = this.lastEnd;
      if (next >= this.end) break;
      const col = this.column(next);
      if (col > indent) throw GIVE_UP;
      if (
        col < indent ||
        (next < this.end ? this.s.charCodeAt(next) : -1) !== DASH ||
        !isBlank(next + 1 < this.end ? this.s.charCodeAt(next + 1) : -1)
      ) {
        this.depth--;
        this.next = next;
        return this.emitSeq(first, end, false, base);
      }
      i = next;
    }
    this.depth--;
    this.next = this.end;
    return this.emitSeq(first, end, false, base);
  }

  /**
   * The content after `- ` on a line, at column > `parent`: a compact sequence or map (`- - a`,
   * `- k: v`), or a scalar or flow collection alone on its line.
   */
  private inlineNode(i: number, parent: number): Built {
    const c = i < this.end ? this.s.charCodeAt(i) : -1;
    if (c === DASH && isBlank(i + 1 < this.end ? this.s.charCodeAt(i + 1) : -1))
      return this.blockSeq(i, this.column(i));
    if (this.keyAhead(i)) return this.blockMap(i, this.column(i));
    const node = this.inlineValue(i);
    // Nothing is built after the node: `lastEnd` stays its end for the caller.
    const next = this.contentFrom(this.endOfLine(this.lastEnd));
    if (next < this.end && this.column(next) > parent) throw GIVE_UP;
    this.next = next;
    return node;
  }

  /** True when a key and `:` start at `i` (the line holds `key: …`). */
  private keyAhead(i: number): boolean {
    const c = i < this.end ? this.s.charCodeAt(i) : -1;
    let j: number;
    if (c === DQUOTE || c === QUOTE) {
      j = this.quotedEnd(i);
      while ((j < this.end ? this.s.charCodeAt(j) : -1) === SPACE) j++;
    } else {
      if (!this.canStartPlain(i, false)) return false;
      this.plainEnd(i, false);
      j = this.stop;
    }
    return (
      (j < this.end ? this.s.charCodeAt(j) : -1) === COLON &&
      isBlank(j + 1 < this.end ? this.s.charCodeAt(j + 1) : -1)
    );
  }

  private blockMap(first: number, indent: number): Built {
    this.open(first);
    const base = pendingTop;
    let duplicates: YNode[] | null = null;
    let end = first + 1;
    let i = first;
    let next: number;
    for (;;) {
      const key = this.key(i);
      // The key's end is past its text; the `:` follows after spaces.
      let j = this.lastEnd;
      while ((j < this.end ? this.s.charCodeAt(j) : -1) === SPACE) j++;
      if (
        (j < this.end ? this.s.charCodeAt(j) : -1) !== COLON ||
        !isBlank(j + 1 < this.end ? this.s.charCodeAt(j + 1) : -1)
      )
        throw GIVE_UP;
      j++;
      while ((j < this.end ? this.s.charCodeAt(j) : -1) === SPACE) j++;
      const c = j < this.end ? this.s.charCodeAt(j) : -1;
      let value: Built;
      let valueEnd: number;
      if (c === LF || c < 0 || (c === HASH && this.s.charCodeAt(j - 1) === SPACE)) {
        next = this.contentFrom(c === HASH ? this.nextLine(j) : Math.min(j + 1, this.end));
        const col = next < this.end ? this.column(next) : -1;
        if (col > indent) {
          value = this.blockNodeAt(next, col, indent);
          next = this.next;
        } else if (
          col === indent &&
          (next < this.end ? this.s.charCodeAt(next) : -1) === DASH &&
          isBlank(next + 1 < this.end ? this.s.charCodeAt(next + 1) : -1)
        ) {
          // A sequence under a key at the key's own indentation.
          value = this.blockSeq(next, indent);
          next = this.next;
        } else {
          value = this.implicitEmpty();
        }
        valueEnd = this.lastEnd;
      } else {
        value = this.inlineValue(j);
        valueEnd = this.lastEnd;
        next = this.contentFrom(this.endOfLine(valueEnd));
      }
      duplicates = this.entry(base, key, value, duplicates);
      if (valueEnd > end) end = valueEnd;
      if (next >= this.end) break;
      const col = this.column(next);
      if (col > indent) throw GIVE_UP;
      if (col < indent) break;
      i = next;
    }
    this.depth--;
    this.next = next;
    return this.emitMap(first, end, false, base, duplicates);
  }

  /** A block mapping key: a one-line quoted or plain scalar. */
  private key(i: number): Built {
    const c = i < this.end ? this.s.charCodeAt(i) : -1;
    let node: Built;
    if (c === DQUOTE || c === QUOTE) node = this.quoted(i);
    else if (this.canStartPlain(i, false)) node = this.scalarPlain(i, false);
    else throw GIVE_UP;
    if (this.lastEnd - i > MAX_KEY) throw GIVE_UP;
    // A plain key that is not surely a string (`yes:`, `80:`, `<<:`) is the decoder's to read.
    if (this.plain && typeof node !== 'string') throw GIVE_UP;
    return node;
  }

  /** A scalar or flow collection that must end on its line. */
  private inlineValue(i: number): Built {
    const c = i < this.end ? this.s.charCodeAt(i) : -1;
    if (c === DQUOTE || c === QUOTE) return this.quoted(i);
    if (c === 91 || c === 123) return this.flow(i);
    if (!this.canStartPlain(i, false)) throw GIVE_UP;
    const node = this.scalarPlain(i, false);
    const nodeEnd = this.lastEnd;
    // `a: b: c` is an error; a plain value ends at a line end or a comment.
    if ((nodeEnd < this.end ? this.s.charCodeAt(nodeEnd) : -1) !== LF && !(nodeEnd >= this.end)) {
      let j = nodeEnd;
      while ((j < this.end ? this.s.charCodeAt(j) : -1) === SPACE) j++;
      if ((j < this.end ? this.s.charCodeAt(j) : -1) === COLON) throw GIVE_UP;
    }
    return node;
  }

  private canStartPlain(i: number, inFlow: boolean): boolean {
    const c = i < this.end ? this.s.charCodeAt(i) : -1;
    if (c < 0 || c === SPACE || c === LF || isFlowIndicator(c)) return false;
    // # & * ! | > ' " % @ `
    if (
      c === HASH ||
      c === 38 ||
      c === 42 ||
      c === 33 ||
      c === 124 ||
      c === 62 ||
      c === QUOTE ||
      c === DQUOTE ||
      c === 37 ||
      c === 64 ||
      c === 96
    )
      return false;
    // `?` and `:` starts are legal but unusual (explicit keys, empty keys): leave them to js-yaml.
    if (c === 63 || c === COLON) return false;
    if (c === DASH) {
      const n = i + 1 < this.end ? this.s.charCodeAt(i + 1) : -1;
      if (isBlank(n) || (inFlow && isFlowIndicator(n))) return false;
    }
    return true;
  }

  /** The end of a one-line plain scalar's text from `i` (spaces trimmed); `stop`: where it stops. */
  private plainEnd(i: number, inFlow: boolean): number {
    // Locals and charCodeAt, not `at`: the first (interpreted) pass over a big text is most of a
    // CLI run, and a call per character costs there.
    const s = this.s;
    const limit = this.end;
    let j = i;
    let end = i;
    // hashOf(s, i, j), and of `s[i, end)` (the text's, for `interned`).
    let h = 0;
    let hashEnd = 0;
    while (j < limit) {
      const c = s.charCodeAt(j);
      if (c === LF) break;
      if (c === COLON) {
        const n = j + 1 < limit ? s.charCodeAt(j + 1) : -1;
        if (n === SPACE || n === LF || n < 0 || (inFlow && isFlowIndicator(n))) break;
      } else if (c === HASH) {
        if (s.charCodeAt(j - 1) === SPACE) break;
      } else if (inFlow && isFlowIndicator(c)) break;
      h = (Math.imul(h, 31) + c) | 0;
      if (c !== SPACE) {
        end = j + 1;
        hashEnd = h;
      }
      j++;
    }
    this.stop = j;
    this.hash = hashEnd;
    return end;
  }

  private scalarPlain(i: number, inFlow: boolean): Built {
    // A plain scalar continued on the next line (or a block context key/value split across
    // lines) is left to js-yaml: the caller checks the indentation of the next content line.
    const end = this.plainEnd(i, inFlow);
    // `ended`, written out: this runs for every plain scalar of a dump, mostly before the
    // optimising compiler takes it, where a call costs more than its body.
    this.lastEnd = end;
    if (end > this.cursor) this.cursor = end;
    if (this.plain) return internedPlainValue(this.s, i, end, this.hash);
    const text = interned(this.s, i, end, this.hash);
    const node: YScalar = {
      kind: 'scalar',
      start: i,
      end,
      tag: null,
      text,
      style: 'plain',
      implicitEmpty: false,
    };
    return node;
  }

  /** Offset just past the closing quote of a one-line quoted scalar starting at `i`. */
  private quotedEnd(i: number): number {
    const s = this.s;
    const limit = this.end;
    const q = s.charCodeAt(i);
    let j = i + 1;
    let h = 0;
    this.hashed = true;
    for (;;) {
      const c = j < limit ? s.charCodeAt(j) : -1;
      if (c < 0 || c === LF) throw GIVE_UP;
      if (c === q) {
        if (q === QUOTE && (j + 1 < this.end ? this.s.charCodeAt(j + 1) : -1) === QUOTE) {
          this.hashed = false;
          j += 2;
          continue;
        }
        this.hash = h;
        return j + 1;
      }
      if (q === DQUOTE && c === BACKSLASH) {
        this.hashed = false;
        const e = j + 1 < this.end ? this.s.charCodeAt(j + 1) : -1;
        // 0 a b t n v f r e space " / \ N _ L P
        if (
          e === 48 ||
          e === 97 ||
          e === 98 ||
          e === 116 ||
          e === 110 ||
          e === 118 ||
          e === 102 ||
          e === 114 ||
          e === 101 ||
          e === SPACE ||
          e === DQUOTE ||
          e === 47 ||
          e === BACKSLASH ||
          e === 78 ||
          e === 95 ||
          e === 76 ||
          e === 80
        ) {
          j += 2;
          continue;
        }
        const digits = e === 120 ? 2 : e === 117 ? 4 : 0;
        if (digits === 0) throw GIVE_UP;
        for (let k = 0; k < digits; k++) {
          const h = j + 2 + k < this.end ? this.s.charCodeAt(j + 2 + k) : -1;
          const hex = (h >= 48 && h <= 57) || ((h | 32) >= 97 && (h | 32) <= 102);
          if (!hex) throw GIVE_UP;
        }
        j += 2 + digits;
        continue;
      }
      h = (Math.imul(h, 31) + c) | 0;
      j++;
    }
  }

  private quoted(i: number): Built {
    const q = this.s.charCodeAt(i);
    const end = this.quotedEnd(i);
    // Quoted label values repeat as plain ones do: the same string for the same text.
    const raw = interned(
      this.s,
      i + 1,
      end - 1,
      this.hashed ? this.hash : hashOf(this.s, i + 1, end - 1),
    );
    let text = raw;
    if (q === QUOTE) {
      if (raw.includes("'")) text = raw.replaceAll("''", "'");
    } else if (raw.includes('\\')) {
      text = getScalarValue(this.s, escapedScalar(i + 1, end - 1));
    }
    this.ended(end);
    // An untagged quoted scalar is surely a string.
    if (this.plain) return text;
    const node: YScalar = {
      kind: 'scalar',
      start: i,
      end,
      tag: null,
      text,
      style: q === QUOTE ? 'single' : 'double',
      implicitEmpty: false,
    };
    return node;
  }

  private skipFlowSpace(i: number): number {
    let j = i;
    while ((j < this.end ? this.s.charCodeAt(j) : -1) === SPACE) j++;
    return j;
  }

  /** A flow collection that opens and closes on one line, with no empty or trailing entries. */
  private flow(i: number): Built {
    const isMap = this.s.charCodeAt(i) === 123;
    const close = isMap ? 125 : 93;
    this.open(i);
    const base = pendingTop;
    let duplicates: YNode[] | null = null;
    let j = this.skipFlowSpace(i + 1);
    if ((j < this.end ? this.s.charCodeAt(j) : -1) !== close) {
      for (;;) {
        // A key must be a scalar: a collection starts with a bracket.
        const collection =
          (j < this.end ? this.s.charCodeAt(j) : -1) === 91 ||
          (j < this.end ? this.s.charCodeAt(j) : -1) === 123;
        const item = this.flowItem(j);
        j = this.skipFlowSpace(this.lastEnd);
        if (isMap) {
          if (collection || (j < this.end ? this.s.charCodeAt(j) : -1) !== COLON) throw GIVE_UP;
          if (this.plain && typeof item !== 'string') throw GIVE_UP;
          j = this.skipFlowSpace(j + 1);
          const value = this.flowItem(j);
          j = this.skipFlowSpace(this.lastEnd);
          duplicates = this.entry(base, item, value, duplicates);
        } else {
          // `[a: b]` is a single-pair map inside the sequence: leave it to js-yaml.
          if ((j < this.end ? this.s.charCodeAt(j) : -1) === COLON) throw GIVE_UP;
          pend(item);
        }
        const c = j < this.end ? this.s.charCodeAt(j) : -1;
        if (c === close) break;
        if (c !== 44) throw GIVE_UP;
        j = this.skipFlowSpace(j + 1);
        // A trailing comma, or an empty entry.
        if (
          (j < this.end ? this.s.charCodeAt(j) : -1) === close ||
          (j < this.end ? this.s.charCodeAt(j) : -1) === 44
        )
          throw GIVE_UP;
      }
    }
    this.depth--;
    const end = j + 1;
    if (isMap) return this.emitMap(i, end, true, base, duplicates);
    return this.emitSeq(i, end, true, base);
  }

  private flowItem(i: number): Built {
    const c = i < this.end ? this.s.charCodeAt(i) : -1;
    if (c === DQUOTE || c === QUOTE) return this.quoted(i);
    if (c === 91 || c === 123) return this.flow(i);
    if (!this.canStartPlain(i, true)) throw GIVE_UP;
    return this.scalarPlain(i, true);
  }
}

/**
 * The tree of the document in `text[contentStart, end)` (a span of split-documents.ts), with
 * offsets into `text`; null for a document with no content; undefined when the document is not
 * in the subset read here (js-yaml must read it).
 */
export function fastDocumentTree(
  text: string,
  contentStart: number,
  end: number,
  maxDepth: number,
  /** The caller found none of the characters sent to js-yaml in a range holding this one. */
  checked = false,
): YNode | null | undefined {
  return readFast(text, contentStart, end, maxDepth, checked, false, (parser) => {
    const root = parser.parseDocument(contentStart) as YNode | undefined;
    return root ?? null;
  });
}

/**
 * The plain values of a document (a span of split-documents.ts) whose root is a mapping, when the
 * fast parser reads it and nothing in it needs the decoder's or a diagnostic's attention at the
 * YAML level; undefined otherwise. `checked` as for `fastDocumentTree`.
 */
export function plainDocument(
  text: string,
  contentStart: number,
  end: number,
  maxDepth: number,
  checked = false,
): PlainDocument | undefined {
  return readFast(text, contentStart, end, maxDepth, checked, true, (parser) => {
    const root = parser.parseDocument(contentStart);
    if (!(root instanceof PlainMap)) return undefined;
    return { root, start: parser.rootStart, end: parser.rootEnd };
  });
}

/**
 * Runs the fast parser on `text[contentStart, end)`: undefined when the document holds a
 * character sent to js-yaml (unless `checked` says its range was tested) or the parser gives up.
 */
function readFast<T>(
  text: string,
  contentStart: number,
  end: number,
  maxDepth: number,
  checked: boolean,
  plain: boolean,
  read: (parser: FastParser) => T,
): T | undefined {
  // Within a clean range, only a surrogate at the document's edge can read differently alone.
  const edge =
    checked &&
    end > contentStart &&
    (isLowSurrogate(text.charCodeAt(contentStart)) || isHighSurrogate(text.charCodeAt(end - 1)));
  if ((!checked || edge) && UNSUPPORTED_CHAR.test(text.slice(contentStart, end))) return undefined;
  try {
    return read(new FastParser(text, end, Math.min(MAX_DEPTH, maxDepth - 1), plain));
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  } finally {
    // Nothing of a document stays reachable from here once it is read; the array keeps its size
    // (emptied, it grew again slot by slot for each document).
    pending.fill(null, 0, pendingHigh);
    pendingTop = 0;
    pendingHigh = 0;
  }
}

/** Tests: whether the subset check would even look at this text. */
export const fastUnsupportedChar = (text: string): boolean => UNSUPPORTED_CHAR.test(text);

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
