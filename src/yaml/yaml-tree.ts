// Parses YAML text into positioned nodes (offsets into the whole workspace text) using js-yaml 5's
// event parser. Untrusted input is bounded: alias expansion has a budget, self-referencing anchors
// and excessive nesting are errors, and keys are kept as data (no object prototype involved).
import { parseEvents, getScalarValue, YAMLException } from 'js-yaml';
import type { ScalarEvent, Event } from 'js-yaml';
import { splitDocuments } from './split-documents.ts';
import { Reindented, remapTree } from './go-yaml-leniency.ts';
import { fastDocumentTree, fastUnsupportedChar, plainDocument } from './fast-yaml-tree.ts';
import type { PlainDocument } from './plain-values.ts';
import type { DocumentSpan } from '../model/types.ts';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

interface NodeBase {
  /** Offset in the whole text where the node (or its tag/anchor) begins. */
  readonly start: number;
  /** Offset just past the node's last character. */
  readonly end: number;
  /** Explicit tag as written (`!!str`, `!foo`), or null. */
  readonly tag: string | null;
}

export interface YScalar extends NodeBase {
  readonly kind: 'scalar';
  /** The decoded string (escapes, folding and chomping applied). */
  readonly text: string;
  readonly style: ScalarStyle;
  /** True for an implicit empty value, as in `key:` with nothing after it. */
  readonly implicitEmpty: boolean;
}

export interface YSeq extends NodeBase {
  readonly kind: 'seq';
  readonly items: readonly YNode[];
  readonly flow: boolean;
}

export interface YMapEntry {
  readonly key: YNode;
  readonly value: YNode;
}

export interface YMap extends NodeBase {
  readonly kind: 'map';
  /** Entries in source order. A duplicate key keeps both entries; see `duplicates`. */
  readonly entries: readonly YMapEntry[];
  readonly flow: boolean;
  /** Keys (scalar text) that occur more than once, with the later key nodes. */
  readonly duplicates: readonly YNode[];
}

export type YNode = YScalar | YSeq | YMap;

export interface YamlProblem {
  readonly message: string;
  readonly offset: number;
  readonly code: string;
}

export interface ParsedDocument {
  readonly span: DocumentSpan;
  /** null: the document is empty, or it failed to parse (then `problems` says why). */
  readonly root: YNode | null;
  readonly problems: readonly YamlProblem[];
}

export interface ParsedStream {
  readonly bom: boolean;
  readonly documents: readonly ParsedDocument[];
}

export interface TreeLimits {
  /** Nesting depth of collections. */
  readonly maxDepth: number;
  /** Total nodes that aliases may expand to in one document. */
  readonly aliasExpansionBudget: number;
  /** Characters of input; above this the text is not parsed. */
  readonly maxInputLength: number;
}

export const DEFAULT_LIMITS: TreeLimits = {
  maxDepth: 200,
  aliasExpansionBudget: 200_000,
  maxInputLength: 32 * 1024 * 1024,
};

const STYLES: Record<number, ScalarStyle> = {
  1: 'plain',
  2: 'single',
  3: 'double',
  4: 'literal',
  5: 'folded',
};

class TreeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly code: string,
  ) {
    super(message);
  }
}

interface Frame {
  readonly kind: 'seq' | 'map';
  readonly start: number;
  readonly tag: string | null;
  readonly anchor: string | null;
  readonly flow: boolean;
  readonly children: YNode[];
  end: number;
}

/** Counts the nodes of a subtree, once per node object (aliases share node objects). */
function subtreeSize(node: YNode, memo: WeakMap<YNode, number>): number {
  const known = memo.get(node);
  if (known !== undefined) return known;
  let size = 1;
  if (node.kind === 'seq') for (const item of node.items) size += subtreeSize(item, memo);
  else if (node.kind === 'map')
    for (const e of node.entries) size += subtreeSize(e.key, memo) + subtreeSize(e.value, memo);
  memo.set(node, size);
  return size;
}

function buildMap(frame: Frame): YMap {
  const entries: YMapEntry[] = [];
  const duplicates: YNode[] = [];
  const children = frame.children;
  // Small maps (nearly all of them) compare keys pairwise; large ones use a set.
  const seen = children.length > 32 ? new Set<string>() : null;
  for (let i = 0; i + 1 < children.length; i += 2) {
    const key = children[i] as YNode;
    const value = children[i + 1] as YNode;
    if (key.kind === 'scalar') {
      if (seen) {
        if (seen.has(key.text)) duplicates.push(key);
        seen.add(key.text);
      } else {
        for (let j = 0; j < i; j += 2) {
          const other = children[j] as YNode;
          if (other.kind === 'scalar' && other.text === key.text) {
            duplicates.push(key);
            break;
          }
        }
      }
    }
    entries.push({ key, value });
  }
  return {
    kind: 'map',
    start: frame.start,
    end: frame.end,
    tag: frame.tag,
    flow: frame.flow,
    entries,
    duplicates,
  };
}

function treeFromEvents(
  events: readonly Event[],
  source: string,
  base: number,
  limits: TreeLimits,
): YNode | null {
  const anchors = new Map<string, YNode>();
  const open = new Set<string>();
  const sizes = new WeakMap<YNode, number>();
  const stack: Frame[] = [];
  let expanded = 0;
  let root: YNode | null = null;
  let sawDocument = false;

  const tagOf = (e: { tagStart: number; tagEnd: number }) =>
    e.tagStart >= 0 ? source.slice(e.tagStart, e.tagEnd) : null;
  const anchorOf = (e: { anchorStart: number; anchorEnd: number }) =>
    e.anchorStart >= 0 ? source.slice(e.anchorStart, e.anchorEnd) : null;
  // The smallest of the offsets that are set (js-yaml marks absent parts with -1).
  const firstOf = (a: number, b: number, c: number): number => {
    let m = Number.POSITIVE_INFINITY;
    if (a >= 0) m = a;
    if (b >= 0 && b < m) m = b;
    if (c >= 0 && c < m) m = c;
    return m;
  };

  // How far the parse has got (relative offset): where an implicit empty value (`key:`, `-`) sits.
  let cursor = 0;
  const emit = (node: YNode, anchor: string | null) => {
    if (anchor !== null) anchors.set(anchor, node);
    cursor = Math.max(cursor, node.end - base);
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.children.push(node);
      parent.end = Math.max(parent.end, node.end);
    } else if (root === null) {
      root = node;
    }
  };

  for (const e of events) {
    switch (e.type) {
      case 1:
        if (sawDocument) return root; // only the first document of a chunk (after a `...` end marker)
        sawDocument = true;
        break;
      case 2:
      case 3: {
        if (stack.length >= limits.maxDepth) {
          throw new TreeError(
            `nesting is deeper than ${limits.maxDepth} levels`,
            base + e.start,
            'yaml-depth',
          );
        }
        const anchor = anchorOf(e);
        if (anchor !== null) open.add(anchor);
        const start = firstOf(e.start, e.anchorStart, e.tagStart);
        stack.push({
          kind: e.type === 2 ? 'seq' : 'map',
          start: base + start,
          end: base + e.start + 1,
          tag: tagOf(e),
          anchor,
          flow: e.style === 2,
          children: [],
        });
        cursor = Math.max(cursor, e.start + 1);
        break;
      }
      case 4: {
        const s = e as ScalarEvent;
        const implicitEmpty = s.valueStart < 0;
        const text = implicitEmpty ? '' : getScalarValue(source, s);
        const valueStart = implicitEmpty ? Math.max(s.anchorEnd, s.tagEnd, cursor) : s.valueStart;
        const valueEnd = implicitEmpty ? valueStart : s.valueEnd;
        const start = firstOf(valueStart, s.anchorStart, s.tagStart);
        // Quoted scalars: valueStart/End exclude the quotes; widen to cover them.
        const quoted = s.style === 2 || s.style === 3;
        const node: YScalar = {
          kind: 'scalar',
          start: base + (quoted && start === s.valueStart ? start - 1 : start),
          end: base + (quoted ? valueEnd + 1 : valueEnd),
          tag: tagOf(s),
          text,
          style: STYLES[s.style] ?? 'plain',
          implicitEmpty,
        };
        emit(node, anchorOf(s));
        break;
      }
      case 5: {
        const name = source.slice(e.anchorStart, e.anchorEnd);
        if (open.has(name)) {
          throw new TreeError(
            `anchor '${name}' value contains itself`,
            base + e.anchorStart - 1,
            'yaml-alias-cycle',
          );
        }
        const target = anchors.get(name);
        if (!target)
          throw new TreeError(`unknown alias '${name}'`, base + e.anchorStart - 1, 'yaml-syntax');
        expanded += subtreeSize(target, sizes);
        if (expanded > limits.aliasExpansionBudget) {
          throw new TreeError(
            `document contains excessive aliasing (aliases expand to more than ${limits.aliasExpansionBudget} nodes)`,
            base + e.anchorStart - 1,
            'yaml-alias-budget',
          );
        }
        emit(target, null);
        break;
      }
      case 6: {
        const frame = stack.pop();
        if (!frame) break;
        if (frame.anchor !== null) open.delete(frame.anchor);
        if (frame.flow) {
          // Widen a flow collection to its closing bracket.
          let i = frame.end - base;
          while (i < source.length && /[\s,]/.test(source[i] ?? '')) i++;
          if (source[i] === ']' || source[i] === '}') frame.end = base + i + 1;
        }
        const node: YNode =
          frame.kind === 'seq'
            ? {
                kind: 'seq',
                start: frame.start,
                end: frame.end,
                tag: frame.tag,
                flow: frame.flow,
                items: frame.children,
              }
            : buildMap(frame);
        emit(node, frame.anchor);
        break;
      }
    }
  }
  return root;
}

/**
 * go-yaml's words where js-yaml's would mislead: `x: a: b` is "bad indentation" to js-yaml but
 * a second `:` on the line of a plain value, which kubectl reports as below.
 */
function goYamlReason(reason: string, source: string, position: number): string {
  if (
    reason === 'bad indentation of a mapping entry' &&
    source[position] === ':' &&
    /^[\s]?$/.test(source[position + 1] ?? '')
  )
    return 'mapping values are not allowed in this context';
  return reason;
}

function problemFrom(err: unknown, base: number, fallbackOffset: number, source = ''): YamlProblem {
  if (err instanceof TreeError) return { message: err.message, offset: err.offset, code: err.code };
  if (err instanceof YAMLException) {
    const position = err.mark?.position ?? 0;
    const reason = goYamlReason(err.reason || err.message, source, position);
    const code = /maxDepth|nesting/.test(reason) ? 'yaml-depth' : 'yaml-syntax';
    return { message: reason, offset: base + position, code };
  }
  // js-yaml is a third-party parser: any other failure still becomes a located problem.
  return {
    message: `could not parse YAML: ${String(err)}`,
    offset: fallbackOffset,
    code: 'yaml-syntax',
  };
}

/** The leading documents of `reuse` whose spans the new split still has, unchanged. */
function reusable(
  spans: readonly DocumentSpan[],
  reuse: ReusedDocuments | undefined,
): ParsedDocument[] {
  const out: ParsedDocument[] = [];
  if (!reuse) return out;
  // Keep at least one document to parse: a stream-level read needs the last one anyway.
  const limit = Math.min(reuse.count, reuse.documents.length, spans.length - 1);
  for (let i = 0; i < limit; i++) {
    const old = reuse.documents[i];
    const span = spans[i];
    if (
      !old ||
      !span ||
      old.span.start !== span.start ||
      old.span.end !== span.end ||
      old.span.contentStart !== span.contentStart ||
      old.span.empty !== span.empty
    )
      break;
    out.push(old);
  }
  return out;
}

function parseSpan(text: string, span: DocumentSpan, limits: TreeLimits): ParsedDocument {
  if (span.empty) return { span, root: null, problems: [] };
  const chunk = text.slice(span.contentStart, span.end);
  const problems: YamlProblem[] = [];
  const nul = chunk.indexOf('\0');
  if (nul >= 0) {
    return {
      span,
      root: null,
      problems: [
        {
          message: 'control characters are not allowed (a NUL byte)',
          offset: span.contentStart + nul,
          code: 'yaml-syntax',
        },
      ],
    };
  }
  const source = new Reindented(chunk);
  try {
    const events = parseLenient(source, limits);
    const base = span.contentStart;
    let docCount = 0;
    let extra = -1;
    for (const e of events) {
      if (e.type === 1) docCount++;
      else if (docCount === 2 && extra < 0) extra = eventOffset(e);
    }
    if (docCount > 1) {
      // Point at the extra document (or the `...` that ends the first), not at the `---` above.
      const end = /^\.\.\.(?=[ \t\r\n]|$)/m.exec(source.text);
      const at = extra >= 0 ? extra : end ? end.index : 0;
      problems.push({
        message: "more than one document without a '---' separator: kubectl reads only the first",
        offset: base + source.toOriginal(at),
        code: 'yaml-extra-document',
      });
    }
    if (!source.changed)
      return { span, root: treeFromEvents(events, chunk, base, limits), problems };
    const tree = treeFromEvents(events, source.text, 0, limits);
    return {
      span,
      root: tree && remapTree(tree, (o) => base + source.toOriginal(o)),
      problems,
    };
  } catch (err) {
    const problem = problemFrom(err, 0, 0, source.text);
    // "End of the stream" errors sit past the document's last line, which is the next document's
    // `---` (or, for the CLI, another file): keep them on this document's last character.
    let last = chunk.length - 1;
    while (last > 0 && /\s/.test(chunk[last] ?? '')) last--;
    // A tree error from an unchanged text is already absolute (the tree was built in place).
    const relative =
      err instanceof TreeError && !source.changed
        ? problem.offset - span.contentStart
        : source.toOriginal(problem.offset);
    const offset = Math.min(relative, Math.max(0, last));
    problems.push({ ...problem, offset: span.contentStart + offset });
    return { span, root: null, problems };
  }
}

/**
 * Parses, re-indenting the lines go-yaml accepts and js-yaml calls "deficient indentation"
 * (see go-yaml-leniency.ts). Any other error, or one the re-indenting cannot change, is thrown.
 */
function parseLenient(source: Reindented, limits: TreeLimits): Event[] {
  // Each repair fixes one line; a document cannot need more repairs than it has lines.
  let budget = 1 + source.text.split('\n').length;
  for (;;) {
    try {
      return parseEvents(source.text, { maxDepth: limits.maxDepth });
    } catch (err) {
      if (
        budget-- <= 0 ||
        !(err instanceof YAMLException) ||
        err.reason !== 'deficient indentation' ||
        err.mark === undefined ||
        !source.repairAt(err.mark.position)
      )
        throw err;
    }
  }
}

/** The first source offset an event carries, or -1 (an implicit empty document has none). */
function eventOffset(e: Event): number {
  switch (e.type) {
    case 2:
    case 3:
      return e.start;
    case 4: {
      const s = e as ScalarEvent;
      return s.valueStart >= 0 ? s.valueStart : Math.max(s.anchorStart, s.tagStart);
    }
    case 5:
      return e.anchorStart;
    default:
      return -1;
  }
}

/**
 * One parser run over the whole stream is about three times faster than one run per document.
 * It is only used when it parses cleanly and every document falls in its own span; otherwise
 * (syntax errors, `...` markers) the caller parses span by span, which isolates the damage.
 */
/** `from`: parse only the text from this offset (the spans all start there or later). */
function parseWhole(
  full: string,
  spans: readonly DocumentSpan[],
  limits: TreeLimits,
  from = 0,
  to = full.length,
): ParsedDocument[] | null {
  // The fast parser reads the documents in its subset; js-yaml reads the others, one by one, so
  // one document outside the subset does not send its neighbours to the slow path.
  // One test of the whole range for the characters the fast parser leaves to js-yaml, instead of
  // one per document (most streams have none).
  const checked = !fastUnsupportedChar(
    from === 0 && to === full.length ? full : full.slice(from, to),
  );
  const fast = spans.map((span) =>
    span.empty
      ? null
      : fastDocumentTree(full, span.contentStart, span.end, limits.maxDepth, checked),
  );
  const slow = fast.filter((t) => t === undefined).length;
  if (slow === 0) return spans.map((span, i) => ({ span, root: fast[i] ?? null, problems: [] }));
  if (slow === spans.length) return parseWholeSlow(full, spans, limits, from, to);
  const out: ParsedDocument[] = [];
  for (const [i, span] of spans.entries()) {
    const tree = fast[i];
    const doc =
      tree !== undefined
        ? { span, root: tree, problems: [] }
        : parseWholeSlow(full, [span], limits, span.start, span.end)?.[0];
    // A document js-yaml cannot read alone (a directive, a `...` end, an error): read the batch
    // as before the fast parser, so its diagnostics stay exactly what they were.
    if (!doc) return parseWholeSlow(full, spans, limits, from, to);
    out.push(doc);
  }
  return out;
}

function parseWholeSlow(
  full: string,
  spans: readonly DocumentSpan[],
  limits: TreeLimits,
  from: number,
  to: number,
): ParsedDocument[] | null {
  const text = from === 0 && to === full.length ? full : full.slice(from, to);
  if (text.includes('\0')) return null;
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: limits.maxDepth });
  } catch {
    return null;
  }
  const found = new Map<number, ParsedDocument>();
  let i = 0;
  while (i < events.length) {
    let depth = 0;
    let j = i;
    let offset = -1;
    do {
      const e = events[j] as Event;
      if (e.type === 6) depth--;
      else if (e.type === 1 || e.type === 2 || e.type === 3) depth++;
      if (offset < 0) offset = eventOffset(e);
      j++;
    } while (depth > 0 && j < events.length);
    const group = events.slice(i, j);
    i = j;
    if (offset < 0) continue;
    offset += from;
    // The span holding the document: the last one starting at or before its first node.
    let lo = 0;
    let hi = spans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((spans[mid]?.start ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const span = spans[lo];
    if (!span || span.empty || offset >= span.end || found.has(span.index)) return null;
    try {
      found.set(span.index, {
        span,
        root: treeFromEvents(group, text, from, limits),
        problems: [],
      });
    } catch (err) {
      found.set(span.index, {
        span,
        root: null,
        problems: [problemFrom(err, from, span.contentStart)],
      });
    }
  }
  return spans.map((span) => found.get(span.index) ?? { span, root: null, problems: [] });
}

/**
 * Documents of an earlier parse that an edit did not reach: the first `count` of them lie wholly in
 * the text the two versions share from the start, so their trees (absolute offsets included) hold.
 */
export interface ReusedDocuments {
  readonly documents: readonly ParsedDocument[];
  readonly count: number;
  /**
   * The last `count` of `documents` sit in text the new one ends with, `shift` characters later:
   * where the new text splits into the same documents there, they are taken over, moved.
   */
  readonly tail?: { readonly count: number; readonly shift: number };
}

/**
 * A document of an earlier parse taken over where the same text now sits `shift` characters
 * later: its tree is moved when first asked for.
 */
class MovedDocument implements ParsedDocument {
  private moved: YNode | null | undefined = undefined;
  readonly problems: readonly YamlProblem[];
  constructor(
    readonly span: DocumentSpan,
    private readonly from: ParsedDocument,
    private readonly shift: number,
  ) {
    this.problems = from.problems.map((p) => ({ ...p, offset: p.offset + shift }));
  }
  get root(): YNode | null {
    if (this.moved === undefined) {
      const root = this.from.root;
      this.moved = root && remapTree(root, (o) => o + this.shift);
    }
    return this.moved;
  }
  /** Whether it has a tree, without moving it. */
  get hasTree(): boolean {
    return this.moved === undefined ? hasTree(this.from) : this.moved !== null;
  }
  /**
   * `doc` moved by `shift`. A document moved before and never asked for its tree is moved from
   * its original by the sum: keystrokes above it would otherwise stack one wrapper each, and
   * every read walked them all (`hasTree`, the problems), slower with each keystroke.
   */
  static of(span: DocumentSpan, doc: ParsedDocument, shift: number): MovedDocument {
    return doc instanceof MovedDocument && doc.moved === undefined
      ? new MovedDocument(span, doc.from, doc.shift + shift)
      : new MovedDocument(span, doc, shift);
  }
}

/** Whether a document has a tree (it is not empty and it parsed), without building one. */
export function hasTree(doc: ParsedDocument): boolean {
  return doc instanceof MovedDocument ? doc.hasTree : doc.root !== null;
}

/**
 * Parses every document of a stream; a broken document never prevents the others from parsing.
 * With `reuse`, the leading documents of an earlier parse are kept and only the rest is parsed.
 */
export function parseYamlStream(
  text: string,
  limits: TreeLimits = DEFAULT_LIMITS,
  reuse?: ReusedDocuments,
): ParsedStream {
  return parseYamlStreamReusing(text, limits, reuse).stream;
}

/**
 * `parseYamlStream`, saying how many documents at the end were taken over from `reuse.tail`
 * (each the same document, moved) rather than parsed.
 */
export function parseYamlStreamReusing(
  text: string,
  limits: TreeLimits = DEFAULT_LIMITS,
  reuse?: ReusedDocuments,
): { readonly stream: ParsedStream; readonly tail: number } {
  if (text.length > limits.maxInputLength) {
    const span: DocumentSpan = {
      index: 0,
      start: 0,
      end: text.length,
      contentStart: 0,
      empty: false,
    };
    const stream = {
      bom: false,
      documents: [
        {
          span,
          root: null,
          problems: [
            {
              message: `the text is ${text.length} characters long; the limit is ${limits.maxInputLength}`,
              offset: 0,
              code: 'yaml-too-large',
            },
          ],
        },
      ],
    };
    return { stream, tail: 0 };
  }
  const split = splitDocuments(text);
  const kept = reusable(split.documents, reuse);
  const tail = movedTail(split.documents, kept.length, reuse);
  const rest = split.documents.slice(kept.length, split.documents.length - tail.length);
  const to = tail.length > 0 ? (tail[0]?.span.start ?? text.length) : text.length;
  const documents = [
    ...kept,
    ...((rest.length > 0 &&
      parseWhole(text, rest, limits, kept.length === 0 ? 0 : (rest[0]?.start ?? 0), to)) ||
      rest.map((span) => parseSpan(text, span, limits))),
    ...tail,
  ];
  const firstMoved = split.documents.length - tail.length;
  for (const sep of split.separatorContent) {
    // A kept or moved document already carries its separator problem.
    if (sep.document < kept.length || sep.document >= firstMoved) continue;
    const doc = documents[sep.document];
    if (doc) {
      (doc.problems as YamlProblem[]).push({
        message: `invalid Yaml document separator: ${sep.rest}`,
        offset: sep.offset,
        code: 'K1',
      });
    }
  }
  return { stream: { bom: split.bom, documents }, tail: tail.length };
}

/**
 * The documents at the end of the new split that are earlier documents moved (same extent,
 * `shift` later), leaving at least one document after the kept ones to parse.
 */
function movedTail(
  spans: readonly DocumentSpan[],
  keptCount: number,
  reuse: ReusedDocuments | undefined,
): MovedDocument[] {
  const tail = reuse?.tail;
  if (!tail || !reuse) return [];
  const old = reuse.documents;
  const max = Math.min(tail.count, old.length, spans.length - keptCount - 1);
  const out: MovedDocument[] = [];
  for (let k = 0; k < max; k++) {
    const was = old[old.length - 1 - k];
    const span = spans[spans.length - 1 - k];
    if (
      !was ||
      !span ||
      was.span.start + tail.shift !== span.start ||
      was.span.end + tail.shift !== span.end ||
      was.span.contentStart + tail.shift !== span.contentStart ||
      was.span.empty !== span.empty
    )
      break;
    out.push(MovedDocument.of(span, was, tail.shift));
  }
  return out.reverse();
}

/**
 * The read without the fast parser: js-yaml's trees for every document, as `parseYamlStream` gave
 * them before fast-yaml-tree.ts. The reference the fast parser's tests hold it equal to.
 */
export function parseYamlStreamWithJsYaml(
  text: string,
  limits: TreeLimits = DEFAULT_LIMITS,
): ParsedStream {
  const split = splitDocuments(text);
  const spans = split.documents;
  const documents =
    (spans.length > 0 && parseWholeSlow(text, spans, limits, 0, text.length)) ||
    spans.map((span) => parseSpan(text, span, limits));
  for (const sep of split.separatorContent) {
    (documents[sep.document]?.problems as YamlProblem[] | undefined)?.push({
      message: `invalid Yaml document separator: ${sep.rest}`,
      offset: sep.offset,
      code: 'K1',
    });
  }
  return { bom: split.bom, documents };
}

/**
 * Text parsed at once by `parseYamlStreamLean`: enough documents to keep one js-yaml run fast,
 * few enough that the trees waiting to be read stay small (trees alive across a young-generation
 * collection are copied; at 16 KiB a third more was copied on a 5,000-pod dump).
 */
const LEAN_BATCH = 4096;

/**
 * Parses a stream a batch of documents at a time and hands each document to `read` as soon as it
 * is parsed; a document's tree is kept only when `read` returns true. Memory stays near the text's
 * size, whatever the number of documents: for a command reading whole-cluster dumps. There is no
 * cap on the text's length (`limits.maxInputLength` is not applied).
 */
export function parseYamlStreamLean(
  text: string,
  read: (doc: ParsedDocument) => boolean,
  limits: TreeLimits = DEFAULT_LIMITS,
  /**
   * Reads a document from its plain values (plain-values.ts) instead of its tree; false: it needs
   * its tree, which then goes to `read`. Offered only in batches whose every document the fast
   * parser reads without a problem, where each tree is the fast parser's, so it needs nothing
   * of its neighbours.
   */
  readPlain?: (doc: PlainDocument, index: number) => boolean,
): ParsedStream {
  const split = splitDocuments(text);
  const separators = new Map<number, YamlProblem[]>();
  for (const sep of split.separatorContent) {
    const list = separators.get(sep.document) ?? [];
    list.push({
      message: `invalid Yaml document separator: ${sep.rest}`,
      offset: sep.offset,
      code: 'K1',
    });
    separators.set(sep.document, list);
  }
  const documents: ParsedDocument[] = [];
  const spans = split.documents;
  let i = 0;
  while (i < spans.length) {
    const first = spans[i] as DocumentSpan;
    let j = i + 1;
    while (j < spans.length && (spans[j]?.end ?? 0) - first.start <= LEAN_BATCH) j++;
    const batch = spans.slice(i, j);
    const to = batch[batch.length - 1]?.end ?? text.length;
    if (
      readPlain &&
      leanPlainBatch(text, batch, limits, first.start, to, separators, read, readPlain, documents)
    ) {
      i = j;
      continue;
    }
    const parsed =
      parseWhole(text, batch, limits, first.start, to) ??
      batch.map((span) => parseSpan(text, span, limits));
    for (const doc of parsed) {
      const extra = separators.get(doc.span.index);
      const full = extra ? { ...doc, problems: [...doc.problems, ...extra] } : doc;
      const keep = read(full);
      documents.push(
        keep || full.root === null
          ? full
          : { span: full.span, root: null, problems: full.problems },
      );
    }
    i = j;
  }
  return { bom: split.bom, documents };
}

/**
 * A batch of `parseYamlStreamLean` read from plain values where the reader can, from the fast
 * parser's trees where it cannot; false (nothing read) when a document of the batch is outside the
 * plain subset or has a separator problem: then the batch is parsed as before.
 */
function leanPlainBatch(
  text: string,
  batch: readonly DocumentSpan[],
  limits: TreeLimits,
  from: number,
  to: number,
  separators: ReadonlyMap<number, YamlProblem[]>,
  read: (doc: ParsedDocument) => boolean,
  readPlain: (doc: PlainDocument, index: number) => boolean,
  documents: ParsedDocument[],
): boolean {
  // As parseWhole: one test of the batch for the characters the fast parser leaves to js-yaml.
  const checked = !fastUnsupportedChar(text.slice(from, to));
  const plain: (PlainDocument | null)[] = [];
  for (const span of batch) {
    if (separators.has(span.index)) return false;
    if (span.empty) {
      plain.push(null);
      continue;
    }
    const doc = plainDocument(text, span.contentStart, span.end, limits.maxDepth, checked);
    if (!doc) return false;
    plain.push(doc);
  }
  // Every document is in the fast subset: parseWhole would give each its fast tree, no problems.
  for (let k = 0; k < batch.length; k++) {
    const span = batch[k] as DocumentSpan;
    const values = plain[k] ?? null;
    if (values && readPlain(values, span.index)) {
      documents.push({ span, root: null, problems: [] });
      continue;
    }
    const root = values
      ? (fastDocumentTree(text, span.contentStart, span.end, limits.maxDepth, checked) ?? null)
      : null;
    const doc: ParsedDocument = { span, root, problems: [] };
    const keep = read(doc);
    documents.push(keep || root === null ? doc : { span, root: null, problems: [] });
  }
  return true;
}

/** The value of a mapping key, when the key is a scalar. Later duplicates win, as in kubectl. */
export function mapGet(map: YMap, key: string): YNode | undefined {
  return mapEntry(map, key)?.value;
}

/** The entry (key and value), when the key is a scalar. */
export function mapEntry(map: YMap, key: string): YMapEntry | undefined {
  let found: YMapEntry | undefined;
  const entries = map.entries;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as YMapEntry;
    if (e.key.kind === 'scalar' && e.key.text === key) found = e;
  }
  return found;
}

/**
 * The tree of one document of `text`, read alone, as `parseYamlStream` gives it: for a page that
 * got a read without its trees (the worker's reply) and needs one document's. Undefined when
 * js-yaml cannot read the document alone (a directive, a `...` end): then only the whole stream
 * gives its tree.
 */
export function documentTreeAt(
  text: string,
  span: DocumentSpan,
  limits: TreeLimits = DEFAULT_LIMITS,
): YNode | null | undefined {
  if (span.empty) return null;
  const fast = fastDocumentTree(text, span.contentStart, span.end, limits.maxDepth);
  if (fast !== undefined) return fast;
  const slow = parseWholeSlow(text, [span], limits, span.start, span.end);
  return slow ? (slow[0]?.root ?? null) : undefined;
}
