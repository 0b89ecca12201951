// Pods that no policy can tell apart, grouped into classes: the bulk engine evaluates one pod of
// each class and multiplies by class sizes. Two pods share a class when every selector in use
// (NetworkPolicy subjects and peers, cluster policy subjects and peers) reads the same labels on
// them and on their namespaces, every CIDR in use (ipBlock, except, networks) holds the same of
// their IPs, and they declare the same ports and host networking. A namespace's name only tells
// its pods apart when a NetworkPolicy lives there (its subjects and same-namespace peers).
import type {
  ClusterNetworkPolicy,
  ClusterPeer,
  ClusterPolicyRule,
  ContainerPort,
  LabelSelector,
  Labels,
  NetworkPolicy,
  PolicyPeer,
  PolicyRule,
  Workload,
} from '../model/types.ts';
import type { EngineIndex } from './evaluate.ts';
import { namespaceLabelsOf } from './evaluate.ts';

/** The pods of one or more namespaces that no policy tells apart by namespace. */
export interface NamespaceGroup {
  /** A namespace of the group, whose labels stand for all of them. */
  readonly namespace: string;
  readonly labels: Labels;
  /** The classes whose pods live in the group's namespaces, in increasing order. */
  readonly classes: readonly number[];
}

export interface PodClasses {
  /** The class of each pod, by index in the pods given. */
  readonly classOf: Int32Array;
  /** One pod standing for each class; the classes of a namespace group are contiguous. */
  readonly representatives: readonly Workload[];
  /** How many pods each class holds. */
  readonly sizes: Float64Array;
  readonly groups: readonly NamespaceGroup[];
  /** The group of each class. */
  readonly groupOf: Int32Array;
  /** The group of a namespace that holds a NetworkPolicy (such a group is that namespace alone). */
  readonly groupOfNamespace: ReadonlyMap<string, number>;
  /**
   * The classes (in increasing order) whose pods' first IP (`anyAddress` false: what an ipBlock
   * or except tests) or any IP (true: what a networks peer tests) the CIDR holds. The CIDRs in use
   * were found for the class keys already, so this is a look-up; another CIDR is tested on each
   * class's pod. An invalid CIDR holds none.
   */
  cidrClasses(cidr: string, anyAddress: boolean): readonly number[];
  /**
   * A namespace's labels as the namespace selectors in use read them: namespaces with equal
   * texts are picked by the same selectors (NetworkPolicy peers, cluster policy subjects and peers).
   */
  namespaceView(namespace: string): string;
}

/** For each label key some selector reads, the values it names (other values all read alike). */
type ReadKeys = Map<string, Set<string>>;

function readKey(keys: ReadKeys, k: string): Set<string> {
  let vs = keys.get(k);
  if (!vs) keys.set(k, (vs = new Set()));
  return vs;
}

function readSelector(keys: ReadKeys, s: LabelSelector | null): void {
  if (s === null) return;
  // Indexed loops, no closure: this runs for every selector of every policy.
  for (const k in s.matchLabels) readKey(keys, k).add(s.matchLabels[k] as string);
  const requirements = s.matchExpressions;
  for (let i = 0; i < requirements.length; i++) {
    const r = requirements[i] as LabelSelector['matchExpressions'][number];
    const vs = readKey(keys, r.key);
    for (let j = 0; j < r.values.length; j++) vs.add(r.values[j] as string);
  }
}

/**
 * The labels as the selectors in use see them: each read key absent, a named value, or another.
 * A code per (key, value) pair of the read keys a pod carries, in key order (one code per key for
 * the values no selector names), so two pods share the text exactly when every read key reads
 * alike on them. With few read keys they are each looked up; with many (a large workspace's
 * selectors read hundreds) the pod's own few labels are walked instead.
 */
function projector(keys: ReadKeys): (labels: Labels) => string {
  const sorted = [...keys.keys()].sort();
  // Each pair's text made once: a value no selector names reads as its key's text for other
  // values, a named one (a few per key) has its own, so a pod's text is only the concatenation of
  // known strings. A pair's text is a number (base 36) and a comma: short, so that a pod's key is
  // quick to join and to hash, and no pair's text is the start of another's (nor of a port's,
  // which ends with a `/`).
  const others = new Map<string, string>();
  const named = new Map<string, Map<string, string>>();
  let pairs = 0;
  const code = (): string => `${(pairs++).toString(36)},`;
  for (const [k, values] of keys) {
    others.set(k, code());
    const texts = new Map<string, string>();
    for (const v of values) texts.set(v, code());
    named.set(k, texts);
  }
  const pair = (k: string, v: string): string =>
    (named.get(k) as Map<string, string>).get(v) ?? (others.get(k) as string);
  if (sorted.length <= 8)
    return (labels) => {
      let out = '';
      for (let i = 0; i < sorted.length; i++) {
        const k = sorted[i] as string;
        if (Object.hasOwn(labels, k)) out += pair(k, labels[k] as string);
      }
      return out;
    };
  const present: string[] = [];
  return (labels) => {
    present.length = 0;
    for (const k in labels) if (Object.hasOwn(labels, k) && keys.has(k)) present.push(k);
    insertionSort(present);
    let out = '';
    for (let i = 0; i < present.length; i++) {
      const k = present[i] as string;
      out += pair(k, labels[k] as string);
    }
    return out;
  };
}

/** An IPv4 or IPv6 CIDR test on parsed addresses, with IPv4 in plain numbers. */
interface Prefix {
  readonly family: 4 | 6;
  readonly prefix: number;
  readonly v4: number;
  readonly v6: bigint;
}

interface Address {
  readonly family: 4 | 6;
  readonly v4: number;
  readonly v6: bigint;
}

/**
 * A plain IPv4 address (four decimal parts of one to three digits, each at most 255, leading zeros
 * read as decimal, as parseIp reads them) as a number, without the BigInt of parseIp; null for
 * anything else, which parseIp then reads.
 */
function dottedQuad(text: string): number | null {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return null;
      part = part * 10 + (c - 48);
    } else if (c === 46) {
      if (digits === 0 || part > 255 || ++dots > 3) return null;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else return null;
  }
  if (dots !== 3 || digits === 0 || part > 255) return null;
  return value * 256 + part;
}

function contains(c: Prefix, a: Address): boolean {
  if (c.family !== a.family) return false;
  if (c.family === 4)
    return c.prefix === 0 || c.v4 >>> (32 - c.prefix) === a.v4 >>> (32 - c.prefix);
  const shift = BigInt(128 - c.prefix);
  return c.v6 >> shift === a.v6 >> shift;
}

/**
 * Which of the prefixes hold an address, as their indices (pushed to `out`, unordered): IPv4
 * prefixes are looked up by length and network, a few lookups instead of a test of each.
 */
function prefixTable(prefixes: readonly (Prefix | null)[]): (a: Address, out: number[]) => void {
  const v4 = new Map<number, Map<number, number[]>>();
  const v6: number[] = [];
  prefixes.forEach((c, i) => {
    if (c === null) return;
    if (c.family === 6) {
      v6.push(i);
      return;
    }
    let byNetwork = v4.get(c.prefix);
    if (!byNetwork) v4.set(c.prefix, (byNetwork = new Map()));
    const key = networkOf(c.v4, c.prefix);
    const list = byNetwork.get(key);
    if (list) list.push(i);
    else byNetwork.set(key, [i]);
  });
  // Parallel arrays and indexed loops: this runs per pod, mostly before it is optimised, where
  // destructuring a Map's entries allocates an iterator and an array per step.
  const lengths = [...v4.keys()];
  const networks = [...v4.values()];
  return (a, out) => {
    if (a.family === 4) {
      for (let k = 0; k < lengths.length; k++) {
        const list = (networks[k] as Map<number, number[]>).get(
          networkOf(a.v4, lengths[k] as number),
        );
        if (list) for (let i = 0; i < list.length; i++) out.push(list[i] as number);
      }
      return;
    }
    for (const i of v6) if (contains(prefixes[i] as Prefix, a)) out.push(i);
  };
}

/** The leading `prefix` bits of an IPv4 address (`contains`'s comparison). */
const networkOf = (v4: number, prefix: number): number => (prefix === 0 ? 0 : v4 >>> (32 - prefix));

/**
 * Sorts a short list in place (a pod's few label keys or CIDR hits): Array.prototype.sort copies
 * every list it sorts, which for thousands of pods is megabytes of garbage.
 */
function insertionSort<T extends string | number>(list: T[]): void {
  for (let i = 1; i < list.length; i++) {
    const x = list[i] as T;
    let j = i - 1;
    while (j >= 0 && (list[j] as T) > x) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = x;
  }
}

/** Sorts the indices and drops repeats, in place; returns them as text. */
function indexList(list: number[]): string {
  if (list.length === 0) return '';
  insertionSort(list);
  let out = '';
  let kept = 0;
  for (let i = 0; i < list.length; i++)
    if (i === 0 || list[i] !== list[kept - 1]) {
      list[kept++] = list[i] as number;
      out += `${list[i]},`;
    }
  list.length = kept;
  return out;
}

export function podClasses(index: EngineIndex, pods: readonly Workload[]): PodClasses {
  // Which labels of pods and of namespaces any selector reads, and the CIDR texts in use: ipBlock
  // cidrs and excepts (tested on a pod's first IP), networks (on any IP). One pass, indexed loops:
  // a spread list and an iterator per rule were most of it.
  const podKeys: ReadKeys = new Map();
  const nsKeys: ReadKeys = new Map();
  const firstCidrs = new Set<string>();
  const anyCidrs = new Set<string>();
  const policies = index.policies;
  for (let i = 0; i < policies.length; i++) {
    const p = policies[i] as NetworkPolicy;
    readSelector(podKeys, p.podSelector);
    for (let side = 0; side < 2; side++) {
      const rules = side === 0 ? p.ingress : p.egress;
      for (let j = 0; j < rules.length; j++) {
        const peers = (rules[j] as PolicyRule).peers;
        if (peers === null) continue;
        for (let k = 0; k < peers.length; k++) {
          const peer = peers[k] as PolicyPeer;
          if (peer.kind === 'selector') {
            readSelector(podKeys, peer.podSelector);
            readSelector(nsKeys, peer.namespaceSelector);
          } else {
            firstCidrs.add(peer.cidr);
            for (let x = 0; x < peer.except.length; x++) firstCidrs.add(peer.except[x] as string);
          }
        }
      }
    }
  }
  const clusterPolicies = index.clusterPolicies;
  for (let i = 0; i < clusterPolicies.length; i++) {
    const p = clusterPolicies[i] as ClusterNetworkPolicy;
    readSelector(nsKeys, p.subject.namespaceSelector);
    readSelector(podKeys, p.subject.podSelector);
    for (let side = 0; side < 2; side++) {
      const rules = side === 0 ? p.ingress : p.egress;
      for (let j = 0; j < rules.length; j++) {
        const peers = (rules[j] as ClusterPolicyRule).peers;
        for (let k = 0; k < peers.length; k++) {
          const peer = peers[k] as ClusterPeer;
          if (peer.kind === 'namespaces' || peer.kind === 'pods')
            readSelector(nsKeys, peer.namespaceSelector);
          if (peer.kind === 'pods') readSelector(podKeys, peer.podSelector);
          if (peer.kind === 'networks')
            for (let x = 0; x < peer.cidrs.length; x++) anyCidrs.add(peer.cidrs[x] as string);
        }
      }
    }
  }
  const podView = projector(podKeys);
  const nsView = projector(nsKeys);

  // Which CIDRs in use hold a pod's addresses.
  const features = { first: [...firstCidrs], any: [...anyCidrs] };
  const prefixOf = (text: string): Prefix | null => {
    const c = index.cidr(text);
    if (!c) return null;
    return { family: c.family, prefix: c.prefix, v4: Number(c.network), v6: c.network };
  };
  const firstPrefixes = features.first.map(prefixOf);
  const anyPrefixes = features.any.map(prefixOf);
  const addressOf = (text: string): Address | null => {
    const v4 = dottedQuad(text);
    if (v4 !== null) return { family: 4, v4, v6: 0n };
    const ip = index.ip(text);
    if (!ip) return null;
    return { family: ip.family, v4: ip.family === 4 ? Number(ip.value) : 0, v6: ip.value };
  };
  // The CIDRs that hold a pod's addresses, by index (a workspace draws hundreds of ipBlocks; a
  // pod is in a few).
  const inFirst = prefixTable(firstPrefixes);
  const inAny = prefixTable(anyPrefixes);
  const hits: number[] = [];
  // A pod's CIDRs: their indices (increasing) and, for its class key, as text.
  interface CidrView {
    readonly text: string;
    readonly first: readonly number[];
    readonly any: readonly number[];
  }
  const NO_CIDRS: CidrView = { text: '', first: [], any: [] };
  const cidrText = (w: Workload): CidrView => {
    hits.length = 0;
    const ips = w.ips;
    // The first address is parsed once, for both tables.
    const first = ips.length === 0 ? null : addressOf(ips[0] as string);
    if (first !== null && firstPrefixes.length > 0) inFirst(first, hits);
    let text = indexList(hits);
    const inFirstList = hits.slice();
    if (anyPrefixes.length === 0) return { text, first: inFirstList, any: [] };
    hits.length = 0;
    if (first !== null) inAny(first, hits);
    for (let i = 1; i < ips.length; i++) {
      const a = addressOf(ips[i] as string);
      if (a !== null) inAny(a, hits);
    }
    text += `|${indexList(hits)}`;
    return { text, first: inFirstList, any: hits.slice() };
  };
  // Pods with one IPv4 address whose leading bits (as many as the longest IPv4 prefix in use has)
  // agree are held by the same CIDRs: their view is made once (pods of a namespace usually share
  // a subnet).
  let longest = 0;
  for (const c of [...firstPrefixes, ...anyPrefixes])
    if (c !== null && c.family === 4 && c.prefix > longest) longest = c.prefix;
  const viewByNetwork = new Map<number, CidrView>();
  const cidrView = (w: Workload): CidrView => {
    if (firstPrefixes.length + anyPrefixes.length === 0) return NO_CIDRS;
    if (w.ips.length === 1) {
      const v4 = dottedQuad(w.ips[0] as string);
      if (v4 !== null) {
        const network = networkOf(v4, longest);
        let view = viewByNetwork.get(network);
        if (view === undefined) viewByNetwork.set(network, (view = cidrText(w)));
        return view;
      }
    }
    return cidrText(w);
  };

  // Namespace groups: a namespace with a NetworkPolicy is its own; others group by seen labels.
  const viewOf = new Map<string, string>();
  const namespaceView = (ns: string): string => {
    let v = viewOf.get(ns);
    if (v === undefined) viewOf.set(ns, (v = nsView(namespaceLabelsOf(index, ns))));
    return v;
  };
  const nsKeyOf = new Map<string, string>();
  const namespaceKey = (ns: string): string => {
    let k = nsKeyOf.get(ns);
    if (k === undefined) {
      k = index.policiesByNamespace.has(ns) ? `N${ns}` : `L${namespaceView(ns)}`;
      nsKeyOf.set(ns, k);
    }
    return k;
  };

  // A code per distinct declared port (number, protocol, name), found by number and name (the
  // text of each port was made for every pod): base 36 and a `/`, never the start of another
  // port's code nor of a label pair's (which end with a comma).
  const portCodes = new Map<number, Map<string, string>>();
  let ports = 0;
  const portCode = (p: ContainerPort): string => {
    // A port that is not an integer (never valid) is told apart by its text (JSON escapes the
    // control character that starts it).
    if (!Number.isInteger(p.port))
      return `\u0004${JSON.stringify([p.name ?? '', p.port, p.protocol])}`;
    const n = p.port * 4 + (p.protocol === 'TCP' ? 0 : p.protocol === 'UDP' ? 1 : 2);
    let byName = portCodes.get(n);
    if (byName === undefined) portCodes.set(n, (byName = new Map()));
    const name = p.name ?? '';
    let code = byName.get(name);
    if (code === undefined) byName.set(name, (code = `${(ports++).toString(36)}/`));
    return code;
  };

  // Each pod's class as a record, numbered once the groups are complete (no key looked up again).
  interface ClassRecord {
    readonly members: Workload[];
    readonly cidrs: CidrView;
    id: number;
  }
  const byGroup = new Map<string, { namespace: string; classes: Map<string, ClassRecord> }>();
  const recordOf = new Array<ClassRecord>(pods.length);
  for (let i = 0; i < pods.length; i++) {
    const w = pods[i] as Workload;
    const gk = namespaceKey(w.namespace);
    let g = byGroup.get(gk);
    if (!g) byGroup.set(gk, (g = { namespace: w.namespace, classes: new Map() }));
    let key = podView(w.labels);
    for (let k = 0; k < w.ports.length; k++) key += portCode(w.ports[k] as ContainerPort);
    key += w.hostNetwork === true ? '\u0003h' : '\u0003';
    const cidrs = cidrView(w);
    key += cidrs.text;
    let record = g.classes.get(key);
    if (record) record.members.push(w);
    else g.classes.set(key, (record = { members: [w], cidrs, id: 0 }));
    recordOf[i] = record;
  }

  const representatives: Workload[] = [];
  const records: ClassRecord[] = [];
  const sizeList: number[] = [];
  const groups: NamespaceGroup[] = [];
  const groupIds: number[] = [];
  const groupOfNamespace = new Map<string, number>();
  for (const [gk, g] of byGroup) {
    const classes: number[] = [];
    for (const record of g.classes.values()) {
      record.id = representatives.length;
      classes.push(representatives.length);
      groupIds.push(groups.length);
      representatives.push(record.members[0] as Workload);
      records.push(record);
      sizeList.push(record.members.length);
    }
    if (gk.startsWith('N')) groupOfNamespace.set(g.namespace, groups.length);
    groups.push({ namespace: g.namespace, labels: namespaceLabelsOf(index, g.namespace), classes });
  }
  const classOf = new Int32Array(pods.length);
  for (let i = 0; i < pods.length; i++) classOf[i] = (recordOf[i] as ClassRecord).id;

  // The classes each CIDR in use holds, from the CIDRs found for the class keys.
  let inCidr: { first: number[][]; any: number[][] } | null = null;
  const listsOfCidrs = (): { first: number[][]; any: number[][] } => {
    if (inCidr !== null) return inCidr;
    const first = firstPrefixes.map((): number[] => []);
    const any = anyPrefixes.map((): number[] => []);
    for (let c = 0; c < records.length; c++) {
      const view = (records[c] as ClassRecord).cidrs;
      for (let i = 0; i < view.first.length; i++)
        (first[view.first[i] as number] as number[]).push(c);
      for (let i = 0; i < view.any.length; i++) (any[view.any[i] as number] as number[]).push(c);
    }
    return (inCidr = { first, any });
  };
  const firstIndex = new Map(features.first.map((t, i) => [t, i]));
  const anyIndex = new Map(features.any.map((t, i) => [t, i]));
  const cidrClasses = (cidr: string, anyAddress: boolean): readonly number[] => {
    const i = (anyAddress ? anyIndex : firstIndex).get(cidr);
    if (i !== undefined) return listsOfCidrs()[anyAddress ? 'any' : 'first'][i] as number[];
    const prefix = prefixOf(cidr);
    const out: number[] = [];
    if (prefix === null) return out;
    for (let c = 0; c < representatives.length; c++) {
      const ips = (representatives[c] as Workload).ips;
      const upTo = anyAddress ? ips.length : Math.min(1, ips.length);
      for (let k = 0; k < upTo; k++) {
        const a = addressOf(ips[k] as string);
        if (a !== null && contains(prefix, a)) {
          out.push(c);
          break;
        }
      }
    }
    return out;
  };
  return {
    classOf,
    representatives,
    sizes: Float64Array.from(sizeList),
    groups,
    groupOf: Int32Array.from(groupIds),
    groupOfNamespace,
    cidrClasses,
    namespaceView,
  };
}
