// The worker's answer to a parse request and the page's copy of it (pure). A typed character must
// not cost the page a copy of the whole workspace: the reply carries the YAML trees of no document
// (the page reads one from the text when it needs it), and only the objects that changed since a
// reply the page still has.
import type { ParsedDocument, ParsedStream, YNode } from '../yaml/yaml-tree.ts';
import { documentTreeAt, hasTree, parseYamlStream } from '../yaml/yaml-tree.ts';
import { provenanceOf } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import type { DocumentSpan } from '../model/types.ts';

/** The arrays of a read that the reply sends as changes against an earlier reply. */
const LISTS = [
  'documents',
  'namespaces',
  'workloads',
  'policies',
  'clusterPolicies',
  'others',
  'diagnostics',
] as const;
type ListName = (typeof LISTS)[number];

/** A document as sent: its span and problems, and whether it has a tree (not the tree). */
export interface ReplyDocument {
  readonly span: DocumentSpan;
  readonly problems: ParsedDocument['problems'];
  readonly tree: boolean;
}

/** What the page's copy of a read is made of (every list whole). */
export type PageRead = Omit<ReadResult, 'lines' | 'resume' | 'stream'> & {
  readonly stream: { readonly bom: boolean; readonly documents: readonly ReplyDocument[] };
};

/**
 * A list as changes against the same list of the base reply: `same[i]` is the index of item i in
 * the base list, or -1 for the next of `fresh`; `moved[i]` (when not 0) the entry of `moves` to
 * apply to that base item: a document below an edit is the same document, moved down the text (an
 * object in it is the same object, renumbered only when documents were added or removed above).
 */
export interface ListChanges<T> {
  readonly same: Int32Array;
  readonly moved: Uint16Array;
  readonly moves: readonly Move[];
  /**
   * The fields of a moved object that are not the base's own (the rest are the very same parts:
   * an object taken over below an edit shares all but its place in the text).
   */
  readonly movedFields: readonly string[];
  readonly fresh: readonly T[];
}

/**
 * How far an object moved: its document index, its text offsets and its line numbers shifted by
 * these amounts. Which fields are which is told by their names (`POSITION`).
 */
export type Move = readonly [document: number, offset: number, line: number];

/** The numeric fields that say where something is, and which kind of position each is. */
const POSITION: Readonly<Record<string, 0 | 1 | 2>> = {
  document: 0,
  index: 0,
  start: 1,
  end: 1,
  contentStart: 1,
  offset: 1,
  line: 2,
  endLine: 2,
};

const isPosition = (key: string): boolean => Object.prototype.hasOwnProperty.call(POSITION, key);

type Lists = { readonly [K in ListName]: readonly unknown[] };

export interface PageReply {
  /** This reply's number; a later request may name it as its base. */
  readonly seq: number;
  /** The reply the lists are changes against, or null: the lists are whole (`same` all -1). */
  readonly base: number | null;
  readonly rest: Omit<PageRead, ListName | 'stream'> & { readonly bom: boolean };
  readonly lists: { readonly [K in ListName]: ListChanges<unknown> };
}

/**
 * Whether `a` is `b` moved: equal plain data (objects, arrays, Maps, scalars) except that each
 * position field (`POSITION`) of `a` is that of `b` plus the move's amount for its kind, the same
 * amount for every field of a kind. `move` is filled in as the first field of each kind is met
 * (null: not met yet); amounts given beforehand are held (zeros: plain equality).
 */
function sameMoved(a: unknown, b: unknown, move: (number | null)[], key = ''): boolean {
  if (typeof a === 'number' && typeof b === 'number' && isPosition(key)) {
    const kind = POSITION[key] as number;
    const by = move[kind];
    if (by === null) {
      move[kind] = a - b;
      return true;
    }
    return a - b === by;
  }
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameMoved(a[i], b[i], move)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !sameMoved(v, b.get(k), move)) return false;
    return true;
  }
  // for-in, not Object.keys: two arrays per object compared were most of what a keystroke's
  // reply allocated (~5 MB at 5,000 workloads). The model's objects are plain: no inherited keys.
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const k in x) {
    if (!Object.prototype.hasOwnProperty.call(y, k) || !sameMoved(x[k], y[k], move, k))
      return false;
    count++;
  }
  for (const _ in y) count--;
  return count === 0;
}

/** `x` moved by `move`: the parts without a position field are shared, not copied. */
export function moveData<T>(x: T, move: Move, key = ''): T {
  if (typeof x === 'number')
    return (isPosition(key) ? x + (move[POSITION[key] as number] as number) : x) as T;
  if (typeof x !== 'object' || x === null) return x;
  if (Array.isArray(x)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < x.length; i++) {
      const v = moveData(x[i] as unknown, move);
      if (v !== x[i]) (out ??= [...x])[i] = v;
    }
    return (out ?? x) as T;
  }
  if (x instanceof Map) {
    let out: Map<unknown, unknown> | undefined;
    for (const [k, v] of x) {
      const m = moveData(v as unknown, move);
      if (m !== v) (out ??= new Map(x)).set(k, m);
    }
    return (out ?? x) as T;
  }
  let out: Record<string, unknown> | undefined;
  // for-in: no keys array per object (the model's objects are plain, with no inherited keys).
  for (const k in x) {
    const v = (x as Record<string, unknown>)[k];
    const m = moveData(v, move, k);
    if (m !== v) (out ??= { ...(x as Record<string, unknown>) })[k] = m;
  }
  return (out ?? x) as T;
}

/** `x` moved by `move`, looking only into `fields` when it is an object. */
function moveFields<T>(x: T, move: Move, fields: readonly string[]): T {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || x instanceof Map)
    return moveData(x, move);
  const out = { ...(x as Record<string, unknown>) };
  for (const k of fields) if (k in out) out[k] = moveData(out[k], move, k);
  return out as T;
}

/**
 * `next` as changes against `base`. An item is looked for at its own index, then at its index
 * shifted by the change in length (objects inserted or removed above it); either may have moved.
 */
export function listChanges<T>(
  next: readonly T[],
  base: readonly T[] | undefined,
  /**
   * Items the read says are base items moved (taken over below an edit): `of(i)` is the index in
   * `base` of what `next[i]` is, moved by `by`, or -1. They are not compared.
   */
  taken?: { readonly of: (i: number) => number; readonly by: Move },
): ListChanges<T> {
  const same = new Int32Array(next.length).fill(-1);
  const moved = new Uint16Array(next.length);
  const moves: Move[] = [[0, 0, 0]];
  const movedFields = new Set<string>();
  const fresh: T[] = [];
  const shift = base ? base.length - next.length : 0;
  // One scratch move for every comparison, and each distinct move kept once.
  const move: (number | null)[] = [null, null, null];
  const match = (i: number, j: number): boolean => {
    if (!base || j < 0 || j >= base.length) return false;
    move[0] = move[1] = move[2] = null;
    if (!sameMoved(next[i], base[j], move)) return false;
    return record(i, j, move[0] ?? 0, move[1] ?? 0, move[2] ?? 0);
  };
  /** `next[i]` is `base[j]` moved by (d, o, l). */
  const record = (i: number, j: number, d: number, o: number, l: number): boolean => {
    if (!base) return false;
    same[i] = j;
    if (d === 0 && o === 0 && l === 0) return true;
    let k = moves.length - 1;
    for (; k >= 0; k--) {
      const m = moves[k] as Move;
      if (m[0] === d && m[1] === o && m[2] === l) break;
    }
    if (k < 0) {
      // More distinct moves than an index can name: send the item whole.
      if (moves.length > 0xffff) {
        same[i] = -1;
        return false;
      }
      k = moves.push([d, o, l]) - 1;
    }
    moved[i] = k;
    const a = next[i] as Record<string, unknown>;
    const b = base[j] as Record<string, unknown>;
    if (typeof a === 'object' && a !== null && !Array.isArray(a))
      for (const key in a) if (a[key] !== b[key] && !movedFields.has(key)) movedFields.add(key);
    return true;
  };
  for (let i = 0; i < next.length; i++) {
    const j = taken && base ? taken.of(i) : -1;
    if (taken && j >= 0 && j < (base?.length ?? 0)) {
      if (record(i, j, ...taken.by)) continue;
    } else if (match(i, i) || (shift !== 0 && match(i, i + shift))) continue;
    fresh.push(next[i] as T);
  }
  return { same, moved, moves, movedFields: [...movedFields], fresh };
}

/** The list `changes` stand for, given the base list; the base list itself when nothing changed. */
export function applyListChanges<T>(
  changes: ListChanges<T>,
  base: readonly T[] | undefined,
): readonly T[] {
  const { same, moved, moves, movedFields, fresh } = changes;
  if (
    base &&
    fresh.length === 0 &&
    same.length === base.length &&
    same.every((j, i) => j === i && moved[i] === 0)
  )
    return base;
  const out: T[] = new Array<T>(same.length);
  let k = 0;
  for (let i = 0; i < same.length; i++) {
    const j = same[i] as number;
    if (j >= 0) {
      if (!base || j >= base.length) throw new Error('a parse reply names a missing base item');
      const m = moved[i] as number;
      out[i] = m === 0 ? (base[j] as T) : moveFields(base[j] as T, moves[m] as Move, movedFields);
    } else out[i] = fresh[k++] as T;
  }
  return out;
}

function listsOf(read: PageRead): Lists {
  return {
    documents: read.documents,
    namespaces: read.namespaces,
    workloads: read.workloads,
    policies: read.policies,
    clusterPolicies: read.clusterPolicies ?? [],
    others: read.others,
    diagnostics: read.diagnostics,
  };
}

/** The page's part of a read: no trees, no resume state, no line index (the page builds its own). */
export function pageRead(read: ReadResult): PageRead {
  const { resume: _resume, lines: _lines, stream, ...rest } = read;
  return {
    ...rest,
    stream: {
      bom: stream.bom,
      documents: stream.documents.map((d) => ({
        span: d.span,
        problems: d.problems,
        tree: hasTree(d),
      })),
    },
  };
}

/**
 * The worker's side: encodes reads as replies, each as changes against the base the request
 * names when it still has that reply (the last few are kept).
 */
export function replyEncoder(keep = 4) {
  const sent = new Map<
    number,
    Lists & {
      readonly streamDocuments: readonly ReplyDocument[];
      /** The read's number (`provenanceOf`), which a later read's `Taken.from` names. */
      readonly serial: number | undefined;
    }
  >();
  let seq = 0;
  return (read: ReadResult, base: number | null): PageReply => {
    const page = pageRead(read);
    const lists = listsOf(page);
    const from = base === null ? undefined : sent.get(base);
    const current = {
      ...lists,
      streamDocuments: page.stream.documents,
      serial: provenanceOf(read)?.serial,
    };
    seq++;
    sent.set(seq, current);
    for (const k of sent.keys()) if (sent.size > keep && k !== seq) sent.delete(k);
    const {
      documents: _d,
      namespaces: _n,
      workloads: _w,
      policies: _p,
      clusterPolicies: _c,
      others: _o,
      diagnostics: _g,
      stream,
      ...rest
    } = page;
    // What the read took over from the read the page has: sent as moved, not compared.
    const taken = provenanceOf(read)?.taken;
    const hint = taken && from && from.serial === taken.from ? taken : undefined;
    const documents = page.stream.documents;
    const firstTaken = documents.length - (hint?.documents ?? 0);
    const toBase = (from?.streamDocuments.length ?? 0) - documents.length;
    const changes = {} as Record<ListName, ListChanges<unknown>>;
    for (const name of LISTS)
      changes[name] =
        // The documents' spans ride with the stream's documents, one per span.
        name === 'documents'
          ? listChanges(
              documents,
              from?.streamDocuments,
              hint && {
                of: (i) => (i >= firstTaken ? i + toBase : -1),
                // A document has no line numbers: moved by its index and its offsets.
                by: [hint.by[0], hint.by[1], 0],
              },
            )
          : name === 'workloads'
            ? listChanges(
                lists.workloads,
                from?.workloads,
                // Renumbered only: an object keeps its range as read (`Workspace.documentMoves`).
                hint && { of: (i) => hint.workloads[i] ?? -1, by: [hint.by[0], 0, 0] },
              )
            : listChanges(lists[name], from?.[name]);
    return {
      seq,
      base: from ? (base as number) : null,
      rest: { ...rest, bom: stream.bom },
      lists: changes,
    };
  };
}

/**
 * The page's side: turns replies back into whole reads, keeping the last few for the replies that
 * name them as their base. `base()` is what the next request should name.
 */
export function replyDecoder(keep = 4) {
  const received = new Map<number, PageRead>();
  let latest: number | null = null;
  return {
    base: (): number | null => latest,
    /** Undefined when the reply's base is gone (ask again without a base). */
    decode(reply: PageReply): PageRead | undefined {
      const from = reply.base === null ? undefined : received.get(reply.base);
      if (reply.base !== null && !from) return undefined;
      const baseLists = from ? listsOf(from) : undefined;
      const list = <T>(name: Exclude<ListName, 'documents'>): readonly T[] =>
        applyListChanges(reply.lists[name], baseLists?.[name]) as readonly T[];
      const documents = applyListChanges(
        reply.lists.documents,
        from?.stream.documents,
      ) as readonly ReplyDocument[];
      const { bom, ...rest } = reply.rest;
      const read: PageRead = {
        ...rest,
        documents: documents.map((d) => d.span),
        namespaces: list('namespaces'),
        workloads: list('workloads'),
        policies: list('policies'),
        clusterPolicies: list('clusterPolicies'),
        others: list('others'),
        diagnostics: list('diagnostics'),
        stream: { bom, documents },
      };
      received.set(reply.seq, read);
      for (const k of received.keys())
        if (received.size > keep && k !== reply.seq) received.delete(k);
      latest = reply.seq;
      return read;
    },
  };
}

/**
 * A document of the page's copy: its tree is read from the text the first time it is asked for
 * (rewriting a policy in place, pointing into it), the same tree the worker had.
 */
class PageDocument implements ParsedDocument {
  private tree: YNode | null | undefined = undefined;
  constructor(
    private readonly text: string,
    readonly span: DocumentSpan,
    readonly problems: ParsedDocument['problems'],
    private readonly hasTree: boolean,
    private readonly whole: () => ParsedStream,
  ) {}
  get root(): YNode | null {
    if (this.tree === undefined) {
      if (!this.hasTree) this.tree = null;
      else {
        const alone = documentTreeAt(this.text, this.span);
        // Read alone it differs (a directive, a `...` end): only the whole stream gives its tree.
        this.tree =
          alone !== undefined ? alone : (this.whole().documents[this.span.index]?.root ?? null);
      }
    }
    return this.tree;
  }
}

/** The stream of a page's copy of the read of `text`, its trees read on demand. */
export function pageStream(text: string, read: PageRead): ParsedStream {
  let whole: ParsedStream | undefined;
  const stream = () => (whole ??= parseYamlStream(text));
  return {
    bom: read.stream.bom,
    documents: read.stream.documents.map(
      (d) => new PageDocument(text, d.span, d.problems, d.tree, stream),
    ),
  };
}
