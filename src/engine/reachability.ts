// Whole-workspace reachability without scanning every policy for every pair: each rule's peers
// become a bitset over pods once, sources with the same egress rules share one table, and a
// destination's allowed sources are the OR of its matching ingress rules' bitsets. Cluster policy
// tiers fold in the same way: each rule's peers are a bitset once, and walking a pod's tier rules
// in order splits the bitset of peers (or flows) into accepted, denied and passed ones.
import type {
  ClusterNetworkPolicy,
  ClusterPeer,
  ClusterPolicyRule,
  ClusterPort,
  ClusterTier,
  ContainerPort,
  LabelSelector,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  Protocol,
  Workload,
} from '../model/types.ts';
import { matchesSelector, selectorKey } from '../model/selector.ts';
import { clusterPeerMatches, clusterPortMatches, failsClosed } from './cluster-tiers.ts';
import {
  evaluateFlow,
  namespaceLabelsOf,
  portMatches,
  resolvePort,
  selectingPolicies,
} from './evaluate.ts';
import type { EngineIndex } from './evaluate.ts';
import { podClasses } from './pod-classes.ts';
import type { NamespaceGroup } from './pod-classes.ts';

export interface ReachabilityOptions {
  /** Probe this port (a name is resolved per destination); otherwise each port the destination declares. */
  readonly port?: number | string;
  /** Only this protocol; with a port, the protocol probed (TCP when absent). */
  readonly protocol?: Protocol;
}

export interface Probe {
  /** The port number, or null when a name did not resolve on the destination. */
  readonly port: number | null;
  readonly portName?: string;
  readonly protocol: Protocol;
}

export interface ReachabilitySummary {
  readonly pods: number;
  readonly policies: number;
  /** Ordered pairs of distinct pods × each probe of the destination. */
  readonly flows: number;
  readonly allowed: number;
  readonly denied: number;
  readonly ingressIsolatedPods: number;
  readonly egressIsolatedPods: number;
}

export interface Reachability {
  readonly pods: readonly Workload[];
  /** The probes toward each destination, by index in `pods`. */
  readonly probes: readonly (readonly Probe[])[];
  allowed(from: number, to: number, probe: number): boolean;
  /**
   * Each pod's class: pods of one class have the same probes and get the same verdict from or to
   * any other pod (`classAllowed`); a pod's flow to itself is asked of `allowed`.
   */
  readonly classOf: ArrayLike<number>;
  /** The verdict of a flow between two distinct pods of these classes, at probe `probe`. */
  classAllowed(from: number, to: number, probe: number): boolean;
  readonly summary: ReachabilitySummary;
}

/**
 * Bitset words carved out of shared buffers while one computeReachability runs: a typed array
 * with a buffer of its own costs a runtime call, a zeroed allocation outside the heap and its
 * bookkeeping each, and an analysis makes thousands of sets. Only the views are new objects.
 * (The sets live as long as the result does, which holds every one of them anyway.)
 */
const SLAB_WORDS = 16384;
let slab: Uint32Array | null = null;
let slabUsed = 0;

function wordsFor(length: number): Uint32Array {
  if (length > SLAB_WORDS >>> 2) return new Uint32Array(length);
  if (slab === null || slabUsed + length > slab.length) {
    slab = new Uint32Array(SLAB_WORDS);
    slabUsed = 0;
  }
  const out = new Uint32Array(slab.buffer, slabUsed * 4, length);
  slabUsed += length;
  return out;
}

class Bits {
  readonly words: Uint32Array;
  constructor(readonly size: number) {
    this.words = wordsFor((size + 31) >>> 5);
  }
  // Word reads are cast, not `?? 0`: these loops run mostly before the optimising compiler takes
  // them, where each `??` is a test per word (an index past the end reads as 0 either way).
  set(i: number): void {
    this.words[i >>> 5] = (this.words[i >>> 5] as number) | (1 << (i & 31));
  }
  has(i: number): boolean {
    return ((this.words[i >>> 5] as number) & (1 << (i & 31))) !== 0;
  }
  fill(): this {
    this.words.fill(0xffffffff);
    const extra = this.size & 31;
    if (extra !== 0) this.words[this.words.length - 1] = (1 << extra) - 1;
    return this;
  }
  or(other: Bits): void {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) | (b[i] as number);
  }
  andNot(other: Bits): void {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) & ~(b[i] as number);
  }
  /** Calls `fn` with each set bit, in increasing order. */
  forEach(fn: (i: number) => void): void {
    const a = this.words;
    for (let i = 0; i < a.length; i++) {
      let w = a[i] as number;
      while (w !== 0) {
        const low = w & -w;
        fn((i << 5) + 31 - Math.clz32(low));
        w ^= low;
      }
    }
  }
}

/** One rule of a cluster tier, as the bulk engine walks it. */
interface ClusterRuleRef {
  readonly id: number;
  readonly rule: ClusterPolicyRule;
  /** failsClosed(rule), asked once: the walks ask it per rule and flow. */
  readonly closed: boolean;
}

/** A class's rules of one tier and side, in order: shared by the classes the same policies select. */
interface ClusterRuleList {
  /** -1 for a list made by filtering ports (never a key of its own). */
  readonly id: number;
  readonly rules: readonly ClusterRuleRef[];
  /** The rules' ids joined by commas. */
  readonly key: string;
  /** The same for every list with the same key (0 for no rules): memo keys take it, not the key. */
  readonly tid: number;
  /** Whether a rule takes a named port (then a probe's memo key includes the port's names). */
  readonly named: boolean;
  /** Its rules that take a probe, by port and protocol (lists without named ports). */
  byProbe?: Map<number, ClusterRuleList>;
}

/**
 * Walks a tier's rules (in evaluation order) over a set of candidates (peers or flows), first match
 * wins: adds to `deny` what a Deny (or failed-closed) rule takes first, to `accept` what an Accept
 * rule takes first; `decided` holds everything taken, Pass included.
 */
function walkTier(
  rules: readonly ClusterRuleRef[],
  setOf: (r: ClusterRuleRef) => Bits,
  decided: Bits,
  accept: Bits,
  deny: Bits,
): void {
  // Word by word, in place: a tier walk per memoised flow set must not allocate per rule.
  const d = decided.words;
  for (const r of rules) {
    const set = setOf(r).words;
    const taken = r.rule.action === 'Accept' ? accept.words : null;
    const denied = taken === null && (r.rule.action === 'Deny' || r.closed);
    const into = taken ?? (denied ? deny.words : null);
    for (let i = 0; i < d.length; i++) {
      const newly = (set[i] as number) & ~(d[i] as number);
      if (newly === 0) continue;
      if (into !== null) into[i] = (into[i] as number) | newly;
      d[i] = (d[i] as number) | newly;
    }
  }
}

function probesFor(w: Workload, options: ReachabilityOptions): Probe[] {
  if (options.port !== undefined) {
    const protocol = options.protocol ?? 'TCP';
    const port = resolvePort({ kind: 'workload', workload: w }, options.port, protocol);
    return [
      { port, protocol, ...(typeof options.port === 'string' ? { portName: options.port } : {}) },
    ];
  }
  return w.ports
    .filter((p) => options.protocol === undefined || p.protocol === options.protocol)
    .map((p) => ({ port: p.port, protocol: p.protocol }));
}

/** Whether a rule's ports (null: every port) take this port of the destination. */
function rulePortsMatch(
  ports: readonly PolicyPort[] | null,
  dest: { kind: 'workload'; workload: Workload },
  port: number,
  protocol: Protocol,
): boolean {
  if (ports === null) return true;
  for (let i = 0; i < ports.length; i++)
    if (portMatches(ports[i] as PolicyPort, dest, port, protocol)) return true;
  return false;
}

interface RuleRef {
  readonly id: number;
  readonly policy: NetworkPolicy;
  readonly rule: PolicyRule;
}

/**
 * What a side's cluster tiers decide over candidates (sources for ingress, flows for egress):
 * `accept` and `deny` by the Admin tier; `baseDeny` by the Baseline tier over what the Admin tier
 * left undecided or passed (null when a NetworkPolicy isolates the pod: Baseline is not asked).
 * It depends only on the tier rules, never on the NetworkPolicy rules, so it is walked once per
 * distinct list of tier rules and shared by every memoised set with that list.
 */
interface TierWalk {
  readonly accept: Bits;
  readonly deny: Bits;
  readonly baseDeny: Bits | null;
  /** The answer when no NetworkPolicy isolates the pod (the same for every such set). */
  open: Bits | null;
}

function walkTiers(
  isolated: boolean,
  admin: readonly ClusterRuleRef[],
  baseline: readonly ClusterRuleRef[],
  setOf: (r: ClusterRuleRef) => Bits,
  size: number,
): TierWalk {
  const decided = new Bits(size);
  const accept = new Bits(size);
  const deny = new Bits(size);
  walkTier(admin, setOf, decided, accept, deny);
  if (isolated) return { accept, deny, baseDeny: null, open: null };
  // Baseline sees what the Admin tier left undecided or passed.
  const baseDecided = new Bits(size);
  baseDecided.or(accept);
  baseDecided.or(deny);
  const baseDeny = new Bits(size);
  walkTier(baseline, setOf, baseDecided, new Bits(size), baseDeny);
  return { accept, deny, baseDeny, open: null };
}

/**
 * A side's answer through the tiers: Admin Accept, else not Admin Deny and — when a NetworkPolicy
 * isolates the pod — allowed by it, or — when none does — not denied by the Baseline tier.
 * When a NetworkPolicy isolates the pod, `networkPolicy` (a set made for this answer) is changed
 * in place and returned.
 */
function foldTiers(networkPolicy: Bits, walk: TierWalk, size: number): Bits {
  if (walk.baseDeny === null) {
    const out = networkPolicy;
    out.andNot(walk.deny);
    out.or(walk.accept);
    return out;
  }
  if (walk.open === null) {
    const out = new Bits(size).fill();
    out.andNot(walk.deny);
    out.andNot(walk.baseDeny);
    walk.open = out;
  }
  return walk.open;
}

export function computeReachability(
  index: EngineIndex,
  options: ReachabilityOptions = {},
): Reachability {
  try {
    return bulkReachability(index, options);
  } finally {
    // The last slab stays with the sets carved from it, not with this module.
    slab = null;
  }
}

function bulkReachability(index: EngineIndex, options: ReachabilityOptions): Reachability {
  const pods = index.workloads.filter((w) => !w.inferred);
  // Everything below runs over classes of pods that no policy tells apart (one stands for all).
  const classes = podClasses(index, pods);
  const reps = classes.representatives;
  const size = classes.sizes;
  const n = reps.length;

  // Peer sets: one bitset over classes per distinct peer (a selector in the same namespace is
  // distinct per namespace), tested only in the namespace groups its namespace selector picks.
  const groupsMatching = new Map<string, number[]>();
  const groupsOf = (sel: LabelSelector): number[] => {
    const key = selectorKey(sel);
    let out = groupsMatching.get(key);
    if (!out) {
      out = [];
      classes.groups.forEach((g, i) => {
        if (matchesSelector(g.labels, sel)) (out as number[]).push(i);
      });
      groupsMatching.set(key, out);
    }
    return out;
  };
  const selectorClasses = (
    groups: readonly number[],
    podSelector: LabelSelector | null,
    skipHostNetwork: boolean,
  ): Bits => {
    const bits = new Bits(n);
    for (let i = 0; i < groups.length; i++) {
      const inGroup = (classes.groups[groups[i] as number] as NamespaceGroup).classes;
      for (let j = 0; j < inGroup.length; j++) {
        const c = inGroup[j] as number;
        const w = reps[c] as Workload;
        if (skipHostNetwork && w.hostNetwork === true) continue;
        if (podSelector === null || matchesSelector(w.labels, podSelector)) bits.set(c);
      }
    }
    return bits;
  };
  const distinctPeers = new Map<string, Bits>();
  // The classes a CIDR holds come from the pod classes, which tested every CIDR in use already.
  const fromList = (list: readonly number[]): Bits => {
    const bits = new Bits(n);
    for (let i = 0; i < list.length; i++) bits.set(list[i] as number);
    return bits;
  };
  const npPeerSet = (policy: NetworkPolicy, peer: PolicyPeer): Bits => {
    if (peer.kind === 'ipBlock') {
      const key = `i${peer.cidr.length}:${peer.cidr}${peer.except.map((x) => `${x.length}:${x}`).join('')}`;
      let bits = distinctPeers.get(key);
      if (!bits) {
        // A pod's first IP in the block and in none of its excepts.
        bits = fromList(classes.cidrClasses(peer.cidr, false));
        const words = bits.words;
        for (let e = 0; e < peer.except.length; e++) {
          const out = classes.cidrClasses(peer.except[e] as string, false);
          for (let i = 0; i < out.length; i++) {
            const c = out[i] as number;
            words[c >>> 5] = (words[c >>> 5] as number) & ~(1 << (c & 31));
          }
        }
        distinctPeers.set(key, bits);
      }
      return bits;
    }
    const nsSelector = peer.namespaceSelector;
    // A peer in the policy's own namespace tests only that namespace's few classes: cheaper
    // than a key to share it by.
    if (nsSelector === null) {
      const own = classes.groupOfNamespace.get(policy.namespace);
      return selectorClasses(own === undefined ? [] : [own], peer.podSelector, false);
    }
    const key = `s${selectorKey(nsSelector)}${peer.podSelector === null ? '*' : selectorKey(peer.podSelector)}`;
    let bits = distinctPeers.get(key);
    if (!bits) {
      bits = selectorClasses(groupsOf(nsSelector), peer.podSelector, false);
      distinctPeers.set(key, bits);
    }
    return bits;
  };
  const peerSets = new Map<PolicyRule, Bits>();
  const peerSet = (policy: NetworkPolicy, rule: PolicyRule): Bits => {
    const known = peerSets.get(rule);
    if (known) return known;
    let bits: Bits;
    if (rule.peers === null) bits = new Bits(n).fill();
    else if (rule.peers.length === 1) bits = npPeerSet(policy, rule.peers[0] as PolicyPeer);
    else {
      bits = new Bits(n);
      for (const peer of rule.peers) bits.or(npPeerSet(policy, peer));
    }
    peerSets.set(rule, bits);
    return bits;
  };

  // The policies whose podSelector picks a class (either direction), asked once per class.
  const selected = new Map<Workload, NetworkPolicy[]>();
  const selectedBy = (w: Workload): NetworkPolicy[] => {
    let out = selected.get(w);
    if (!out) {
      out = [];
      const inNamespace = index.policiesByNamespace.get(w.namespace) ?? [];
      for (let i = 0; i < inNamespace.length; i++) {
        const p = inNamespace[i] as NetworkPolicy;
        if (matchesSelector(w.labels, p.podSelector)) out.push(p);
      }
      selected.set(w, out);
    }
    return out;
  };
  const rulesOf = (
    w: Workload,
    side: 'ingress' | 'egress',
  ): { isolated: boolean; rules: RuleRef[] } => {
    const selecting = selectedBy(w);
    const rules: RuleRef[] = [];
    let isolated = false;
    for (let i = 0; i < selecting.length; i++) {
      const p = selecting[i] as NetworkPolicy;
      if (!p.policyTypes[side]) continue;
      isolated = true;
      const list = side === 'ingress' ? p.ingress : p.egress;
      for (let j = 0; j < list.length; j++) {
        const rule = list[j] as PolicyRule;
        let ref = ruleRefs.get(rule);
        if (ref === undefined) ruleRefs.set(rule, (ref = { id: ruleId(rule), policy: p, rule }));
        rules.push(ref);
      }
    }
    return { isolated, rules };
  };
  // One reference per rule, shared by every class whose lists hold it.
  const ruleRefs = new Map<PolicyRule, RuleRef>();
  const ids = new Map<PolicyRule, number>();
  const ruleId = (r: PolicyRule) => {
    let id = ids.get(r);
    if (id === undefined) ids.set(r, (id = ids.size));
    return id;
  };

  // Cluster tiers: each distinct peer's classes once; a class's tier rules in order.
  const cluster = index.clusterPolicies.length > 0;
  const clusterPeerSets = new Map<ClusterPolicyRule, Bits>();
  const labelsOf = (ns: string) => namespaceLabelsOf(index, ns);
  const clusterPeerBits = (peer: ClusterPeer): Bits => {
    const key = JSON.stringify(peer);
    let bits = distinctPeers.get(`c${key}`);
    if (bits) return bits;
    if (peer.kind === 'namespaces' || peer.kind === 'pods')
      bits = selectorClasses(
        groupsOf(peer.namespaceSelector),
        peer.kind === 'pods' ? peer.podSelector : null,
        true,
      );
    else if (peer.kind === 'networks') bits = networkClasses(peer);
    else {
      bits = new Bits(n);
      for (let c = 0; c < n; c++)
        if (
          clusterPeerMatches(index, labelsOf, peer, {
            kind: 'workload',
            workload: reps[c] as Workload,
          })
        )
          bits.set(c);
    }
    distinctPeers.set(`c${key}`, bits);
    return bits;
  };
  // A networks peer holds a class when one of its addresses is in one of the CIDRs.
  const networkClasses = (peer: Extract<ClusterPeer, { kind: 'networks' }>): Bits => {
    const bits = new Bits(n);
    for (let i = 0; i < peer.cidrs.length; i++) {
      const list = classes.cidrClasses(peer.cidrs[i] as string, true);
      for (let j = 0; j < list.length; j++) bits.set(list[j] as number);
    }
    return bits;
  };
  const clusterPeerSet = (rule: ClusterPolicyRule): Bits => {
    const known = clusterPeerSets.get(rule);
    if (known) return known;
    const bits = new Bits(n);
    if (failsClosed(rule)) bits.fill();
    else for (const peer of rule.peers) bits.or(clusterPeerBits(peer));
    clusterPeerSets.set(rule, bits);
    return bits;
  };
  // A class's tier rules for a side are those of the tier's policies that select it, in order.
  // Per tier and side: the policies with rules on that side, and the distinct pod selectors of
  // their subjects (policies often share one). Per namespace: the candidates, those policies whose
  // subject's namespace selector picks it. Per class: which of the candidates' distinct pod
  // selectors pick it, each asked once per class (not once per policy), as a number; the rule
  // list by that number is memoised per namespace, and lists are shared by every namespace and
  // class that the same policies select (by a key of policy indices), so what follows (the rules
  // that take a probe, the tier walks) is memoised per distinct list, not per class or namespace.
  interface TierCandidates {
    /** Indices (in the slot's policies) of the candidates, in evaluation order. */
    readonly policies: readonly number[];
    /** Per candidate: the bit of its pod selector among `selectors` (0: none, or past 30). */
    readonly bit: readonly number[];
    /** The distinct pod selectors of the candidates (as indices in the slot's selectors). */
    readonly selectors: readonly number[];
    /** Rule lists by which of `selectors` pick the class (bit i for selectors[i]). */
    readonly lists: Map<number, ClusterRuleList>;
  }
  interface TierSlot {
    readonly policies: readonly ClusterNetworkPolicy[];
    /** Per policy: the index of its subject's pod selector in `selectors`, or -1 when null. */
    readonly selectorOf: readonly number[];
    /** Per distinct pod selector: whether it picks each class (0 not asked yet, 1 no, 2 yes). */
    readonly picks: Uint8Array[];
    readonly selectors: readonly LabelSelector[];
    /** Candidates by the namespace's labels as namespace selectors read them. */
    readonly byNamespace: Map<string, TierCandidates>;
    /** Rule lists by the selected policies' indices, shared across namespaces. */
    readonly lists: Map<string, ClusterRuleList>;
  }
  const tierSlots: (TierSlot | undefined)[] = [];
  const slotOf = (tier: ClusterTier, side: 'ingress' | 'egress'): TierSlot => {
    const s = (tier === 'Admin' ? 0 : 2) + (side === 'ingress' ? 0 : 1);
    const known = tierSlots[s];
    if (known !== undefined) return known;
    const policies = (index.clusterTiers[tier] as readonly ClusterNetworkPolicy[]).filter(
      (p) => p[side].length > 0,
    );
    const selectors: LabelSelector[] = [];
    const selectorKeys = new Map<string, number>();
    const selectorOf = policies.map((p) => {
      const sel = p.subject.podSelector;
      if (sel === null) return -1;
      const key = selectorKey(sel);
      let i = selectorKeys.get(key);
      if (i === undefined) {
        selectorKeys.set(key, (i = selectors.length));
        selectors.push(sel);
      }
      return i;
    });
    const slot: TierSlot = {
      policies,
      selectorOf,
      picks: selectors.map(() => new Uint8Array(n)),
      selectors,
      byNamespace: new Map(),
      lists: new Map(),
    };
    tierSlots[s] = slot;
    return slot;
  };
  const candidatesIn = (slot: TierSlot, namespace: string): TierCandidates => {
    // Namespaces whose labels read alike have the same candidates (and share their lists).
    const view = classes.namespaceView(namespace);
    const known = slot.byNamespace.get(view);
    if (known !== undefined) return known;
    const nsLabels = labelsOf(namespace);
    const policies: number[] = [];
    const bit: number[] = [];
    const selectors: number[] = [];
    for (let i = 0; i < slot.policies.length; i++) {
      const p = slot.policies[i] as ClusterNetworkPolicy;
      if (!matchesSelector(nsLabels, p.subject.namespaceSelector)) continue;
      policies.push(i);
      const sel = slot.selectorOf[i] as number;
      if (sel < 0) {
        bit.push(0);
        continue;
      }
      let j = selectors.indexOf(sel);
      if (j < 0) {
        j = selectors.length;
        selectors.push(sel);
      }
      bit.push(j < 30 ? 1 << j : 0);
    }
    const made: TierCandidates = { policies, bit, selectors, lists: new Map() };
    slot.byNamespace.set(view, made);
    return made;
  };
  const clusterRefs = new Map<ClusterPolicyRule, ClusterRuleRef>();
  let listCount = 0;
  const EMPTY_LIST: ClusterRuleList = { id: -1, rules: [], key: '', tid: 0, named: false };
  // A number per distinct list of rules (by key), so that a flow's memo keys need no text.
  const tids = new Map<string, number>([['', 0]]);
  const tidOf = (key: string): number => {
    let t = tids.get(key);
    if (t === undefined) tids.set(key, (t = tids.size));
    return t;
  };
  /** Whether a slot's pod selector picks class c (clusterPolicySelects' pod test), asked once. */
  const picked = (slot: TierSlot, sel: number, c: number): boolean => {
    const picks = slot.picks[sel] as Uint8Array;
    let v = picks[c] as number;
    if (v === 0) {
      v = matchesSelector((reps[c] as Workload).labels, slot.selectors[sel] as LabelSelector)
        ? 2
        : 1;
      picks[c] = v;
    }
    return v === 2;
  };
  const clusterRulesOf = (
    c: number,
    tier: ClusterTier,
    side: 'ingress' | 'egress',
  ): ClusterRuleList => {
    const w = reps[c] as Workload;
    if (!cluster || w.hostNetwork === true) return EMPTY_LIST;
    const slot = slotOf(tier, side);
    const candidates = candidatesIn(slot, w.namespace);
    const selectors = candidates.selectors;
    // Which distinct selectors pick the class, as bits (with more than 30, each is asked below).
    const small = selectors.length <= 30;
    let mask = 0;
    if (small) {
      for (let j = 0; j < selectors.length; j++)
        if (picked(slot, selectors[j] as number, c)) mask |= 1 << j;
      const known = candidates.lists.get(mask);
      if (known !== undefined) return known;
    }
    // The selected candidates' indices: the key of the list, across namespaces.
    const chosen: number[] = [];
    let key = '';
    for (let i = 0; i < candidates.policies.length; i++) {
      const p = candidates.policies[i] as number;
      const sel = slot.selectorOf[p] as number;
      if (sel >= 0) {
        if (small ? (mask & (candidates.bit[i] as number)) === 0 : !picked(slot, sel, c)) continue;
      }
      chosen.push(p);
      key += `${p},`;
    }
    let made = slot.lists.get(key);
    if (made === undefined) {
      const rules: ClusterRuleRef[] = [];
      let named = false;
      for (let i = 0; i < chosen.length; i++) {
        const list = (slot.policies[chosen[i] as number] as ClusterNetworkPolicy)[side];
        for (let j = 0; j < list.length; j++) {
          const rule = list[j] as ClusterPolicyRule;
          let ref = clusterRefs.get(rule);
          if (ref === undefined)
            clusterRefs.set(
              rule,
              (ref = { id: clusterRefs.size, rule, closed: failsClosed(rule) }),
            );
          rules.push(ref);
          if (rule.ports !== null && rule.ports.some((x) => x.kind !== 'port')) named = true;
        }
      }
      const ruleKey = rules.map((r) => r.id).join(',');
      made =
        rules.length === 0
          ? EMPTY_LIST
          : { id: listCount++, rules, key: ruleKey, tid: tidOf(ruleKey), named };
      slot.lists.set(key, made);
    }
    if (small) candidates.lists.set(mask, made);
    return made;
  };
  const clusterRulePorts = (
    r: ClusterRuleRef,
    dest: { kind: 'workload'; workload: Workload },
    port: number,
    protocol: Protocol,
  ): boolean => {
    const ports = r.rule.ports;
    if (ports === null || r.closed) return true;
    for (let i = 0; i < ports.length; i++)
      if (clusterPortMatches(ports[i] as ClusterPort, dest, port, protocol)) return true;
    return false;
  };

  // A list's rules whose ports take a probe of a destination: they depend on the port, the
  // protocol and (for named ports) the names the destination declares for that port. Asked per
  // flow: a list without named ports looks the probe up by number (no key text per flow).
  const portTaken = new Map<string, ClusterRuleList>();
  const takenBy = (
    list: ClusterRuleList,
    dest: { kind: 'workload'; workload: Workload },
    port: number,
    protocol: Protocol,
  ): ClusterRuleList => {
    const rules: ClusterRuleRef[] = [];
    for (let i = 0; i < list.rules.length; i++) {
      const r = list.rules[i] as ClusterRuleRef;
      if (clusterRulePorts(r, dest, port, protocol)) rules.push(r);
    }
    if (rules.length === list.rules.length) return list;
    const key = rules.map((r) => r.id).join(',');
    return { id: -1, rules, key, tid: tidOf(key), named: false };
  };
  const rulesForProbe = (
    list: ClusterRuleList,
    dest: { kind: 'workload'; workload: Workload },
    port: number,
    protocol: Protocol,
  ): ClusterRuleList => {
    if (list.rules.length === 0) return list;
    if (!list.named) {
      const code = port * 4 + (protocol === 'TCP' ? 0 : protocol === 'UDP' ? 1 : 2);
      let byProbe = list.byProbe;
      if (byProbe === undefined) list.byProbe = byProbe = new Map();
      let out = byProbe.get(code);
      if (out === undefined) byProbe.set(code, (out = takenBy(list, dest, port, protocol)));
      return out;
    }
    let key = `${list.id}:${port}/${protocol}`;
    const declared = dest.workload.ports;
    for (let i = 0; i < declared.length; i++) {
      const c = declared[i] as ContainerPort;
      if (c.port === port && c.protocol === protocol) key += `:${c.name ?? ''}`;
    }
    let out = portTaken.get(key);
    if (out === undefined) portTaken.set(key, (out = takenBy(list, dest, port, protocol)));
    return out;
  };

  // Flows: (destination class, probe) pairs.
  const probes = reps.map((w) => probesFor(w, options));
  const flowStart = new Int32Array(n + 1);
  for (let d = 0; d < n; d++) flowStart[d + 1] = (flowStart[d] ?? 0) + (probes[d]?.length ?? 0);
  const flowCount = flowStart[n] ?? 0;

  // Ingress: the source classes allowed into each flow, memoised by the rules that apply to it:
  // the NetworkPolicy rules' ids as text, then the pair of tier lists (tids) as a number.
  const ingressMemo = new Map<string, Map<number, number>>();
  const tierPairs = new Map<number, Map<number, number>>();
  let pairCount = 1; // 0: no tier rules take the probe
  const tierPairOf = (admin: number, baseline: number): number => {
    let byBaseline = tierPairs.get(admin);
    if (byBaseline === undefined) tierPairs.set(admin, (byBaseline = new Map()));
    let pair = byBaseline.get(baseline);
    if (pair === undefined) byBaseline.set(baseline, (pair = pairCount++));
    return pair;
  };
  // The tier walks by their rule lists and whether a NetworkPolicy isolates (pair * 2 + 1 when
  // it does): few, shared.
  const ingressWalks = new Map<number, TierWalk>();
  const clusterPeerSetOf = (r: ClusterRuleRef): Bits => clusterPeerSet(r.rule);
  const ingressSets: Bits[] = [];
  const ingressOf = new Int32Array(flowCount);
  const all = new Bits(n).fill();
  const none = new Bits(n);
  ingressSets.push(none);
  let ingressIsolated = 0;
  for (let d = 0; d < n; d++) {
    const w = reps[d] as Workload;
    const { isolated, rules } = rulesOf(w, 'ingress');
    if (isolated) ingressIsolated += size[d] ?? 0;
    const dest = { kind: 'workload', workload: w } as const;
    const admin = clusterRulesOf(d, 'Admin', 'ingress');
    const baseline = isolated ? EMPTY_LIST : clusterRulesOf(d, 'Baseline', 'ingress');
    const tiers = admin.rules.length + baseline.rules.length > 0;
    const toD = probes[d] ?? [];
    for (let k = 0; k < toD.length; k++) {
      const probe = toD[k] as Probe;
      const f = (flowStart[d] ?? 0) + k;
      if (probe.port === null) {
        ingressOf[f] = 0;
        continue;
      }
      const port = probe.port;
      // The rules whose ports take the probe, and their ids as the memo's key.
      const applicable: RuleRef[] = [];
      let npKey = '*';
      if (isolated) {
        npKey = '';
        for (let i = 0; i < rules.length; i++) {
          const r = rules[i] as RuleRef;
          if (!rulePortsMatch(r.rule.ports, dest, port, probe.protocol)) continue;
          npKey = applicable.length === 0 ? String(r.id) : `${npKey},${r.id}`;
          applicable.push(r);
        }
      }
      let pair = 0;
      let adminHere: readonly ClusterRuleRef[] = EMPTY_LIST.rules;
      let baselineHere: readonly ClusterRuleRef[] = EMPTY_LIST.rules;
      if (tiers) {
        const a = rulesForProbe(admin, dest, port, probe.protocol);
        const b = rulesForProbe(baseline, dest, port, probe.protocol);
        adminHere = a.rules;
        baselineHere = b.rules;
        if (a.tid !== 0 || b.tid !== 0) pair = tierPairOf(a.tid, b.tid);
      }
      let byPair = ingressMemo.get(npKey);
      if (byPair === undefined) ingressMemo.set(npKey, (byPair = new Map()));
      let id = byPair.get(pair);
      if (id === undefined) {
        let bits: Bits;
        if (isolated) {
          bits = new Bits(n);
          for (let i = 0; i < applicable.length; i++) {
            const r = applicable[i] as RuleRef;
            bits.or(peerSet(r.policy, r.rule));
          }
        } else bits = all;
        if (tiers) {
          const walkKey = pair * 2 + (isolated ? 1 : 0);
          let walk = ingressWalks.get(walkKey);
          if (walk === undefined) {
            walk = walkTiers(isolated, adminHere, baselineHere, clusterPeerSetOf, n);
            ingressWalks.set(walkKey, walk);
          }
          bits = foldTiers(bits, walk, n);
        }
        id = ingressSets.length;
        ingressSets.push(bits);
        byPair.set(pair, id);
      }
      ingressOf[f] = id;
    }
  }

  // Egress: source classes grouped by the egress rules that govern them.
  interface Group {
    readonly isolated: boolean;
    readonly rules: RuleRef[];
    readonly admin: readonly ClusterRuleRef[];
    readonly baseline: readonly ClusterRuleRef[];
    readonly members: number[];
    /** The tier rule lists (and whether a NetworkPolicy isolates): the key of its tier walk. */
    readonly tierKey: string;
    table: Bits;
  }
  const groups = new Map<string, Group>();
  const groupOf = new Array<Group>(n);
  let egressIsolated = 0;
  for (let s = 0; s < n; s++) {
    const w = reps[s] as Workload;
    const { isolated, rules } = rulesOf(w, 'egress');
    if (isolated) egressIsolated += size[s] ?? 0;
    const adminList = clusterRulesOf(s, 'Admin', 'egress');
    const baselineList = isolated ? EMPTY_LIST : clusterRulesOf(s, 'Baseline', 'egress');
    const admin = adminList.rules;
    const baseline = baselineList.rules;
    const tiers = admin.length + baseline.length > 0 ? `|${adminList.tid}|${baselineList.tid}` : '';
    let ids = '';
    for (let i = 0; i < rules.length; i++)
      ids = i === 0 ? String((rules[i] as RuleRef).id) : `${ids},${(rules[i] as RuleRef).id}`;
    const key = `${isolated ? 'i' : 'o'}${ids}${tiers}`;
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = {
          isolated,
          rules,
          admin,
          baseline,
          members: [],
          tierKey: `${isolated ? 'i' : 'o'}${tiers}`,
          table: none,
        }),
      );
    g.members.push(s);
    groupOf[s] = g;
  }
  const ruleFlows = new Map<PolicyRule, Bits>();
  const flowsOfRule = (r: RuleRef): Bits => {
    const known = ruleFlows.get(r.rule);
    if (known) return known;
    const bits = new Bits(flowCount);
    const ports = r.rule.ports;
    peerSet(r.policy, r.rule).forEach((d) => {
      const toD = probes[d] ?? [];
      const dest = { kind: 'workload', workload: reps[d] as Workload } as const;
      for (let k = 0; k < toD.length; k++) {
        const probe = toD[k] as Probe;
        if (probe.port !== null && rulePortsMatch(ports, dest, probe.port, probe.protocol))
          bits.set((flowStart[d] ?? 0) + k);
      }
    });
    ruleFlows.set(r.rule, bits);
    return bits;
  };
  const clusterFlows = new Map<ClusterPolicyRule, Bits>();
  const flowsOfClusterRule = (r: ClusterRuleRef): Bits => {
    const known = clusterFlows.get(r.rule);
    if (known) return known;
    const bits = new Bits(flowCount);
    clusterPeerSet(r.rule).forEach((d) => {
      const dest = { kind: 'workload', workload: reps[d] as Workload } as const;
      const toD = probes[d] ?? [];
      for (let k = 0; k < toD.length; k++) {
        const probe = toD[k] as Probe;
        if (probe.port !== null && clusterRulePorts(r, dest, probe.port, probe.protocol))
          bits.set((flowStart[d] ?? 0) + k);
      }
    });
    clusterFlows.set(r.rule, bits);
    return bits;
  };
  const egressWalks = new Map<string, TierWalk>();
  const allFlows = new Bits(flowCount).fill();
  for (const g of groups.values()) {
    let t: Bits;
    if (!g.isolated) t = allFlows;
    else {
      t = new Bits(flowCount);
      for (const r of g.rules) t.or(flowsOfRule(r));
    }
    if (g.admin.length + g.baseline.length > 0) {
      let walk = egressWalks.get(g.tierKey);
      if (walk === undefined) {
        walk = walkTiers(g.isolated, g.admin, g.baseline, flowsOfClusterRule, flowCount);
        egressWalks.set(g.tierKey, walk);
      }
      g.table = foldTiers(t, walk, flowCount);
    } else g.table = t;
  }

  const allowedBit = (s: number, d: number, k: number): boolean => {
    const f = (flowStart[d] ?? 0) + k;
    return (ingressSets[ingressOf[f] ?? 0] as Bits).has(s) && (groupOf[s] as Group).table.has(f);
  };

  // Counting: each allowed (source class, flow) cell stands for |source| × |destination| pod
  // flows. Per egress group, the destination sizes of its allowed flows are summed by ingress set
  // (one small-integer add per allowed cell), then each set touched weighs that sum by the pods of
  // the group's classes it admits; a pod to itself is not a counted flow.
  // Sizes as Int32 (a class has fewer than 2^31 pods; a group's sum per set is at most the pods
  // times their ports): in code not yet optimised a Float64Array element is read as a new heap
  // number, and the loop below runs once per allowed cell (hundreds of thousands with cluster
  // tiers that accept widely), so doubles there were megabytes of garbage.
  const sizes32 = Int32Array.from(size);
  const destSize = new Int32Array(flowCount);
  for (let d = 0; d < n; d++)
    for (let f = flowStart[d] as number; f < (flowStart[d + 1] as number); f++)
      destSize[f] = sizes32[d] as number;
  const stamp = new Int32Array(ingressSets.length).fill(-1);
  const destSum = new Int32Array(ingressSets.length);
  const touched = new Int32Array(ingressSets.length);
  let allowedCount = 0;
  let gi = 0;
  for (const g of groups.values()) {
    const members = g.members;
    const words = g.table.words;
    let touchedCount = 0;
    for (let i = 0; i < words.length; i++) {
      let word = words[i] as number;
      const top = (i << 5) + 31;
      while (word !== 0) {
        const low = word & -word;
        const f = top - Math.clz32(low);
        word ^= low;
        const id = ingressOf[f] as number;
        if (stamp[id] !== gi) {
          stamp[id] = gi;
          destSum[id] = 0;
          touched[touchedCount++] = id;
        }
        destSum[id] = (destSum[id] as number) + (destSize[f] as number);
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const id = touched[t] as number;
      // Bits.has inlined: with cluster tiers that accept widely this runs for tens of thousands of
      // (group, set, member) steps, mostly before the optimising compiler takes it.
      const ingress = (ingressSets[id] as Bits).words;
      let w = 0;
      for (let m = 0; m < members.length; m++) {
        const s = members[m] as number;
        if (((ingress[s >>> 5] as number) & (1 << (s & 31))) !== 0) w += sizes32[s] as number;
      }
      if (w !== 0) allowedCount += w * (destSum[id] as number);
    }
    gi++;
  }
  for (let d = 0; d < n; d++)
    for (let k = 0; k < (probes[d]?.length ?? 0); k++)
      if (allowedBit(d, d, k)) allowedCount -= size[d] ?? 0;

  let podFlows = 0;
  for (let d = 0; d < n; d++) podFlows += (size[d] ?? 0) * (probes[d]?.length ?? 0);
  const flows = (pods.length - 1) * podFlows;

  // A pod connecting to itself is not subject to cluster policies: the tables hold the tiers'
  // answer, so such a pair (never counted among the flows) is asked of the per-flow evaluator.
  const classOf = classes.classOf;
  const answer = (from: number, to: number, k: number): boolean => {
    const s = classOf[from] ?? 0;
    const d = classOf[to] ?? 0;
    const w = pods[to] as Workload;
    if (!cluster || from !== to || w.kind !== 'Pod') return allowedBit(s, d, k);
    const probe = probes[d]?.[k];
    if (!probe || probe.port === null) return false;
    const e = { kind: 'workload', workload: w } as const;
    return evaluateFlow(index, { from: e, to: e, port: probe.port, protocol: probe.protocol })
      .allowed;
  };

  return {
    pods,
    probes: pods.map((_, i) => probes[classOf[i] ?? 0] ?? []),
    allowed: answer,
    classOf,
    classAllowed: allowedBit,
    summary: {
      pods: pods.length,
      policies: index.policies.length,
      flows: Math.max(0, flows),
      allowed: allowedCount,
      denied: Math.max(0, flows) - allowedCount,
      ingressIsolatedPods: ingressIsolated,
      egressIsolatedPods: egressIsolated,
    },
  };
}

/** The same answers, one evaluateFlow per pair: the oracle for tests and the benchmark's baseline. */
export function naiveReachability(
  index: EngineIndex,
  options: ReachabilityOptions = {},
): Reachability {
  const pods = index.workloads.filter((w) => !w.inferred);
  const probes = pods.map((w) => probesFor(w, options));
  const verdicts = pods.map((from) =>
    pods.map((to, d) =>
      (probes[d] ?? []).map((p) =>
        p.port === null
          ? false
          : evaluateFlow(index, {
              from: { kind: 'workload', workload: from },
              to: { kind: 'workload', workload: to },
              port: p.port,
              protocol: p.protocol,
            }).allowed,
      ),
    ),
  );
  let flows = 0;
  let allowed = 0;
  pods.forEach((_, s) =>
    pods.forEach((__, d) => {
      if (s === d) return;
      for (const v of verdicts[s]?.[d] ?? []) {
        flows++;
        if (v) allowed++;
      }
    }),
  );
  return {
    pods,
    probes,
    allowed: (from, to, probe) => verdicts[from]?.[to]?.[probe] ?? false,
    // Each pod a class of its own.
    classOf: pods.map((_, i) => i),
    classAllowed: (from, to, probe) => verdicts[from]?.[to]?.[probe] ?? false,
    summary: {
      pods: pods.length,
      policies: index.policies.length,
      flows,
      allowed,
      denied: flows - allowed,
      ingressIsolatedPods: pods.filter((w) => selectingPolicies(index, w, 'ingress').length > 0)
        .length,
      egressIsolatedPods: pods.filter((w) => selectingPolicies(index, w, 'egress').length > 0)
        .length,
    },
  };
}
