// Reads a workspace text into the model: dispatches each document (and List item) on apiVersion
// group and kind, decodes and validates it as the API server would, applies the defaults, and
// turns every finding into a located diagnostic. Never throws for bad input.
import type {
  ClusterNetworkPolicy,
  ClusterPolicyKind,
  ContainerPort,
  Diagnostic,
  LabelSelector,
  Labels,
  Namespace,
  NetworkPolicy,
  OtherObject,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  Protocol,
  Severity,
  SourceRef,
  TextRange,
  Workload,
  WorkloadKind,
  Workspace,
} from '../model/types.ts';
import { DEFAULT_NAMESPACE, METADATA_NAME_LABEL } from '../model/types.ts';
import { changedRange } from '../model/changed-range.ts';
import { placedRange } from '../model/source-place.ts';
import { EMPTY_SELECTOR, isEmptySelector, labelsFrom, matchesSelector } from '../model/selector.ts';
import { toSelector } from './selector-from.ts';
import { documentTreeAt, parseYamlStreamLean, parseYamlStreamReusing } from './yaml-tree.ts';
import type { ParsedDocument, ParsedStream, YMap, YMapEntry, YNode } from './yaml-tree.ts';
import { LineIndex, lineBreaks } from './text-position.ts';
import { decodeObject, decodePlainObject } from './decode.ts';
import type { Decoded, DecodeIssue, FieldSpec } from './decode.ts';
import { CONTROLLER, CRON_JOB, GENERIC, NAMESPACE, NETWORK_POLICY, POD } from './schemas.ts';
import { validateLabels, validateObjectMeta } from './validate-object-meta.ts';
import type { Finding } from './validate-object-meta.ts';
import { validateNetworkPolicySpec } from './validate-network-policy.ts';
import {
  CLUSTER_POLICY_SCHEMAS,
  decodeSpecOf,
  validateCrd,
} from './validate-cluster-network-policy.ts';
import {
  CLUSTER_POLICY_GROUP,
  CLUSTER_POLICY_KINDS,
  toClusterPolicy,
} from './read-cluster-policy.ts';
import { compareClusterPolicies } from '../model/policy-selection.ts';
import { dns1123Label, goQuote, goValue } from './validation-messages.ts';
import { certainString, isNullScalar, resolveKubernetes } from './scalars.ts';
import { plainServerFields, serverFieldMessage, serverFieldsOf } from './server-fields.ts';
import { PlainMap } from './plain-values.ts';
import type { PlainDocument } from './plain-values.ts';
import type { ServerField, ServerFieldHit } from './server-fields.ts';

export interface ReadOptions {
  /** The namespace of objects without metadata.namespace (kubectl's context namespace). */
  readonly defaultNamespace?: string;
  /**
   * The namespace was given explicitly (`kubectl apply -n`): an object naming another namespace
   * is refused (M10), as kubectl refuses it.
   */
  readonly enforceNamespace?: boolean;
  /**
   * For the CLI's whole-cluster dumps: documents are parsed and read a batch at a time and their
   * trees dropped, there is no incremental-read state, and the text has no length cap (the app
   * keeps one: a browser tab has less memory). `'keep-policies'` keeps the trees of policy
   * documents, for `locate`. The trees of cluster policies are always kept. `'diagnostics'` (the
   * CLI's `validate`) builds no model either: the result's diagnostics and documents are the full
   * read's, its workloads, policies, namespaces and other objects are empty (its cluster policies
   * are kept: a priority tie is a diagnostic).
   */
  readonly lean?: boolean | 'keep-policies' | 'diagnostics';
  /**
   * With `previous`: where the text differs from `base`, the text of that read (the very string):
   * `[start, end)` of it was replaced. Spares comparing the two texts to find the edit; ignored
   * for any other base.
   */
  readonly edit?: { readonly base: string; readonly start: number; readonly end: number };
}

export interface ReadResult extends Workspace {
  readonly stream: ParsedStream;
  readonly lines: LineIndex;
  /** What a later read of an edited text needs to skip the documents before the edit. */
  readonly resume?: ResumeState;
  /**
   * The workload of each Pod whose controller is not in the text (`kubectl get pods` output), by
   * workload id: `namespace/name` of the Deployment (a ReplicaSet's name less its
   * pod-template-hash), or of the owner itself.
   */
  readonly workloadOf: ReadonlyMap<string, string>;
}

/** What the reader had gathered after each document, so a later read can start from there. */
interface Checkpoint {
  readonly diagnostics: number;
  readonly policies: number;
  readonly clusterPolicies: number;
  readonly namespaceObjects: number;
  readonly pending: number;
  readonly others: number;
  readonly seen: number;
  readonly serverFields: number;
}

/** A server-written field met on an object, with where the object is. */
interface ServerFieldSeen {
  readonly hit: ServerFieldHit;
  readonly document: number;
  readonly objectPath: string;
  readonly object: string;
}

/** One kind of server-written field: where it first occurs, on how many objects, of which kinds. */
interface ServerFieldTally {
  readonly first: ServerFieldSeen;
  /** Where the first is, when found as it was met (a streamed read no longer has that text later). */
  readonly at: TextRange | undefined;
  objects: number;
  readonly kinds: Set<string>;
}

const tallyOf = (first: ServerFieldSeen, at?: TextRange): ServerFieldTally => ({
  first,
  at,
  objects: 1,
  kinds: new Set([first.hit.kind]),
});

/** An object the duplicate check recorded. */
interface SeenObject {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly source: SourceRef;
}

interface ResumeState {
  readonly text: string;
  readonly defaultNamespace: string;
  readonly enforceNamespace: boolean;
  /** In reading order (the result's diagnostics are sorted by position). */
  readonly diagnostics: readonly Diagnostic[];
  readonly policies: readonly NetworkPolicy[];
  readonly clusterPolicies: readonly ClusterNetworkPolicy[];
  readonly namespaceObjects: readonly Namespace[];
  readonly pending: readonly Pending[];
  readonly others: readonly OtherObject[];
  /** Every object the duplicate check recorded, in order. */
  readonly seen: readonly SeenObject[];
  readonly serverFields: readonly ServerFieldSeen[];
  readonly checkpoints: readonly Checkpoint[];
  readonly workloads: readonly Workload[];
  /** The workload each object of `pending` became (its index), or -1 (folded into another). */
  readonly workloadAt: Int32Array;
  /** How far each document's objects moved since read (`Workspace.documentMoves`), per checkpoint. */
  readonly moves: readonly number[];
}

/**
 * What a read took over from the read before it, below an edit (`replayRun`): its documents, moved
 * by `by`, and the objects in them, the very objects unless documents were added or removed above
 * (then each is that read's renumbered by `by[0]`, its range as read). The worker's reply sends
 * them as moved without comparing them field by field (src/store/parse-reply.ts).
 */
export interface Taken {
  /** The `serial` of the read taken over from. */
  readonly from: number;
  readonly by: readonly [document: number, offset: number, line: number];
  /** The last this many of the stream's documents are that read's last ones, moved. */
  readonly documents: number;
  /** For each workload, the index of that read's workload it is renumbered, or -1. */
  readonly workloads: Int32Array;
}

let serials = 0;

/**
 * Each read numbered, with what it took over from the read before it: kept beside the read (one
 * entry per read), not in it, so two reads of one text are equal data however they were made.
 */
const provenance = new WeakMap<ResumeState, { readonly serial: number; readonly taken?: Taken }>();

/** A read's number, and what it took over from the read numbered `taken.from`, if anything. */
export function provenanceOf(
  read: ReadResult,
): { readonly serial: number; readonly taken?: Taken } | undefined {
  return read.resume ? provenance.get(read.resume) : undefined;
}

type Obj = Record<string, unknown>;
type Struct = Extract<FieldSpec, { t: 'struct' }>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
/** A missing list reads as this one, shared (every use here only reads it). */
const NO_ITEMS: unknown[] = Object.freeze([]) as unknown as unknown[];
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : NO_ITEMS);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Thrown by a read from plain values where the read needs the tree (a diagnostic to locate):
 * nothing has been recorded yet, and the document is read again from its tree.
 */
const NEEDS_TREE = new Error('this document is read from its tree');

/** An object to read: its positioned tree, or (lean reads) its plain values. */
type ObjectNode = YNode | PlainMap;

/** A kubectl request carries one object; above this the API server answers 413. */
const MAX_OBJECT_BYTES = 3 * 1024 * 1024;

const UNSUPPORTED: Record<string, string> = {
  'cilium.io/CiliumNetworkPolicy': 'Cilium',
  'cilium.io/CiliumClusterwideNetworkPolicy': 'Cilium',
  'projectcalico.org/NetworkPolicy': 'Calico',
  'projectcalico.org/GlobalNetworkPolicy': 'Calico',
  'crd.projectcalico.org/NetworkPolicy': 'Calico',
  'crd.projectcalico.org/GlobalNetworkPolicy': 'Calico',
  // Antrea's own kinds share names with Kubernetes': only the API group tells them apart.
  'crd.antrea.io/ClusterNetworkPolicy': 'Antrea',
  'crd.antrea.io/NetworkPolicy': 'Antrea',
};

const KNOWN: Record<string, { group: string; version: string }> = {
  NetworkPolicy: { group: 'networking.k8s.io', version: 'v1' },
  Namespace: { group: '', version: 'v1' },
  Pod: { group: '', version: 'v1' },
  Deployment: { group: 'apps', version: 'v1' },
  StatefulSet: { group: 'apps', version: 'v1' },
  DaemonSet: { group: 'apps', version: 'v1' },
  ReplicaSet: { group: 'apps', version: 'v1' },
  Job: { group: 'batch', version: 'v1' },
  CronJob: { group: 'batch', version: 'v1' },
};

const KNOWN_BY_LOWER_CASE = new Map(Object.keys(KNOWN).map((k) => [k.toLowerCase(), k]));

/** Walks a field path (`spec.ingress[0].from`) down a node; keys may contain dots (label keys). */
export function nodeAtPath(root: YNode, path: string): { node: YNode; key?: YNode } | undefined {
  if (path === '') return { node: root };
  let node: YNode = root;
  let key: YNode | undefined;
  let rest = path;
  while (rest.length > 0) {
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      const i = Number(rest.slice(1, close));
      if (node.kind !== 'seq' || !node.items[i]) return undefined;
      node = node.items[i];
      key = undefined;
      rest = rest.slice(close + 1).replace(/^\./, '');
      continue;
    }
    if (node.kind !== 'map') return undefined;
    // Prefer the longest key that matches, so `kubernetes.io/metadata.name` is one step.
    let best: { key: YNode; value: YNode; len: number } | undefined;
    for (const e of (node as YMap).entries) {
      if (e.key.kind !== 'scalar') continue;
      const k = e.key.text;
      if (rest === k || rest.startsWith(`${k}.`) || rest.startsWith(`${k}[`)) {
        if (!best || k.length > best.len) best = { key: e.key, value: e.value, len: k.length };
      }
    }
    if (!best) return undefined;
    node = best.value;
    key = best.key;
    rest = rest.slice(best.len).replace(/^\./, '');
  }
  return key ? { node, key } : { node };
}

interface Pending {
  readonly kind: WorkloadKind;
  readonly name: string;
  readonly namespace: string;
  readonly namespaceAssumed: boolean;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly ips: string[];
  readonly hostNetwork: boolean;
  readonly selector: LabelSelector | null;
  readonly owner: { kind: string; name: string } | null;
  readonly source: SourceRef;
}

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  readonly policies: NetworkPolicy[] = [];
  readonly clusterPolicies: ClusterNetworkPolicy[] = [];
  readonly namespaceObjects: Namespace[] = [];
  readonly pending: Pending[] = [];
  readonly others: OtherObject[] = [];
  /**
   * The duplicate check's objects (the document each is in): by kind, then namespace, then name
   * (no key string each).
   */
  private readonly seen = new Map<string, Map<string, Map<string, number>>>();
  private readonly seenBySlashedKey = new Map<string, number>();
  readonly seenLog: SeenObject[] = [];
  readonly serverFields: ServerFieldSeen[] = [];
  /** Lean reads: the server fields met so far, tallied as they come (no list of every hit). */
  private readonly serverFieldTally = new Map<ServerField, ServerFieldTally>();
  readonly checkpoints: Checkpoint[] = [];
  /**
   * Beside each checkpoint, how far that document's objects moved since they were read: its
   * offsets, then its lines (`Workspace.documentMoves`).
   */
  readonly moves: number[] = [];
  /** Without a model: the objects read (what the model would have held some of). */
  objectsRead = 0;
  /** The earlier read taken over from: its first `keptPending` objects are the same ones. */
  private earlier: ResumeState | undefined;
  private keptPending = 0;
  /** Runs of `pending` taken over (moved) from the earlier read's. */
  private readonly takenPending: { newStart: number; oldStart: number; count: number }[] = [];
  /** Filled by `workloads`: what each pending object became, and what each workload was. */
  workloadAt = new Int32Array(0);
  workloadsTaken = new Int32Array(0);

  /**
   * A streamed read (`DiagnosticsStream`): `text` and `lines` are one window of the stream at a
   * time, so what outlives a window holds none of its text (the duplicate check's names are
   * copied, a server field's place is found at once).
   */
  streamed = false;

  constructor(
    /** The text read; in a streamed read, the window being read. */
    public text: string,
    public lines: LineIndex,
    readonly defaultNamespace: string,
    readonly enforceNamespace: boolean,
    /** Keep what a later incremental read needs (not for the CLI's lean reads). */
    private readonly resumable = true,
    /**
     * Build the model (false for `validate`: only what a diagnostic needs is read, every
     * validation still runs on the decoded object; cluster policies are kept for their ties).
     */
    private readonly model = true,
  ) {}

  private readonly lineOf = (offset: number): number => this.lines.position(offset).line;

  /** How much each list holds now. */
  private counts(): Checkpoint {
    return {
      diagnostics: this.diagnostics.length,
      policies: this.policies.length,
      clusterPolicies: this.clusterPolicies.length,
      namespaceObjects: this.namespaceObjects.length,
      pending: this.pending.length,
      others: this.others.length,
      seen: this.seenLog.length,
      serverFields: this.serverFields.length,
    };
  }

  /** Records what the documents read so far produced. */
  checkpoint(): void {
    this.checkpoints.push(this.counts());
    this.moves.push(0, 0);
  }

  /** Takes over an earlier read's results for its first `documents` documents. */
  resumeFrom(state: ResumeState, documents: number): void {
    const at = state.checkpoints[documents - 1];
    if (!at) return;
    this.diagnostics.push(...state.diagnostics.slice(0, at.diagnostics));
    this.policies.push(...state.policies.slice(0, at.policies));
    this.clusterPolicies.push(...state.clusterPolicies.slice(0, at.clusterPolicies));
    this.namespaceObjects.push(...state.namespaceObjects.slice(0, at.namespaceObjects));
    this.pending.push(...state.pending.slice(0, at.pending));
    this.earlier = state;
    this.keptPending = at.pending;
    this.others.push(...state.others.slice(0, at.others));
    this.serverFields.push(...state.serverFields.slice(0, at.serverFields));
    for (const entry of state.seen.slice(0, at.seen)) {
      this.remember(entry);
      this.seenLog.push(entry);
    }
    this.checkpoints.push(...state.checkpoints.slice(0, documents));
    for (let i = 0; i < 2 * documents; i++) this.moves.push(state.moves[i] ?? 0);
  }

  /**
   * Whether the documents after the edit can be taken over (`replayRun`): the objects read before
   * them are the same ones, in the same documents, as in the earlier read (so their duplicate
   * checks say the same), and when documents were added or removed above them, none of them was
   * found a duplicate (that warning names a document by its number).
   */
  canReplay(
    state: ResumeState,
    kept: number,
    oldFirst: number,
    seenFrom: number,
    documentShift: number,
  ): boolean {
    const start = kept > 0 ? state.checkpoints[kept - 1] : undefined;
    const end = oldFirst > 0 ? state.checkpoints[oldFirst - 1] : undefined;
    const before = state.seen.slice(start?.seen ?? 0, end?.seen ?? 0);
    const now = this.seenLog.slice(seenFrom);
    if (before.length !== now.length) return false;
    for (let i = 0; i < now.length; i++) {
      const a = before[i] as SeenObject;
      const b = now[i] as SeenObject;
      if (
        a.kind !== b.kind ||
        a.namespace !== b.namespace ||
        a.name !== b.name ||
        a.source.document !== b.source.document
      )
        return false;
    }
    if (documentShift === 0) return true;
    const from = end?.diagnostics ?? 0;
    for (let i = from; i < state.diagnostics.length; i++)
      if (state.diagnostics[i]?.code === 'K9') return false;
    return true;
  }

  /**
   * Whether what an earlier read got from its document `index` can be taken over, the document
   * now sitting moved by `move` (document index, text offset, line) with the same text: not when
   * a message of that document names a line that moved (a decoding error's "line 12: …"); the
   * document is read again then.
   */
  canReplayDocument(state: ResumeState, index: number, move: Move): boolean {
    const from = index > 0 ? state.checkpoints[index - 1] : undefined;
    const to = state.checkpoints[index];
    if (!to) return false;
    if (move.line !== 0)
      for (let i = from?.diagnostics ?? 0; i < to.diagnostics; i++)
        if (/\bline \d/.test(state.diagnostics[i]?.message ?? '')) return false;
    return true;
  }

  /**
   * Takes over what an earlier read got from documents `[first, end)`, each allowed by
   * `canReplayDocument`, moved by `move`, with their checkpoints,
   * in one pass over each list (a keystroke above 5,000 documents took each over on its own, a
   * few slices and a checkpoint apiece: ~20 ms).
   */
  replayRun(state: ResumeState, first: number, end: number, move: Move): void {
    const from = first > 0 ? state.checkpoints[first - 1] : undefined;
    const to = state.checkpoints[end - 1] as Checkpoint;
    const zero = (k: keyof Checkpoint) => from?.[k] ?? 0;
    const base = this.counts();
    // The objects are taken over as they are, their ranges as read: how far their documents
    // moved goes into `moves` (a keystroke above 5,000 documents copied ~10,000 objects to move
    // them, and every later step rebuilt what it had made of each). Only when documents were
    // added or removed above do they move, to their new document number.
    const source = (ref: SourceRef): SourceRef => ({
      document: ref.document + move.document,
      objectPath: ref.objectPath,
      range: ref.range,
    });
    const renumbered = move.document !== 0;
    const sourced = <T extends { readonly source?: SourceRef }>(o: T): T =>
      renumbered && o.source ? { ...o, source: source(o.source) } : o;
    for (const d of state.diagnostics.slice(from?.diagnostics ?? 0, to.diagnostics))
      this.diagnostics.push({
        ...d,
        document: d.document + move.document,
        line: d.line + move.line,
        endLine: d.endLine + move.line,
      });
    for (const p of state.policies.slice(from?.policies ?? 0, to.policies))
      this.policies.push(sourced(p));
    for (const p of state.clusterPolicies.slice(from?.clusterPolicies ?? 0, to.clusterPolicies))
      this.clusterPolicies.push(sourced(p));
    for (const n of state.namespaceObjects.slice(from?.namespaceObjects ?? 0, to.namespaceObjects))
      this.namespaceObjects.push(sourced(n));
    const run = { newStart: this.pending.length, oldStart: from?.pending ?? 0, count: 0 };
    for (const p of state.pending.slice(from?.pending ?? 0, to.pending))
      this.pending.push(sourced(p));
    run.count = this.pending.length - run.newStart;
    if (run.count > 0) this.takenPending.push(run);
    this.earlier = state;
    for (const o of state.others.slice(from?.others ?? 0, to.others)) this.others.push(sourced(o));
    for (const e of state.seen.slice(from?.seen ?? 0, to.seen)) {
      const moved = renumbered ? { ...e, source: source(e.source) } : e;
      this.remember(moved);
      this.seenLog.push(moved);
    }
    for (const f of state.serverFields.slice(from?.serverFields ?? 0, to.serverFields)) {
      const key = f.hit.key;
      this.serverFields.push({
        ...f,
        document: f.document + move.document,
        hit: {
          ...f.hit,
          key: { ...key, start: key.start + move.offset, end: key.end + move.offset },
        },
      });
    }
    // Each document's checkpoint: its old one, shifted by where the run now starts.
    const keys = Object.keys(base) as (keyof Checkpoint)[];
    for (let k = first; k < end; k++) {
      const cp = state.checkpoints[k] as Checkpoint;
      const moved = { ...base };
      for (const key of keys) moved[key] = base[key] + cp[key] - zero(key);
      this.checkpoints.push(moved);
      this.moves.push(
        (state.moves[2 * k] ?? 0) + move.offset,
        (state.moves[2 * k + 1] ?? 0) + move.line,
      );
    }
  }

  private range(node: YNode): TextRange {
    return this.lines.range(node.start, node.end);
  }

  diag(
    severity: Severity,
    code: string,
    message: string,
    document: number,
    at: TextRange,
    extra: { path?: string; objectPath?: string; object?: string } = {},
  ): void {
    this.diagnostics.push({
      severity,
      code,
      message,
      path: extra.path ?? '',
      document,
      line: at.line,
      column: at.column,
      endLine: at.endLine,
      endColumn: at.endColumn,
      ...(extra.objectPath ? { objectPath: extra.objectPath } : {}),
      ...(extra.object ? { object: extra.object } : {}),
    });
  }

  /**
   * Lean reads: a document from its plain values, as `readDocument` reads its tree, when that read
   * has nothing to locate but the object itself. Returns false, having recorded nothing, when it
   * would have (then the tree is read): a diagnostic other than a duplicate's warning, a List, a
   * kind checked against its group, a cluster policy (its tree is kept), a server-written field
   * not met before.
   */
  readPlain(doc: PlainDocument, document: number, keepPolicies: boolean): boolean {
    const root = doc.root;
    const kind = root.get('kind');
    const apiVersion = root.get('apiVersion');
    if (typeof kind !== 'string' || typeof apiVersion !== 'string') return false;
    if (kind.endsWith('List') && root.get('items') !== undefined) return false;
    const slash = apiVersion.indexOf('/');
    const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
    const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
    if (UNSUPPORTED[`${group}/${kind}`] !== undefined) return false;
    // A cluster policy of a known kind reads from its values too (its tree is parsed again only
    // for a priority tie's warning); lint keeps the trees of policies, so it reads the tree.
    let clusterKind: ClusterPolicyKind | undefined;
    if (group === CLUSTER_POLICY_GROUP) {
      clusterKind = keepPolicies ? undefined : CLUSTER_POLICY_KINDS[`${version}/${kind}`];
      if (clusterKind === undefined) return false;
    } else {
      const known = KNOWN[kind];
      if (
        known
          ? known.group !== group || known.version !== version
          : KNOWN_BY_LOWER_CASE.has(kind.toLowerCase())
      )
        return false;
      if (keepPolicies && kind === 'NetworkPolicy') return false;
    }
    if (this.text.length > MAX_OBJECT_BYTES && doc.end - doc.start > MAX_OBJECT_BYTES) return false;
    // Only the first of each kind of server field is located; later ones are counted.
    const fields = plainServerFields(root);
    // Indexed loops here and below: a for-of allocates an iterator (and a result per step) in
    // code not yet optimised, and this runs once per document of a dump.
    for (let i = 0; i < fields.length; i++)
      if (!this.serverFieldTally.has(fields[i] as ServerField)) return false;
    // Without a model (validate) nothing keeps the source: its range is found only for a
    // diagnostic, so a clean dump's line index is built only as far as its first diagnostic.
    const source: SourceRef =
      this.model || clusterKind !== undefined
        ? { document, objectPath: '', range: this.lines.range(doc.start, doc.end) }
        : new LazySource(this.lines, document, doc.start, doc.end);
    try {
      if (clusterKind !== undefined) this.readClusterPolicy(root, clusterKind, apiVersion, source);
      else this.readKind(root, apiVersion, kind, source, { objectPath: '' });
    } catch {
      // NEEDS_TREE comes before anything is recorded; a fault is the tree read's to report.
      return false;
    }
    for (let i = 0; i < fields.length; i++) {
      const tally = this.serverFieldTally.get(fields[i] as ServerField) as ServerFieldTally;
      tally.objects++;
      tally.kinds.add(kind);
    }
    return true;
  }

  /** Decodes an object from its tree, or from its plain values when that has no issue. */
  private decode(
    node: ObjectNode,
    spec: Struct,
    prefix: string,
    lineOf?: (offset: number) => number,
  ): Decoded {
    if (!(node instanceof PlainMap)) return decodeObject(node, spec, prefix, lineOf);
    const decoded = decodePlainObject(node, spec);
    if (!decoded) throw NEEDS_TREE;
    return decoded;
  }

  readDocument(root: YNode, document: number): void {
    // kubectl skips a document that is empty or null once converted to JSON (`---` then `...`,
    // `null`, `~`), as it skips whitespace-only ones.
    if (root.kind === 'scalar' && isNullScalar(root)) return;
    if (root.kind !== 'map') {
      this.diag(
        'error',
        'K4',
        `invalid object to validate: the document is a ${root.kind === 'seq' ? 'list' : 'scalar'}, not an object`,
        document,
        this.range(root),
      );
      return;
    }
    const kindNode = mapText(root, 'kind');
    const items = mapValue(root, 'items');
    if (kindNode?.endsWith('List') && items) {
      if (items.kind !== 'seq') {
        if (!(items.kind === 'scalar' && resolveKubernetes(items).type === 'null')) {
          this.diag(
            'error',
            'K8',
            `${kindNode}: items must be a list`,
            document,
            this.range(items),
            { path: 'items' },
          );
        }
        return;
      }
      // DF10: items of a typed list inherit kind and apiVersion from it.
      const itemKind = kindNode === 'List' ? undefined : kindNode.slice(0, -'List'.length);
      const apiVersion = mapText(root, 'apiVersion');
      items.items.forEach((item, i) =>
        this.readObject(item, document, `items[${i}]`, itemKind, apiVersion),
      );
      return;
    }
    this.readObject(root, document, '', undefined, undefined);
  }

  private readObject(
    node: YNode,
    document: number,
    objectPath: string,
    inheritedKind?: string,
    inheritedApi?: string,
  ): void {
    const at = this.range(node);
    const where = { objectPath };
    if (node.kind !== 'map') {
      this.diag(
        'error',
        'K4',
        'invalid object to validate: a List item must be an object',
        document,
        at,
        where,
      );
      return;
    }
    const kindRaw = mapValue(node, 'kind');
    const apiRaw = mapValue(node, 'apiVersion');
    const kind = mapText(node, 'kind') ?? (kindRaw ? undefined : inheritedKind);
    const apiVersion = mapText(node, 'apiVersion') ?? (apiRaw ? undefined : inheritedApi);
    if (kind === undefined || apiVersion === undefined) {
      const missing = kind === undefined ? 'kind' : 'apiVersion';
      const raw = missing === 'kind' ? kindRaw : apiRaw;
      const message = raw ? `${missing} isn't string type` : `${missing} not set`;
      this.diag('error', 'K5', message, document, raw ? this.range(raw) : at, {
        ...where,
        path: missing,
      });
      return;
    }
    const slash = apiVersion.indexOf('/');
    const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
    const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
    const source: SourceRef = { document, objectPath, range: at };
    this.noteServerFields(node, kind, source);
    const label = UNSUPPORTED[`${group}/${kind}`];
    if (label) {
      const o = this.other(node, apiVersion, kind, true, source);
      const kindAt = kindRaw ? this.range(kindRaw) : at;
      this.diag(
        'warning',
        'K7',
        `unsupported kind ${kind} (${apiVersion}): ${label} policies are not Kubernetes NetworkPolicies and are not evaluated`,
        document,
        kindAt,
        {
          ...where,
          path: 'kind',
          object: `${kind} ${o.namespace ?? ''}${o.namespace ? '/' : ''}${o.name}`,
        },
      );
      return;
    }
    if (group === CLUSTER_POLICY_GROUP) {
      const clusterKind = CLUSTER_POLICY_KINDS[`${version}/${kind}`];
      if (clusterKind) return this.readClusterPolicy(node, clusterKind, apiVersion, source);
      this.diag(
        'error',
        'K6',
        `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`,
        document,
        apiRaw ? this.range(apiRaw) : at,
        { ...where, path: 'apiVersion' },
      );
      this.other(node, apiVersion, kind, false, source);
      return;
    }
    const known = KNOWN[kind];
    // The known kind written in other case (`networkpolicy`); a known kind has no other.
    const caseMatch = known ? undefined : KNOWN_BY_LOWER_CASE.get(kind.toLowerCase());
    if (
      (known && (known.group !== group || known.version !== version)) ||
      (caseMatch && group === KNOWN[caseMatch]?.group)
    ) {
      const kindAt =
        kindRaw && (!known || known.group === group)
          ? this.range(kindRaw)
          : apiRaw
            ? this.range(apiRaw)
            : at;
      this.diag(
        'error',
        'K6',
        `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`,
        document,
        kindAt,
        {
          ...where,
          path: !known || known.group === group ? 'kind' : 'apiVersion',
        },
      );
      this.other(node, apiVersion, kind, false, source);
      return;
    }
    if (this.text.length > MAX_OBJECT_BYTES && node.end - node.start > MAX_OBJECT_BYTES) {
      this.diag(
        'error',
        'K10',
        `Request entity too large: limit is ${MAX_OBJECT_BYTES}`,
        document,
        at,
        where,
      );
    }
    this.readKind(node, apiVersion, kind, source, where);
  }

  /**
   * Reads an object by its kind (NetworkPolicy, Namespace, a workload); any other kind is kept
   * as written, with a note that it is not evaluated (at the object).
   */
  private readKind(
    node: ObjectNode,
    apiVersion: string,
    kind: string,
    source: SourceRef,
    where: { objectPath?: string; object?: string },
  ): void {
    switch (kind) {
      case 'NetworkPolicy':
        return this.readPolicy(node, source);
      case 'Namespace':
        return this.readNamespace(node, source);
      case 'Pod':
      case 'Deployment':
      case 'StatefulSet':
      case 'DaemonSet':
      case 'ReplicaSet':
      case 'Job':
      case 'CronJob':
        return this.readWorkload(node, kind, source);
      default:
        this.other(node, apiVersion, kind, false, source);
        this.diag(
          'info',
          'not-evaluated',
          `${kind} (${apiVersion}) is kept as written but not evaluated`,
          source.document,
          source.range,
          where,
        );
    }
  }

  /** Records the server-written fields of an object, for one summary per kind of field. */
  private noteServerFields(node: YMap, kind: string, source: SourceRef): void {
    const hits = serverFieldsOf(node, kind);
    if (hits.length === 0) return;
    let object: string | undefined;
    const objectName = () => {
      const meta = mapValue(node, 'metadata');
      const name = meta?.kind === 'map' ? (mapText(meta, 'name') ?? '') : '';
      const ns = meta?.kind === 'map' ? mapText(meta, 'namespace') : undefined;
      return `${kind} ${ns ? `${ns}/` : ''}${name}`;
    };
    for (const hit of hits) {
      // A lean read keeps only the tally: every hit after a field's first is a count.
      const tally = this.resumable ? undefined : this.serverFieldTally.get(hit.field);
      if (tally) {
        tally.objects++;
        tally.kinds.add(hit.kind);
        continue;
      }
      const seen = {
        hit,
        document: source.document,
        objectPath: source.objectPath,
        object: (object ??= objectName()),
      };
      if (this.resumable) this.serverFields.push(seen);
      else
        this.serverFieldTally.set(
          hit.field,
          tallyOf(seen, this.streamed ? this.range(hit.key) : undefined),
        );
    }
  }

  /** One warning per kind of server-written field, at its first occurrence. */
  serverFieldSummaries(): Diagnostic[] {
    const byField = new Map(this.serverFieldTally);
    for (const seen of this.serverFields) {
      const entry = byField.get(seen.hit.field);
      if (entry) {
        entry.objects++;
        entry.kinds.add(seen.hit.kind);
      } else {
        byField.set(seen.hit.field, tallyOf(seen));
      }
    }
    return [...byField].map(([field, { first, at: found, objects, kinds }]) => {
      const at = found ?? this.range(first.hit.key);
      return {
        severity: 'warning',
        code: 'M19',
        message: serverFieldMessage(field, objects, kinds),
        path: field === 'metadata.annotations.last-applied' ? 'metadata.annotations' : field,
        document: first.document,
        line: at.line,
        column: at.column,
        endLine: at.endLine,
        endColumn: at.endColumn,
        ...(first.objectPath ? { objectPath: first.objectPath } : {}),
        object: first.object,
      };
    });
  }

  private other(
    node: ObjectNode,
    apiVersion: string,
    kind: string,
    unsupported: boolean,
    source: SourceRef,
  ): OtherObject {
    const d = this.decode(node, GENERIC, '');
    const meta = obj(d.value?.['metadata']);
    const o: OtherObject = {
      apiVersion,
      kind,
      name: str(meta?.['name']) ?? '',
      namespace: str(meta?.['namespace']) ?? null,
      unsupported,
      source,
    };
    if (this.model) this.others.push(o);
    else this.objectsRead++;
    return o;
  }

  /** Turns decode issues and validation findings into located diagnostics. */
  private report(
    decoded: Decoded,
    node: ObjectNode,
    findings: readonly Finding[],
    source: SourceRef,
    object: string,
  ): boolean {
    if (node instanceof PlainMap) {
      // A finding is located in the tree (decoding from plain values had no issue).
      if (findings.length > 0) throw NEEDS_TREE;
      return true;
    }
    let errors = false;
    const extra = (path: string) => ({ path, objectPath: source.objectPath, object });
    for (const issue of decoded.issues) {
      const severity: Severity = issueSeverity(issue);
      if (severity === 'error') errors = true;
      this.diag(
        severity,
        issue.code ?? issueCode(issue),
        issue.message,
        source.document,
        this.range(issue.node),
        extra(issue.path),
      );
    }
    for (const f of findings) {
      if (f.severity === 'error') errors = true;
      const target = this.locate(decoded, node, f.at ?? f.path, f.atKey === true);
      this.diag(f.severity, f.code, f.message, source.document, this.range(target), extra(f.path));
    }
    return !errors;
  }

  private locate(decoded: Decoded, root: YNode, path: string, key: boolean): YNode {
    let p = path;
    for (;;) {
      const found =
        (key ? decoded.keys.get(p) : undefined) ??
        decoded.nodes.get(p) ??
        nodeAtPath(root, p)?.node;
      if (found) return found;
      if (p === '') return root;
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut > 0 ? p.slice(0, cut) : '';
    }
  }

  private namespaceOf(meta: Obj | undefined): { namespace: string; assumed: boolean } {
    const ns = str(meta?.['namespace']);
    return ns
      ? { namespace: ns, assumed: false }
      : { namespace: this.defaultNamespace, assumed: true };
  }

  /** What the request adds: the filled-in namespace must exist (M6) and match `-n` (M10). */
  private requestFindings(meta: Obj | undefined, namespace: string): Finding[] {
    const written = str(meta?.['namespace']);
    if (namespace === '') {
      return [
        {
          severity: 'error',
          code: 'M6',
          path: 'metadata.namespace',
          at: 'metadata',
          message: 'metadata.namespace: Required value',
        },
      ];
    }
    if (this.enforceNamespace && written && written !== this.defaultNamespace) {
      return [
        {
          severity: 'error',
          code: 'M10',
          path: 'metadata.namespace',
          message: `the namespace from the provided object ${goQuote(written)} does not match the namespace ${goQuote(this.defaultNamespace)}. You must pass '--namespace=${written}' to perform this operation.`,
        },
      ];
    }
    return NO_FINDINGS;
  }

  /**
   * Records an object for the duplicate check; returns the document of the one recorded before
   * under its name.
   */
  private remember(o: SeenObject): number | undefined {
    const document = o.source.document;
    // A streamed read keeps copies: a name sliced from a window would keep the whole window.
    const own = this.streamed ? detached : same;
    if (o.namespace.includes('/') || o.name.includes('/')) {
      // The check has always compared `kind/namespace/name` texts, and an invalid name with a
      // slash can meet another that way: such objects keep that key.
      const key = own(`${o.kind}/${o.namespace}/${o.name}`);
      const earlier = this.seenBySlashedKey.get(key);
      this.seenBySlashedKey.set(key, document);
      return earlier;
    }
    let byNamespace = this.seen.get(o.kind);
    if (!byNamespace) this.seen.set(own(o.kind), (byNamespace = new Map()));
    let byName = byNamespace.get(o.namespace);
    if (!byName) byNamespace.set(own(o.namespace), (byName = new Map()));
    const earlier = byName.get(o.name);
    if (earlier === undefined) byName.set(own(o.name), document);
    else byName.set(o.name, document);
    return earlier;
  }

  private duplicateCheck(kind: string, namespace: string, name: string, source: SourceRef): void {
    if (name === '') return;
    const seen: SeenObject = { kind, namespace, name, source };
    const earlier = this.remember(seen);
    if (earlier !== undefined) {
      // Cluster-scoped kinds (Namespace) have no namespace part.
      const label = namespace === '' ? `${kind} ${name}` : `${kind} ${namespace}/${name}`;
      this.diag(
        'warning',
        'K9',
        `${label} is defined again (first in document ${earlier + 1}): on apply the later one replaces the earlier`,
        source.document,
        source.range,
        { objectPath: source.objectPath, object: label },
      );
    }
    if (this.resumable) this.seenLog.push(seen);
  }

  private readPolicy(node: ObjectNode, source: SourceRef): void {
    const decoded = this.decode(
      node,
      NETWORK_POLICY,
      'NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: ',
      this.lineOf,
    );
    const v = decoded.value ?? {};
    const meta = obj(v['metadata']);
    const name = str(meta?.['name']) ?? '';
    const { namespace, assumed } = this.namespaceOf(meta);
    const object = `NetworkPolicy ${namespace}/${name}`;
    const decodeFailed = decoded.issues.some((i) => issueSeverity(i) === 'error');
    // The server stops at a decode error (HTTP 400): validation runs only on a decoded object.
    // One list, the spec's findings added to it (no spreads: this runs for every policy).
    const findings: Finding[] = [];
    if (!decodeFailed) {
      const request = this.requestFindings(meta, namespace);
      for (let i = 0; i < request.length; i++) findings.push(request[i] as Finding);
      const metaFindings = validateObjectMeta(meta, true);
      for (let i = 0; i < metaFindings.length; i++) findings.push(metaFindings[i] as Finding);
      validateNetworkPolicySpec(obj(v['spec']), findings);
    }
    const valid = this.report(decoded, node, findings, source, object);
    this.duplicateCheck('NetworkPolicy', namespace, name, source);
    if (!this.model) {
      this.objectsRead++;
      return;
    }
    const spec = obj(v['spec']) ?? {};
    const types = arr(spec['policyTypes']);
    const egress = arr(spec['egress']);
    const policyTypes =
      types.length > 0
        ? { ingress: types.includes('Ingress'), egress: types.includes('Egress') }
        : { ingress: true, egress: egress.length > 0 };
    this.policies.push({
      id: `${namespace}/${name}`,
      name,
      namespace,
      namespaceAssumed: assumed,
      podSelector: toSelector(obj(spec['podSelector'])) ?? EMPTY_SELECTOR,
      policyTypes,
      policyTypesDefaulted: types.length === 0,
      ingress: toRules(arr(spec['ingress']), 'from'),
      egress: toRules(egress, 'to'),
      valid,
      source,
    });
  }

  /** A policy.networking.k8s.io cluster policy, checked against its CRD as the server would. */
  private readClusterPolicy(
    node: ObjectNode,
    kind: ClusterPolicyKind,
    apiVersion: string,
    source: SourceRef,
  ): void {
    const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
    const schema = CLUSTER_POLICY_SCHEMAS[`${version}/${kind}`];
    if (!schema) return;
    const decoded = this.decode(
      node,
      decodeSpecOf(schema),
      `${kind} in version "${version}" cannot be handled as a ${kind}: `,
      this.lineOf,
    );
    const v = decoded.value ?? {};
    const meta = obj(v['metadata']);
    const name = str(meta?.['name']) ?? '';
    const object = `${kind} ${name}`;
    const decodeFailed = decoded.issues.some((i) => issueSeverity(i) === 'error');
    const findings: Finding[] = decodeFailed
      ? []
      : [...validateObjectMeta(meta, false), ...validateCrd(v, schema)];
    if (!decodeFailed && kind === 'BaselineAdminNetworkPolicy' && name !== '' && name !== 'default')
      findings.push({
        severity: 'error',
        code: 'CNP7',
        path: 'metadata.name',
        message: `metadata.name: Invalid value: "object": Only one baseline admin network policy with metadata.name="default" can be created in the cluster`,
      });
    const valid = this.report(decoded, node, findings, source, object);
    this.duplicateCheck(kind, '', name, source);
    this.clusterPolicies.push(toClusterPolicy(v, kind, apiVersion, valid, source));
  }

  private readNamespace(node: ObjectNode, source: SourceRef): void {
    const decoded = this.decode(
      node,
      NAMESPACE,
      'Namespace in version "v1" cannot be handled as a Namespace: ',
      this.lineOf,
    );
    const meta = obj(decoded.value?.['metadata']);
    const name = str(meta?.['name']) ?? '';
    const findings: Finding[] = [];
    if (name === '') {
      findings.push({
        severity: 'error',
        code: 'M1',
        path: 'metadata.name',
        at: 'metadata',
        message: 'metadata.name: Required value: name or generateName is required',
      });
    }
    for (const m of dns1123Label(name === '' ? 'x' : name)) {
      findings.push({
        severity: 'error',
        code: m.code,
        path: 'metadata.name',
        message: `metadata.name: Invalid value: ${goQuote(name)}: ${m.text}`,
      });
    }
    findings.push(...validateLabels(obj(meta?.['labels']), 'metadata.labels', 'M11', 'M12'));
    this.report(decoded, node, findings, source, `Namespace ${name}`);
    this.duplicateCheck('Namespace', '', name, source);
    if (!this.model) {
      this.objectsRead++;
      return;
    }
    const labels = obj(meta?.['labels']) ?? {};
    this.namespaceObjects.push({
      name,
      // The API server sets kubernetes.io/metadata.name on every namespace.
      labels: labelsFrom([
        ...Object.entries(labels).map(([k, v]) => [k, String(v)] as const),
        [METADATA_NAME_LABEL, name],
      ]),
      inferred: false,
      source,
    });
  }

  private readWorkload(node: ObjectNode, kind: WorkloadKind, source: SourceRef): void {
    const schema: Struct = kind === 'Pod' ? POD : kind === 'CronJob' ? CRON_JOB : CONTROLLER(kind);
    const decoded = this.decode(node, schema, DECODE_PREFIX[kind]);
    const v = decoded.value ?? {};
    const meta = obj(v['metadata']);
    const name = str(meta?.['name']) ?? str(meta?.['generateName']) ?? '';
    const { namespace, assumed } = this.namespaceOf(meta);
    const findings: Finding[] = [];
    // Indexed, no closures or intermediate lists: this runs for every workload of a dump.
    if (!hasErrorIssue(decoded.issues)) {
      const request = this.requestFindings(meta, namespace);
      for (let i = 0; i < request.length; i++) findings.push(request[i] as Finding);
      const metaFindings = validateObjectMeta(meta, true);
      for (let i = 0; i < metaFindings.length; i++) {
        const f = metaFindings[i] as Finding;
        if (f.severity === 'error') findings.push(f);
      }
    }
    const spec = obj(v['spec']) ?? {};
    let template: Obj | undefined;
    let templatePath = '';
    if (kind === 'Pod') {
      template = v;
    } else if (kind === 'CronJob') {
      template = obj(obj(obj(obj(spec['jobTemplate'])?.['spec'])?.['template']));
      templatePath = 'spec.jobTemplate.spec.template';
    } else {
      template = obj(spec['template']);
      templatePath = 'spec.template';
    }
    const podSpec = obj(template?.['spec']);
    const labels = obj(obj(template?.['metadata'])?.['labels']) ?? {};
    if (kind !== 'Pod')
      findings.push(...validateLabels(labels, `${templatePath}.metadata.labels`, 'M11', 'M12'));
    // Without a model only the findings are wanted.
    // Gathered in one reused list and copied out at their size (a pushed-to empty array
    // reserves 16 slots; a pod declares one or two ports).
    const scratch: ContainerPort[] | null = this.model ? PORT_SCRATCH : null;
    if (scratch) scratch.length = 0;
    this.containerPorts(podSpec, 'containers', templatePath, scratch, findings);
    this.containerPorts(podSpec, 'initContainers', templatePath, scratch, findings);
    const ports = scratch ? scratch.slice() : null;
    if (scratch) scratch.length = 0;
    if (!this.model) {
      // Plain values are reported only when clean, and then without the object's label.
      const object = node instanceof PlainMap ? '' : `${kind} ${namespace}/${name}`;
      this.report(decoded, node, findings, source, object);
      this.duplicateCheck(kind, namespace, name, source);
      this.objectsRead++;
      return;
    }
    const status = obj(v['status']);
    const podIP = str(status?.['podIP']);
    const podIPs = arr(status?.['podIPs']);
    // A literal of the one address most pods have (a pushed-to empty array reserves 16 slots).
    const ips: string[] = podIP !== undefined && podIP !== '' ? [podIP] : [];
    for (let i = 0; i < podIPs.length; i++) addIp(ips, str(obj(podIPs[i])?.['ip']));
    this.report(decoded, node, findings, source, `${kind} ${namespace}/${name}`);
    this.duplicateCheck(kind, namespace, name, source);
    const owners = arr(meta?.['ownerReferences']);
    let controller: Obj | undefined;
    for (let i = 0; i < owners.length && !controller; i++) {
      const o = obj(owners[i]);
      if (o?.['controller'] === true) controller = o;
    }
    this.pending.push({
      kind,
      name,
      namespace,
      namespaceAssumed: assumed,
      labels: labelMap(labels),
      ports: ports ?? [],
      ips,
      hostNetwork: podSpec?.['hostNetwork'] === true,
      selector: kind === 'Pod' ? null : (toSelector(obj(spec['selector'])) ?? null),
      owner: controller
        ? { kind: str(controller['kind']) ?? '', name: str(controller['name']) ?? '' }
        : null,
      source,
    });
  }

  /** The declared ports of a pod spec's containers (or initContainers); T8 for a bad protocol. */
  private containerPorts(
    podSpec: Obj | undefined,
    listKey: 'containers' | 'initContainers',
    templatePath: string,
    ports: ContainerPort[] | null,
    findings: Finding[],
  ): void {
    const list = arr(podSpec?.[listKey]);
    for (let ci = 0; ci < list.length; ci++) {
      const declared = arr(obj(list[ci])?.['ports']);
      for (let pi = 0; pi < declared.length; pi++) {
        const port = obj(declared[pi]) ?? NO_FIELDS;
        const protocol = port['protocol'] === undefined ? 'TCP' : port['protocol'];
        if (protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') {
          const path = `${templatePath ? `${templatePath}.` : ''}spec.${listKey}[${ci}].ports[${pi}]`;
          findings.push({
            severity: 'error',
            code: 'T8',
            path: `${path}.protocol`,
            message: `${path}.protocol: Unsupported value: ${goValue(protocol, true)}: supported values: "SCTP", "TCP", "UDP"`,
          });
          continue;
        }
        const number = port['containerPort'];
        if (typeof number !== 'number' || ports === null) continue;
        const portName = str(port['name']);
        ports.push(
          portName ? { name: portName, port: number, protocol } : { port: number, protocol },
        );
      }
    }
  }

  /** Folds pods (and ReplicaSets, Jobs) into the controller that owns them, when it is present. */
  workloads(workloadOf?: Map<string, string>): Workload[] {
    const folded = this.pending.some((p) => p.owner !== null)
      ? this.foldedIntoOwners()
      : new Map<Pending, Pending>();
    const extraIps = new Map<Pending, string[]>();
    for (const [p, target] of folded) {
      const list = extraIps.get(target) ?? [];
      list.push(...p.ips);
      extraIps.set(target, list);
    }
    return this.workloadsFrom(folded, extraIps, workloadOf);
  }

  /** Each object whose owner (or a controller whose selector claims it) is in the text, to it. */
  private foldedIntoOwners(): Map<Pending, Pending> {
    const byKey = new Map(this.pending.map((p) => [`${p.namespace}/${p.kind}/${p.name}`, p]));
    const root = (p: Pending, depth = 0): Pending => {
      if (!p.owner || depth > 5) return p;
      const owner = byKey.get(`${p.namespace}/${p.owner.kind}/${p.owner.name}`);
      return owner ? root(owner, depth + 1) : p;
    };
    // Controllers with a selector by namespace, in reading order: a dump of 100,000 pods and no
    // controllers must not compare every pod with every object.
    const claimers = new Map<string, Pending[]>();
    for (const c of this.pending) {
      if (c.kind === 'Pod' || c.selector === null || isEmptySelector(c.selector)) continue;
      const list = claimers.get(c.namespace) ?? [];
      list.push(c);
      claimers.set(c.namespace, list);
    }
    const folded = new Map<Pending, Pending>();
    for (const p of this.pending) {
      let target = root(p);
      if (target === p && p.kind === 'Pod' && p.owner) {
        // kubectl get deploy,pods omits ReplicaSets: the Deployment's selector still claims the pod.
        const claimer = claimers
          .get(p.namespace)
          ?.find((c) => c.selector !== null && matchesSelector(p.labels, c.selector));
        if (claimer) target = root(claimer);
      }
      if (target !== p) folded.set(p, target);
    }
    return folded;
  }

  /** The workloads of the objects not folded into another, with the IPs of those folded in. */
  private workloadsFrom(
    folded: ReadonlyMap<Pending, Pending>,
    extraIps: ReadonlyMap<Pending, string[]>,
    workloadOf?: Map<string, string>,
  ): Workload[] {
    const ids = new Set<string>();
    const out: Workload[] = [];
    const pending = this.pending;
    const workloadAt = new Int32Array(pending.length).fill(-1);
    const taken = new Int32Array(pending.length).fill(-1);
    const earlier = this.earlier;
    const runs = this.takenPending;
    let run = 0;
    for (let i = 0; i < pending.length; i++) {
      const p = pending[i] as Pending;
      if (folded.size > 0 && folded.has(p)) continue;
      let id = `${p.namespace}/${p.name}`;
      if (ids.has(id)) id = `${p.namespace}/${p.kind}/${p.name}`;
      ids.add(id);
      if (workloadOf && p.kind === 'Pod' && p.owner && p.owner.name !== '')
        workloadOf.set(id, `${p.namespace}/${ownerWorkload(p.owner, p.labels)}`);
      const extra = extraIps.get(p);
      const ips = extra ? [...p.ips, ...extra.filter((ip) => !p.ips.includes(ip))] : p.ips.slice();
      // The workload the earlier read made of this object (kept above the edit or taken over below
      // it: the very object; below it, after documents were added or removed above: renumbered),
      // when it is still the same one.
      const kept = earlier !== undefined && i < this.keptPending;
      let was = -1;
      if (kept) was = earlier.workloadAt[i] ?? -1;
      else if (earlier) {
        while (run < runs.length && i >= (runs[run]?.newStart ?? 0) + (runs[run]?.count ?? 0))
          run++;
        const r = runs[run];
        if (r && i >= r.newStart) was = earlier.workloadAt[r.oldStart + i - r.newStart] ?? -1;
      }
      const before = was >= 0 ? earlier?.workloads[was] : undefined;
      const same = before !== undefined && sameWorkload(before, id, p, ips);
      workloadAt[i] = out.length;
      if (same && before.source === p.source) {
        // As it was: the same object, which the page already has.
        out.push(before);
        continue;
      }
      // Taken over below the edit and renumbered: that workload, moved to the document the
      // replay moved it to (never a kept one: those did not move).
      if (same && !kept) taken[out.length] = was;
      // Two literals, not a spread: a spread is a runtime call and an empty object per workload.
      out.push(
        p.hostNetwork
          ? {
              id,
              kind: p.kind,
              name: p.name,
              namespace: p.namespace,
              namespaceAssumed: p.namespaceAssumed,
              labels: p.labels,
              ports: p.ports,
              ips,
              inferred: false,
              hostNetwork: true,
              source: p.source,
            }
          : {
              id,
              kind: p.kind,
              name: p.name,
              namespace: p.namespace,
              namespaceAssumed: p.namespaceAssumed,
              labels: p.labels,
              ports: p.ports,
              ips,
              inferred: false,
              source: p.source,
            },
      );
    }
    this.workloadAt = workloadAt;
    this.workloadsTaken = taken.subarray(0, out.length);
    return out;
  }
}

/** Whether `w` is what the object `p` makes now, but for its place in the text (its source). */
function sameWorkload(w: Workload, id: string, p: Pending, ips: readonly string[]): boolean {
  if (
    w.id !== id ||
    w.kind !== p.kind ||
    w.name !== p.name ||
    w.namespace !== p.namespace ||
    w.namespaceAssumed !== p.namespaceAssumed ||
    w.labels !== p.labels ||
    w.ports !== p.ports ||
    w.inferred ||
    (w.hostNetwork === true) !== (p.hostNetwork === true) ||
    w.ips.length !== ips.length
  )
    return false;
  for (let k = 0; k < ips.length; k++) if (w.ips[k] !== ips[k]) return false;
  return true;
}

/**
 * A source whose range is found when first asked for (a read without a model keeps none). A class:
 * an object literal with a getter is built by a runtime call each time.
 */
class LazySource implements SourceRef {
  readonly objectPath = '';
  private found: TextRange | undefined;
  constructor(
    private readonly lines: LineIndex,
    readonly document: number,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get range(): TextRange {
    return (this.found ??= this.lines.range(this.start, this.end));
  }
}

/** The decoder's prefix for a workload kind's messages: one string per kind, not one per object. */
const DECODE_PREFIX: Readonly<Record<WorkloadKind, string>> = {
  Pod: 'Pod in version "v1" cannot be handled as a Pod: ',
  Deployment: 'Deployment in version "v1" cannot be handled as a Deployment: ',
  StatefulSet: 'StatefulSet in version "v1" cannot be handled as a StatefulSet: ',
  DaemonSet: 'DaemonSet in version "v1" cannot be handled as a DaemonSet: ',
  ReplicaSet: 'ReplicaSet in version "v1" cannot be handled as a ReplicaSet: ',
  Job: 'Job in version "v1" cannot be handled as a Job: ',
  CronJob: 'CronJob in version "v1" cannot be handled as a CronJob: ',
};

/**
 * A copy of a string that holds no larger one: V8 keeps a slice of 13 or more characters as a view
 * of the text it came from (a short one is copied already).
 */
function detached(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

const same = (s: string) => s;

function addIp(ips: string[], ip: string | undefined): void {
  if (ip !== undefined && ip !== '' && !ips.includes(ip)) ips.push(ip);
}

/**
 * A decoded label map as the model's Labels: the decoder's maps are already null-prototype with
 * string values (taken as they are); anything else is copied.
 */
function labelMap(labels: Obj): Labels {
  if (Object.getPrototypeOf(labels) === null) {
    let strings = true;
    for (const k in labels) if (typeof labels[k] !== 'string') strings = false;
    if (strings) return labels as Labels;
  }
  return labelsFrom(Object.entries(labels).map(([k, val]) => [k, String(val)] as const));
}

/** A pod's workload from its controller: a Deployment's ReplicaSet is `<deployment>-<hash>`. */
function ownerWorkload(owner: { kind: string; name: string }, labels: Labels): string {
  const hash = labels['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`))
    return owner.name.slice(0, -hash.length - 1);
  return owner.name;
}

/** Whether a decoding had an error (an issue other than a hint or a warning). */
function hasErrorIssue(issues: readonly DecodeIssue[]): boolean {
  for (let i = 0; i < issues.length; i++)
    if (issueSeverity(issues[i] as DecodeIssue) === 'error') return true;
  return false;
}

/** No findings (shared: only read). */
const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

/** An object with no fields, for reads of a missing one (shared: only read). */
const NO_FIELDS: Obj = Object.freeze({}) as Obj;

/** The ports `readWorkload` gathers for one workload (one read at a time; emptied after each). */
const PORT_SCRATCH: ContainerPort[] = [];

function issueSeverity(i: DecodeIssue): Severity {
  return i.kind === 'yaml11' || i.kind === 'null-item'
    ? 'warning'
    : i.kind === 'hint'
      ? 'info'
      : 'error';
}

const TYPE_CODES: readonly [RegExp, string][] = [
  [/ports\.port of type int32$/, 'D1'],
  [/endPort of type int32$/, 'D4'],
  [/(matchLabels|labels|annotations) of type string$/, 'D5'],
  [/values of type \[\]string$/, 'D6'],
  [/policyTypes of type/, 'D7'],
  [/\.(ingress|egress) of type/, 'D8'],
  [/\.(from|to) of type/, 'D9'],
  [/NetworkPolicy\.spec of type/, 'D10'],
  [/metadata\.name of type/, 'D11'],
];

function issueCode(i: DecodeIssue): string {
  switch (i.kind) {
    case 'unknown':
      return 'D12';
    case 'duplicate':
      return 'D14';
    case 'yaml11':
    case 'hint':
      return 'yaml-1.1';
    case 'tag':
      return 'yaml-tag';
    case 'null-key':
      return 'K2';
    case 'null-item':
      return 'DF7';
    case 'type': {
      const hit = TYPE_CODES.find(([re]) => re.test(i.message));
      if (hit?.[1] === 'D1' && /number [0-9.eE+-]*\./.test(i.message)) return 'D2';
      if (hit?.[1] === 'D1' && !/number/.test(i.message)) return 'D3';
      return hit?.[1] ?? 'D-type';
    }
  }
}

function mapValue(map: YMap, key: string): YNode | undefined {
  let found: YNode | undefined;
  const entries = map.entries;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as YMapEntry;
    if (e.key.kind === 'scalar' && e.key.text === key) found = e.value;
  }
  return found;
}

function mapText(map: YMap, key: string): string | undefined {
  const v = mapValue(map, key);
  if (!v || v.kind !== 'scalar') return undefined;
  const text = certainString(v);
  if (text !== undefined) return text;
  const s = resolveKubernetes(v);
  return s.type === 'string' ? s.value : undefined;
}

function toPeer(p: Obj | undefined): PolicyPeer {
  const ip = obj(p?.['ipBlock']);
  if (ip)
    return { kind: 'ipBlock', cidr: str(ip['cidr']) ?? '', except: arr(ip['except']).map(String) };
  return {
    kind: 'selector',
    podSelector: toSelector(obj(p?.['podSelector'])) ?? null,
    namespaceSelector: toSelector(obj(p?.['namespaceSelector'])) ?? null,
  };
}

function toPort(p: Obj | undefined): PolicyPort {
  const port = p?.['port'];
  const end = p?.['endPort'];
  return {
    protocol: (str(p?.['protocol']) ?? 'TCP') as Protocol,
    port: typeof port === 'number' || typeof port === 'string' ? port : null,
    endPort: typeof end === 'number' ? end : null,
  };
}

function toRule(r: Obj | undefined, peersKey: 'from' | 'to'): PolicyRule {
  const peers = arr(r?.[peersKey]);
  const ports = arr(r?.['ports']);
  let peerList: PolicyPeer[] | null = null;
  if (peers.length > 0) {
    peerList = new Array<PolicyPeer>(peers.length);
    for (let i = 0; i < peers.length; i++) peerList[i] = toPeer(obj(peers[i]));
  }
  let portList: PolicyPort[] | null = null;
  if (ports.length > 0) {
    portList = new Array<PolicyPort>(ports.length);
    for (let i = 0; i < ports.length; i++) portList[i] = toPort(obj(ports[i]));
  }
  return { peers: peerList, ports: portList };
}

/** A direction's rules, at their size: indexed, no closure per policy. */
function toRules(rules: unknown[], peersKey: 'from' | 'to'): PolicyRule[] {
  const out = new Array<PolicyRule>(rules.length);
  for (let i = 0; i < rules.length; i++) out[i] = toRule(obj(rules[i]), peersKey);
  return out;
}

/** What the priority-tie warning needs of a cluster policy. */
type TieCandidate = Pick<ClusterNetworkPolicy, 'valid' | 'tier' | 'priority' | 'name' | 'kind'> & {
  readonly source?: Pick<SourceRef, 'document' | 'objectPath'>;
};

const byEvaluationOrder = compareClusterPolicies as (a: TieCandidate, b: TieCandidate) => number;

/**
 * Valid cluster policies of one tier at one priority: upstream leaves their order to the
 * implementation. The engine takes them by name (then kind); each one after the first is warned
 * about at its priority (`at`: where a policy's `spec.priority` is).
 */
function priorityTies<P extends TieCandidate>(
  policies: readonly P[],
  at: (p: P) => TextRange | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const groups = new Map<string, P[]>();
  for (const p of policies) {
    if (!p.valid) continue;
    const key = `${p.tier}/${p.priority}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const ordered = [...list].sort(byEvaluationOrder);
    const first = ordered[0] as P;
    for (const p of ordered.slice(1)) {
      const src = p.source;
      const range = src && at(p);
      if (!src || !range) continue;
      out.push({
        severity: 'warning',
        code: 'CNP9',
        message: `${p.tier} tier: ${p.name} has the same priority (${p.priority}) as ${first.name}; upstream leaves their order to the implementation, netpol-canvas evaluates ${ordered.map((x) => x.name).join(' before ')}`,
        path: 'spec.priority',
        document: src.document,
        line: range.line,
        column: range.column,
        endLine: range.endLine,
        endColumn: range.endColumn,
        ...(src.objectPath ? { objectPath: src.objectPath } : {}),
        object: `${p.kind} ${p.name}`,
      });
    }
  }
  return out;
}

/** Where a cluster policy's `spec.priority` is (its whole object when it cannot be found). */
function priorityRange(
  p: ClusterNetworkPolicy,
  stream: ParsedStream,
  lines: LineIndex,
  text: string,
  firstDocument = 0,
  documentMoves?: Int32Array,
): TextRange | undefined {
  const src = p.source;
  if (!src) return undefined;
  const doc = stream.documents[src.document - firstDocument];
  // A lean read read this policy from its values and kept no tree: the same fast tree again.
  const root = doc && (doc.root ?? documentTreeAt(text, doc.span));
  const object = root ? nodeAtPath(root, src.objectPath)?.node : undefined;
  const at = object ? nodeAtPath(object, 'spec.priority')?.node : undefined;
  return at ? lines.range(at.start, at.end) : placedRange({ documentMoves }, src);
}

/** Reads a parsed document (the `document`-th of the stream): its problems, then its objects. */
function readParsed(reader: Reader, doc: ParsedDocument, document: number): void {
  const lines = reader.lines;
  for (const p of doc.problems) {
    const severity: Severity = p.code === 'yaml-extra-document' ? 'warning' : 'error';
    const at = lines.range(p.offset, p.offset + 1);
    reader.diag(severity, p.code, p.message, document, at);
  }
  if (doc.root) {
    try {
      reader.readDocument(doc.root, document);
    } catch (err) {
      // A reader bug must not lose the user's work: report it where it happened.
      reader.diag(
        'error',
        'internal',
        `could not read this document: ${String(err)}`,
        document,
        lines.range(doc.root.start, doc.root.end),
      );
    }
  }
}

/**
 * The lean read of `reader.text`, a batch of documents at a time, their trees dropped (see
 * `ReadOptions.lean`); its documents are numbered from `firstDocument`.
 */
function readLean(reader: Reader, keepPolicies: boolean, firstDocument: number): ParsedStream {
  return parseYamlStreamLean(
    reader.text,
    (doc) => {
      const policies = reader.policies.length;
      const clusterPolicies = reader.clusterPolicies.length;
      readParsed(reader, doc, firstDocument + doc.span.index);
      return (
        reader.clusterPolicies.length > clusterPolicies ||
        (keepPolicies && reader.policies.length > policies)
      );
    },
    undefined,
    // Most documents of a dump read from plain values, with no tree built; the rest as above.
    (doc, index) => reader.readPlain(doc, firstDocument + index, keepPolicies),
  );
}

/** How far a document moved: its index, its text offsets and its lines. */
interface Move {
  readonly document: number;
  readonly offset: number;
  readonly line: number;
}

/**
 * Reads a workspace text. With `previous` (the read of an earlier version of the text, same
 * options), the documents before the first edited one are taken over instead of read again, and
 * those after the last edited one too, moved (see `Reader.replayRun`): an edit costs the documents
 * it touched. The result is the same as a fresh read (property-tested).
 */
export function readWorkspace(
  text: string,
  options: ReadOptions = {},
  previous?: ReadResult,
): ReadResult {
  const lines = new LineIndex(text);
  const defaultNamespace = options.defaultNamespace ?? DEFAULT_NAMESPACE;
  const enforceNamespace = options.enforceNamespace === true;
  const resume =
    previous?.resume &&
    previous.resume.defaultNamespace === defaultNamespace &&
    previous.resume.enforceNamespace === enforceNamespace
      ? previous.resume
      : undefined;
  let reuse: { documents: ParsedStream['documents']; count: number } | undefined;
  /** What changed: `[start, endA)` of the earlier text became `[start, endB)` of this one. */
  let edited: { start: number; endA: number; endB: number } | undefined;
  if (resume && previous) {
    const hint = options.edit?.base === resume.text ? options.edit : undefined;
    const changed = hint ? undefined : changedRange(resume.text, text);
    edited = hint
      ? { start: hint.start, endA: hint.end, endB: hint.end + text.length - resume.text.length }
      : changed;
    const shared = hint ? hint.start : (changed?.start ?? 0);
    let count = 0;
    for (const d of previous.stream.documents) {
      if (d.span.end > shared || count >= resume.checkpoints.length) break;
      count++;
    }
    // The documents after the edit: those wholly inside the text both versions end with.
    const documents = previous.stream.documents;
    const tailStart = hint ? hint.end : (changed?.endA ?? resume.text.length);
    let tail = 0;
    if (resume.checkpoints.length === documents.length)
      while (
        tail < documents.length - count &&
        (documents[documents.length - 1 - tail]?.span.start ?? -1) >= tailStart
      )
        tail++;
    reuse = {
      documents,
      count,
      ...(tail > 0 ? { tail: { count: tail, shift: text.length - resume.text.length } } : {}),
    };
  }
  const modelless = options.lean === 'diagnostics';
  const reader = new Reader(
    text,
    lines,
    defaultNamespace,
    enforceNamespace,
    options.lean !== true && !modelless,
    !modelless,
  );
  const readOne = (doc: ParsedDocument) => readParsed(reader, doc, doc.span.index);
  let stream: ParsedStream;
  /** The stream's last documents taken over from the earlier read's, and how far they moved. */
  let movedDocuments: { count: number; move: Move } | undefined;
  if (options.lean) {
    stream = readLean(reader, options.lean === 'keep-policies', 0);
  } else {
    const parsed = parseYamlStreamReusing(text, undefined, reuse);
    stream = parsed.stream;
    let kept = 0;
    if (resume && previous) {
      while (
        kept < stream.documents.length &&
        stream.documents[kept] === previous.stream.documents[kept]
      )
        kept++;
      reader.resumeFrom(resume, kept);
    }
    const firstMoved = stream.documents.length - parsed.tail;
    const seenFrom = reader.seenLog.length;
    for (const doc of stream.documents.slice(kept, firstMoved)) {
      readOne(doc);
      reader.checkpoint();
    }
    // The documents after the edit, moved: what the earlier read got from each is taken over.
    const oldFirst = (previous?.stream.documents.length ?? 0) - parsed.tail;
    const move: Move = {
      document: firstMoved - oldFirst,
      offset: text.length - (resume?.text.length ?? 0),
      // Counted around the edit, not by locating both texts' ends: that scanned every line of
      // each (~8 ms a keystroke at 5 MB). A line break is decided by its character and the next,
      // so one character either side of the change holds every break that differs.
      line:
        resume && edited && parsed.tail > 0
          ? lineBreaks(text, edited.start - 1, edited.endB + 1) -
            lineBreaks(resume.text, edited.start - 1, edited.endA + 1)
          : 0,
    };
    if (resume && parsed.tail > 0) movedDocuments = { count: parsed.tail, move };
    const replay =
      resume !== undefined &&
      parsed.tail > 0 &&
      reader.canReplay(resume, kept, oldFirst, seenFrom, move.document);
    for (let k = 0; k < parsed.tail;) {
      // The longest run of documents that can be taken over, at once; a document that cannot
      // is read again.
      let end = k;
      if (replay)
        while (end < parsed.tail && reader.canReplayDocument(resume, oldFirst + end, move)) end++;
      if (end > k && resume) {
        reader.replayRun(resume, oldFirst + k, oldFirst + end, move);
        k = end;
        continue;
      }
      readOne(stream.documents[firstMoved + k] as ParsedDocument);
      reader.checkpoint();
      k++;
    }
  }
  const workloadOf = new Map<string, string>();
  const workloads = reader.workloads(workloadOf);
  const objectsFound =
    reader.objectsRead +
    reader.policies.length +
    reader.clusterPolicies.length +
    reader.namespaceObjects.length +
    workloads.length +
    reader.others.length;
  if (objectsFound === 0 && !reader.diagnostics.some((d) => d.severity === 'error')) {
    reader.diag('info', 'K3', 'no objects passed to apply', 0, lines.range(0, 0));
  }

  // Namespaces: those written as objects, plus every namespace some object lives in.
  const namespaces = new Map<string, Namespace>();
  for (const ns of reader.namespaceObjects)
    if (!namespaces.has(ns.name)) namespaces.set(ns.name, ns);
  for (const name of [
    ...reader.policies.map((p) => p.namespace),
    ...workloads.map((w) => w.namespace),
    ...reader.others.flatMap((o) => (o.namespace ? [o.namespace] : [])),
  ]) {
    if (name === '') continue;
    if (!namespaces.has(name)) {
      namespaces.set(name, {
        name,
        labels: labelsFrom([[METADATA_NAME_LABEL, name]]),
        inferred: true,
      });
    }
  }
  const documentMoves = reader.moves.some((m) => m !== 0)
    ? Int32Array.from(reader.moves)
    : undefined;
  const diagnostics = [
    ...reader.diagnostics,
    ...reader.serverFieldSummaries(),
    ...priorityTies(reader.clusterPolicies, (p) =>
      priorityRange(p, stream, lines, text, 0, documentMoves),
    ),
  ].sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    ...(documentMoves ? { documentMoves } : {}),
    documents: stream.documents.map((d) => d.span),
    namespaces: [...namespaces.values()],
    workloads,
    policies: reader.policies,
    clusterPolicies: reader.clusterPolicies,
    others: reader.others,
    diagnostics,
    stream,
    lines,
    workloadOf,
    ...(options.lean === true || modelless
      ? {}
      : {
          resume: resumeState(
            reader,
            text,
            defaultNamespace,
            enforceNamespace,
            workloads,
            resume && movedDocuments && provenance.get(resume)
              ? {
                  from: provenance.get(resume)?.serial ?? 0,
                  by: [
                    movedDocuments.move.document,
                    movedDocuments.move.offset,
                    movedDocuments.move.line,
                  ],
                  documents: movedDocuments.count,
                  workloads: reader.workloadsTaken,
                }
              : undefined,
          ),
        }),
  };
}

function resumeState(
  reader: Reader,
  text: string,
  defaultNamespace: string,
  enforceNamespace: boolean,
  workloads: readonly Workload[],
  taken: Taken | undefined,
): ResumeState {
  const state: ResumeState = {
    text,
    defaultNamespace,
    enforceNamespace,
    diagnostics: reader.diagnostics,
    policies: reader.policies,
    clusterPolicies: reader.clusterPolicies,
    namespaceObjects: reader.namespaceObjects,
    pending: reader.pending,
    others: reader.others,
    seen: reader.seenLog,
    serverFields: reader.serverFields,
    checkpoints: reader.checkpoints,
    workloads,
    workloadAt: reader.workloadAt,
    moves: reader.moves,
  };
  provenance.set(state, { serial: ++serials, ...(taken ? { taken } : {}) });
  return state;
}

/** The text range of a field of an object (e.g. `spec.ingress[0].from[1]`), for jumping to it. */
export function locate(
  result: ReadResult,
  ref: SourceRef,
  fieldPath: string,
): TextRange | undefined {
  const root = result.stream.documents[ref.document]?.root;
  if (!root) return undefined;
  const object = nodeAtPath(root, ref.objectPath);
  if (!object) return undefined;
  const found = nodeAtPath(object.node, fieldPath);
  if (!found) return undefined;
  const start = found.key ? found.key.start : found.node.start;
  return result.lines.range(start, Math.max(found.node.end, start));
}

/** The lines of one window of a streamed text, numbered as in the whole text. */
class WindowLines extends LineIndex {
  constructor(
    text: string,
    private readonly linesBefore: number,
  ) {
    super(text);
  }

  override position(offset: number): { line: number; column: number } {
    const p = super.position(offset);
    return { line: p.line + this.linesBefore, column: p.column };
  }
}

/** A valid cluster policy a streamed read met, with where its priority is, for the tie warning. */
interface StreamedTieCandidate extends TieCandidate {
  readonly at: TextRange | undefined;
}

/**
 * The `'diagnostics'` lean read of a text that arrives in windows (the CLI's `validate` of a
 * file or standard input read in chunks): each window is read and dropped, only what later
 * documents are checked against is kept (the duplicate check's names, server-field tallies,
 * valid cluster policies' priorities), so memory does not grow with the text. The diagnostics
 * are the whole text's read's, with its document numbers and lines.
 *
 * A window is whole documents: the first starts at the text's start, every other at a `---` marker
 * line that is not the text's first (`document-windows.ts` cuts them); the text has no byte order
 * mark and is not a JSON stream (that one is split as a whole: give it as one window).
 */
export class DiagnosticsStream {
  private readonly reader: Reader;
  private linesBefore = 0;
  private documents = 0;
  private clusterPolicies = 0;
  private readonly ties: StreamedTieCandidate[] = [];
  /** Where the text ends: its last offset that is still on one of its lines. */
  private last = { line: 1, column: 1 };

  constructor(options: Pick<ReadOptions, 'defaultNamespace' | 'enforceNamespace'> = {}) {
    this.reader = new Reader(
      '',
      new LineIndex(''),
      options.defaultNamespace ?? DEFAULT_NAMESPACE,
      options.enforceNamespace === true,
      false,
      false,
    );
    this.reader.streamed = true;
  }

  /** The line breaks in the windows read so far. */
  get lines(): number {
    return this.linesBefore;
  }

  /** Reads the next window of the text. */
  read(window: string): void {
    const reader = this.reader;
    const lines = new WindowLines(window, this.linesBefore);
    reader.text = window;
    reader.lines = lines;
    const stream = readLean(reader, false, this.documents);
    const policies = reader.clusterPolicies;
    for (let i = 0; i < policies.length; i++) {
      const p = policies[i] as ClusterNetworkPolicy;
      this.clusterPolicies++;
      if (!p.valid || !p.source) continue;
      this.ties.push({
        valid: true,
        tier: p.tier,
        priority: p.priority,
        name: detached(p.name),
        kind: p.kind,
        source: { document: p.source.document, objectPath: detached(p.source.objectPath) },
        at: priorityRange(p, stream, lines, window, this.documents),
      });
    }
    policies.length = 0;
    this.documents += stream.documents.length;
    const last = lastOnALine(window);
    if (window.includes('\r') || window.charCodeAt(0) === 0xfeff) {
      this.last = lines.position(last);
      this.linesBefore += lines.lineCount - 1;
    } else {
      // The usual window: its line breaks counted in one pass, no line index built for it (that
      // looked up each line start, a call per line, and kept them all).
      const breaks = lineFeeds(window);
      const before = breaks - (last < window.length ? 1 : 0);
      const lineStart = last === 0 ? 0 : window.lastIndexOf('\n', last - 1) + 1;
      this.last = { line: this.linesBefore + before + 1, column: last - lineStart + 1 };
      this.linesBefore += breaks;
    }
    reader.text = '';
  }

  /**
   * The diagnostics of the whole text, sorted by place; how many documents it has; its last
   * offset still on a line (its end, or the end of its last line when it ends with a line break).
   */
  finish(): {
    diagnostics: Diagnostic[];
    documents: number;
    last: { line: number; column: number };
  } {
    const reader = this.reader;
    if (
      reader.objectsRead + this.clusterPolicies === 0 &&
      !reader.diagnostics.some((d) => d.severity === 'error')
    )
      reader.diag('info', 'K3', 'no objects passed to apply', 0, new LineIndex('').range(0, 0));
    const diagnostics = [
      ...reader.diagnostics,
      ...reader.serverFieldSummaries(),
      ...priorityTies(this.ties, (p) => p.at),
    ].sort((a, b) => a.line - b.line || a.column - b.column);
    return { diagnostics, documents: this.documents, last: this.last };
  }
}

/** How many line feeds a text holds. */
function lineFeeds(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The last offset of a text still on one of its lines (before a final CR LF, LF or CR). */
function lastOnALine(text: string): number {
  const n = text.length;
  const c = text.charCodeAt(n - 1);
  if (c === 10) return text.charCodeAt(n - 2) === 13 ? n - 2 : n - 1;
  return c === 13 ? n - 1 : n;
}
