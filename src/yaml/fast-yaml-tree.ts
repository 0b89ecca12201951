// Builds the positioned trees of yaml-tree.ts straight from the text for the block YAML that
// kubectl, helm and generators write: block maps and sequences, one-line plain and quoted
// scalars, comments, one-line flow collections. Hand-written for speed: js-yaml's event array and
// the tree built from it cost several times more CPU and memory on whole-cluster dumps. It parses
// nothing it is unsure of: on anything else (anchors, tags, block or multi-line scalars, tabs,
// CR line breaks, odd indentation, `?` keys, directives, any error) it gives up on the document,
// and js-yaml (with the go-yaml leniency and its diagnostics) reads it as before. The trees are
// equal to js-yaml's, offsets included: fast-yaml-tree.property.test.ts holds them so.
import { getScalarValue } from 'js-yaml';
import type { ScalarEvent } from 'js-yaml';
import type { YMap, YMapEntry, YNode, YScalar, YSeq } from './yaml-tree.ts';

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
const internTable = new Map<number, string>();

/** `s.slice(i, end)`, the same string object as the last time this text was seen when short. */
function interned(s: string, i: number, end: number): string {
  const n = end - i;
  if (n > INTERN_LENGTH) return s.slice(i, end);
  let h = n;
  for (let k = i; k < end; k++) h = (Math.imul(h, 31) + s.charCodeAt(k)) | 0;
  const hit = internTable.get(h);
  if (hit !== undefined && hit.length === n && s.startsWith(hit, i)) return hit;
  const fresh = s.slice(i, end);
  if (internTable.size >= INTERN_SIZE) internTable.clear();
  internTable.set(h, fresh);
  return fresh;
}

/**
 * The entries and items of the collections being read, one run after another: a collection's
 * array is copied out at its exact size when it ends, instead of each one growing its own (a
 * pushed-to array reserves 16 slots for a map of 2 entries). Shared by every parse (one at a time).
 */
const pending: (YMapEntry | YNode)[] = [];

/** Whether an entry of the map being read (from `base` in `pending`) has the same key text. */
function isDuplicate(base: number, key: YScalar): boolean {
  for (let k = base; k < pending.length; k++) {
    if (((pending[k] as YMapEntry).key as YScalar).text === key.text) return true;
  }
  return false;
}

/** The collection read from `base` in `pending`, as an array of its own. */
function takePending<T>(base: number): T[] {
  const out = pending.slice(base) as T[];
  pending.length = base;
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

  constructor(
    private readonly s: string,
    private readonly end: number,
    private readonly maxDepth: number,
  ) {}

  /** The character at `i`, or -1 past the document's end. */
  private at(i: number): number {
    return i < this.end ? this.s.charCodeAt(i) : -1;
  }

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
      const c = this.at(j);
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
    while (this.at(j) === SPACE) j++;
    const c = this.at(j);
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

  private emit<N extends YNode>(node: N): N {
    if (node.end > this.cursor) this.cursor = node.end;
    return node;
  }

  private open(start: number): void {
    if (++this.depth >= this.maxDepth) throw GIVE_UP;
    if (start + 1 > this.cursor) this.cursor = start + 1;
  }

  private implicitEmpty(): YScalar {
    const at = this.cursor;
    return {
      kind: 'scalar',
      start: at,
      end: at,
      tag: null,
      text: '',
      style: 'plain',
      implicitEmpty: true,
    };
  }

  parseDocument(contentStart: number): YNode | null {
    let i = contentStart;
    if (this.s.startsWith('---', i) && i < this.end) {
      i = this.endOfLine(i + 3);
    }
    const first = this.contentFrom(i);
    if (first >= this.end) return null;
    const indent = this.column(first);
    const node = this.blockNodeAt(first, indent, -1);
    if (this.next < this.end) throw GIVE_UP;
    return node;
  }

  /**
   * A block collection starting at `i` (column `indent`), which must be deeper than `parent`.
   * Returns the node and the start of the next content line after it (or the end).
   */
  private blockNodeAt(i: number, indent: number, parent: number): YNode {
    if (indent <= parent) throw GIVE_UP;
    if (this.at(i) === DASH && isBlank(this.at(i + 1))) return this.blockSeq(i, indent);
    return this.blockMap(i, indent);
  }

  private blockSeq(first: number, indent: number): YSeq {
    this.open(first);
    const base = pending.length;
    let end = first + 1;
    let i = first;
    for (;;) {
      // `i` is at a `-` followed by white space or the end.
      let j = i + 1;
      while (this.at(j) === SPACE) j++;
      const c = this.at(j);
      let item: YNode;
      let next: number;
      if (c === LF || c < 0 || (c === HASH && j > i + 1)) {
        next = this.contentFrom(c === HASH ? this.nextLine(j) : Math.min(j + 1, this.end));
        if (next < this.end && this.column(next) > indent) {
          item = this.blockNodeAt(next, this.column(next), indent);
          next = this.next;
        } else {
          item = this.emit(this.implicitEmpty());
        }
      } else {
        item = this.inlineNode(j, indent);
        next = this.next;
      }
      pending.push(item);
      if (item.end > end) end = item.end;
      if (next >= this.end) break;
      const col = this.column(next);
      if (col > indent) throw GIVE_UP;
      if (col < indent || this.at(next) !== DASH || !isBlank(this.at(next + 1))) {
        this.depth--;
        this.next = next;
        const items = takePending<YNode>(base);
        return this.emit({ kind: 'seq', start: first, end, tag: null, flow: false, items });
      }
      i = next;
    }
    this.depth--;
    this.next = this.end;
    const items = takePending<YNode>(base);
    return this.emit({ kind: 'seq', start: first, end, tag: null, flow: false, items });
  }

  /**
   * The content after `- ` on a line, at column > `parent`: a compact sequence or map (`- - a`,
   * `- k: v`), or a scalar or flow collection alone on its line.
   */
  private inlineNode(i: number, parent: number): YNode {
    const c = this.at(i);
    if (c === DASH && isBlank(this.at(i + 1))) return this.blockSeq(i, this.column(i));
    if (this.keyAhead(i)) return this.blockMap(i, this.column(i));
    const node = this.inlineValue(i);
    const next = this.contentFrom(this.endOfLine(node.end));
    if (next < this.end && this.column(next) > parent) throw GIVE_UP;
    this.next = next;
    return node;
  }

  /** True when a key and `:` start at `i` (the line holds `key: …`). */
  private keyAhead(i: number): boolean {
    const c = this.at(i);
    let j: number;
    if (c === DQUOTE || c === QUOTE) {
      j = this.quotedEnd(i);
      while (this.at(j) === SPACE) j++;
    } else {
      if (!this.canStartPlain(i, false)) return false;
      this.plainEnd(i, false);
      j = this.stop;
    }
    return this.at(j) === COLON && isBlank(this.at(j + 1));
  }

  private blockMap(first: number, indent: number): YMap {
    this.open(first);
    const base = pending.length;
    let duplicates: YNode[] | null = null;
    let end = first + 1;
    let i = first;
    let next: number;
    for (;;) {
      const key = this.key(i);
      // `key.end` is past the key's text; the `:` follows after spaces.
      let j = key.end;
      while (this.at(j) === SPACE) j++;
      if (this.at(j) !== COLON || !isBlank(this.at(j + 1))) throw GIVE_UP;
      j++;
      while (this.at(j) === SPACE) j++;
      const c = this.at(j);
      let value: YNode;
      if (c === LF || c < 0 || (c === HASH && this.s.charCodeAt(j - 1) === SPACE)) {
        next = this.contentFrom(c === HASH ? this.nextLine(j) : Math.min(j + 1, this.end));
        const col = next < this.end ? this.column(next) : -1;
        if (col > indent) {
          value = this.blockNodeAt(next, col, indent);
          next = this.next;
        } else if (col === indent && this.at(next) === DASH && isBlank(this.at(next + 1))) {
          // A sequence under a key at the key's own indentation.
          value = this.blockSeq(next, indent);
          next = this.next;
        } else {
          value = this.emit(this.implicitEmpty());
        }
      } else {
        value = this.inlineValue(j);
        next = this.contentFrom(this.endOfLine(value.end));
      }
      if (isDuplicate(base, key)) (duplicates ??= []).push(key);
      pending.push({ key, value });
      if (value.end > end) end = value.end;
      if (next >= this.end) break;
      const col = this.column(next);
      if (col > indent) throw GIVE_UP;
      if (col < indent) break;
      i = next;
    }
    this.depth--;
    this.next = next;
    return this.emit({
      kind: 'map',
      start: first,
      end,
      tag: null,
      flow: false,
      entries: takePending<YMapEntry>(base),
      duplicates: duplicates ?? NO_DUPLICATES,
    });
  }

  /** A block mapping key: a one-line quoted or plain scalar. */
  private key(i: number): YScalar {
    const c = this.at(i);
    let node: YScalar;
    if (c === DQUOTE || c === QUOTE) node = this.quoted(i);
    else if (this.canStartPlain(i, false)) node = this.plain(i, false);
    else throw GIVE_UP;
    if (node.end - node.start > MAX_KEY) throw GIVE_UP;
    return node;
  }

  /** A scalar or flow collection that must end on its line. */
  private inlineValue(i: number): YNode {
    const c = this.at(i);
    if (c === DQUOTE || c === QUOTE) return this.quoted(i);
    if (c === 91 || c === 123) return this.flow(i);
    if (!this.canStartPlain(i, false)) throw GIVE_UP;
    const node = this.plain(i, false);
    // `a: b: c` is an error; a plain value ends at a line end or a comment.
    if (this.at(node.end) !== LF && !(node.end >= this.end)) {
      let j = node.end;
      while (this.at(j) === SPACE) j++;
      if (this.at(j) === COLON) throw GIVE_UP;
    }
    return node;
  }

  private canStartPlain(i: number, inFlow: boolean): boolean {
    const c = this.at(i);
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
      const n = this.at(i + 1);
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
    while (j < limit) {
      const c = s.charCodeAt(j);
      if (c === LF) break;
      if (c === COLON) {
        const n = j + 1 < limit ? s.charCodeAt(j + 1) : -1;
        if (isBlank(n) || (inFlow && isFlowIndicator(n))) break;
      } else if (c === HASH) {
        if (s.charCodeAt(j - 1) === SPACE) break;
      } else if (inFlow && isFlowIndicator(c)) break;
      if (c !== SPACE) end = j + 1;
      j++;
    }
    this.stop = j;
    return end;
  }

  private plain(i: number, inFlow: boolean): YScalar {
    // A plain scalar continued on the next line (or a block context key/value split across
    // lines) is left to js-yaml: the caller checks the indentation of the next content line.
    const end = this.plainEnd(i, inFlow);
    return this.emit({
      kind: 'scalar',
      start: i,
      end,
      tag: null,
      text: interned(this.s, i, end),
      style: 'plain',
      implicitEmpty: false,
    });
  }

  /** Offset just past the closing quote of a one-line quoted scalar starting at `i`. */
  private quotedEnd(i: number): number {
    const s = this.s;
    const limit = this.end;
    const q = s.charCodeAt(i);
    let j = i + 1;
    for (;;) {
      const c = j < limit ? s.charCodeAt(j) : -1;
      if (c < 0 || c === LF) throw GIVE_UP;
      if (c === q) {
        if (q === QUOTE && this.at(j + 1) === QUOTE) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      if (q === DQUOTE && c === BACKSLASH) {
        const e = this.at(j + 1);
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
          const h = this.at(j + 2 + k);
          const hex = (h >= 48 && h <= 57) || ((h | 32) >= 97 && (h | 32) <= 102);
          if (!hex) throw GIVE_UP;
        }
        j += 2 + digits;
        continue;
      }
      j++;
    }
  }

  private quoted(i: number): YScalar {
    const q = this.s.charCodeAt(i);
    const end = this.quotedEnd(i);
    // Quoted label values repeat as plain ones do: the same string for the same text.
    const raw = interned(this.s, i + 1, end - 1);
    let text = raw;
    if (q === QUOTE) {
      if (raw.includes("'")) text = raw.replaceAll("''", "'");
    } else if (raw.includes('\\')) {
      text = getScalarValue(this.s, escapedScalar(i + 1, end - 1));
    }
    return this.emit({
      kind: 'scalar',
      start: i,
      end,
      tag: null,
      text,
      style: q === QUOTE ? 'single' : 'double',
      implicitEmpty: false,
    });
  }

  private skipFlowSpace(i: number): number {
    let j = i;
    while (this.at(j) === SPACE) j++;
    return j;
  }

  /** A flow collection that opens and closes on one line, with no empty or trailing entries. */
  private flow(i: number): YNode {
    const isMap = this.s.charCodeAt(i) === 123;
    const close = isMap ? 125 : 93;
    this.open(i);
    const base = pending.length;
    let duplicates: YNode[] | null = null;
    let j = this.skipFlowSpace(i + 1);
    if (this.at(j) !== close) {
      for (;;) {
        const item = this.flowItem(j);
        j = this.skipFlowSpace(item.end);
        if (isMap) {
          if (item.kind !== 'scalar' || this.at(j) !== COLON) throw GIVE_UP;
          j = this.skipFlowSpace(j + 1);
          const value = this.flowItem(j);
          j = this.skipFlowSpace(value.end);
          if (isDuplicate(base, item)) (duplicates ??= []).push(item);
          pending.push({ key: item, value });
        } else {
          // `[a: b]` is a single-pair map inside the sequence: leave it to js-yaml.
          if (this.at(j) === COLON) throw GIVE_UP;
          pending.push(item);
        }
        const c = this.at(j);
        if (c === close) break;
        if (c !== 44) throw GIVE_UP;
        j = this.skipFlowSpace(j + 1);
        // A trailing comma, or an empty entry.
        if (this.at(j) === close || this.at(j) === 44) throw GIVE_UP;
      }
    }
    this.depth--;
    const end = j + 1;
    if (isMap) {
      const entries = takePending<YMapEntry>(base);
      return this.emit({
        kind: 'map',
        start: i,
        end,
        tag: null,
        flow: true,
        entries,
        duplicates: duplicates ?? NO_DUPLICATES,
      });
    }
    const items = takePending<YNode>(base);
    return this.emit({ kind: 'seq', start: i, end, tag: null, flow: true, items });
  }

  private flowItem(i: number): YNode {
    const c = this.at(i);
    if (c === DQUOTE || c === QUOTE) return this.quoted(i);
    if (c === 91 || c === 123) return this.flow(i);
    if (!this.canStartPlain(i, true)) throw GIVE_UP;
    return this.plain(i, true);
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
  // Within a clean range, only a surrogate at the document's edge can read differently alone.
  const edge =
    checked &&
    end > contentStart &&
    (isLowSurrogate(text.charCodeAt(contentStart)) || isHighSurrogate(text.charCodeAt(end - 1)));
  if ((!checked || edge) && UNSUPPORTED_CHAR.test(text.slice(contentStart, end))) return undefined;
  try {
    return new FastParser(text, end, Math.min(MAX_DEPTH, maxDepth - 1)).parseDocument(contentStart);
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  } finally {
    pending.length = 0;
  }
}

/** Tests: whether the subset check would even look at this text. */
export const fastUnsupportedChar = (text: string): boolean => UNSUPPORTED_CHAR.test(text);

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
