// Pods that no policy can tell apart, grouped into classes: the bulk engine evaluates one pod of
// each class and multiplies by class sizes. Two pods share a class when every selector in use
// (NetworkPolicy subjects and peers, cluster policy subjects and peers) reads the same labels on
// them and on their namespaces, every CIDR in use (ipBlock, except, networks) holds the same of
// their IPs, and they declare the same ports and host networking. A namespace's name only tells
// its pods apart when a NetworkPolicy lives there (its subjects and same-namespace peers).
import type {
  ClusterPeer,
  ContainerPort,
  LabelSelector,
  Labels,
  PolicyPeer,
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

const OTHER = '\u0002';

/**
 * The labels as the selectors in use see them: each read key absent, a named value, or another.
 * Length-prefixed `key value` pairs of the read keys a pod carries, in key order (OTHER for a
 * value no selector names), so two pods share the text exactly when every read key reads alike on
 * them. With few read keys they are each looked up; with many (a large workspace's selectors read
 * hundreds) the pod's own few labels are walked instead.
 */
function projector(keys: ReadKeys): (labels: Labels) => string {
  const sorted = [...keys.keys()].sort();
  // Each pair's text made once: a value no selector names reads as its key's OTHER text, a named
  // one (a few per key) is kept, so a pod's text is only the concatenation of known strings.
  const others = new Map<string, string>();
  const named = new Map<string, Map<string, string>>();
  for (const [k, values] of keys) {
    others.set(k, `${k.length}:${k}${OTHER}`);
    const texts = new Map<string, string>();
    for (const v of values) texts.set(v, `${k.length}:${k}${v.length}:${v}`);
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

/** Indices in increasing order without repeats, as text. */
function indexList(list: number[]): string {
  if (list.length === 0) return '';
  insertionSort(list);
  let out = '';
  for (let i = 0; i < list.length; i++)
    if (i === 0 || list[i] !== list[i - 1]) out += `${list[i]},`;
  return out;
}

/** The CIDR texts in use: ipBlock cidrs and excepts (tested on a pod's first IP), networks (any IP). */
function cidrFeatures(index: EngineIndex): { first: string[]; any: string[] } {
  const first = new Set<string>();
  const any = new Set<string>();
  const npPeer = (p: PolicyPeer) => {
    if (p.kind !== 'ipBlock') return;
    first.add(p.cidr);
    p.except.forEach((x) => first.add(x));
  };
  for (const p of index.policies)
    for (const r of [...p.ingress, ...p.egress]) (r.peers ?? []).forEach(npPeer);
  const clusterPeer = (p: ClusterPeer) => {
    if (p.kind === 'networks') p.cidrs.forEach((x) => any.add(x));
  };
  for (const p of index.clusterPolicies)
    for (const r of [...p.ingress, ...p.egress]) r.peers.forEach(clusterPeer);
  return { first: [...first], any: [...any] };
}

export function podClasses(index: EngineIndex, pods: readonly Workload[]): PodClasses {
  // Which labels of pods and of namespaces any selector reads.
  const podKeys: ReadKeys = new Map();
  const nsKeys: ReadKeys = new Map();
  for (const p of index.policies) {
    readSelector(podKeys, p.podSelector);
    for (const r of [...p.ingress, ...p.egress])
      for (const peer of r.peers ?? [])
        if (peer.kind === 'selector') {
          readSelector(podKeys, peer.podSelector);
          readSelector(nsKeys, peer.namespaceSelector);
        }
  }
  for (const p of index.clusterPolicies) {
    readSelector(nsKeys, p.subject.namespaceSelector);
    readSelector(podKeys, p.subject.podSelector);
    for (const r of [...p.ingress, ...p.egress])
      for (const peer of r.peers) {
        if (peer.kind === 'namespaces' || peer.kind === 'pods')
          readSelector(nsKeys, peer.namespaceSelector);
        if (peer.kind === 'pods') readSelector(podKeys, peer.podSelector);
      }
  }
  const podView = projector(podKeys);
  const nsView = projector(nsKeys);

  // Which CIDRs in use hold a pod's addresses.
  const features = cidrFeatures(index);
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
  const cidrView = (w: Workload): string => {
    if (firstPrefixes.length + anyPrefixes.length === 0) return '';
    hits.length = 0;
    const ips = w.ips;
    // The first address is parsed once, for both tables.
    const first = ips.length === 0 ? null : addressOf(ips[0] as string);
    if (first !== null && firstPrefixes.length > 0) inFirst(first, hits);
    let out = indexList(hits);
    if (anyPrefixes.length > 0) {
      hits.length = 0;
      if (first !== null) inAny(first, hits);
      for (let i = 1; i < ips.length; i++) {
        const a = addressOf(ips[i] as string);
        if (a !== null) inAny(a, hits);
      }
      out += `|${indexList(hits)}`;
    }
    return out;
  };

  // Namespace groups: a namespace with a NetworkPolicy is its own; others group by seen labels.
  const nsKeyOf = new Map<string, string>();
  const namespaceKey = (ns: string): string => {
    let k = nsKeyOf.get(ns);
    if (k === undefined) {
      k = index.policiesByNamespace.has(ns) ? `N${ns}` : `L${nsView(namespaceLabelsOf(index, ns))}`;
      nsKeyOf.set(ns, k);
    }
    return k;
  };

  const byGroup = new Map<string, { namespace: string; classes: Map<string, Workload[]> }>();
  const keyOf = new Array<string>(pods.length);
  const groupKeyOf = new Array<string>(pods.length);
  for (let i = 0; i < pods.length; i++) {
    const w = pods[i] as Workload;
    const gk = namespaceKey(w.namespace);
    let g = byGroup.get(gk);
    if (!g) byGroup.set(gk, (g = { namespace: w.namespace, classes: new Map() }));
    let key = podView(w.labels);
    for (let k = 0; k < w.ports.length; k++) {
      const p = w.ports[k] as ContainerPort;
      key += `${p.name ?? ''}/${p.port}/${p.protocol},`;
    }
    key += w.hostNetwork === true ? '\u0003h' : '\u0003';
    key += cidrView(w);
    const members = g.classes.get(key);
    if (members) members.push(w);
    else g.classes.set(key, [w]);
    keyOf[i] = key;
    groupKeyOf[i] = gk;
  }

  const representatives: Workload[] = [];
  const sizeList: number[] = [];
  const groups: NamespaceGroup[] = [];
  const groupIds: number[] = [];
  const classIds = new Map<string, Map<string, number>>();
  const groupOfNamespace = new Map<string, number>();
  for (const [gk, g] of byGroup) {
    const ids = new Map<string, number>();
    const classes: number[] = [];
    for (const [key, members] of g.classes) {
      ids.set(key, representatives.length);
      classes.push(representatives.length);
      groupIds.push(groups.length);
      representatives.push(members[0] as Workload);
      sizeList.push(members.length);
    }
    classIds.set(gk, ids);
    if (gk.startsWith('N')) groupOfNamespace.set(g.namespace, groups.length);
    groups.push({ namespace: g.namespace, labels: namespaceLabelsOf(index, g.namespace), classes });
  }
  const classOf = new Int32Array(pods.length);
  for (let i = 0; i < pods.length; i++)
    classOf[i] = classIds.get(groupKeyOf[i] as string)?.get(keyOf[i] as string) ?? 0;
  return {
    classOf,
    representatives,
    sizes: Float64Array.from(sizeList),
    groups,
    groupOf: Int32Array.from(groupIds),
    groupOfNamespace,
  };
}
