// Whole-workspace reachability without scanning every policy for every pair: each rule's peers
// become a bitset over pods once, sources with the same egress rules share one table, and a
// destination's allowed sources are the OR of its matching ingress rules' bitsets. Cluster policy
// tiers fold in the same way: each rule's peers are a bitset once, and walking a pod's tier rules
// in order splits the bitset of peers (or flows) into accepted, denied and passed ones.
import type {
  ClusterNetworkPolicy,
  ClusterPolicyRule,
  ClusterTier,
  NetworkPolicy,
  PolicyRule,
  Protocol,
  Workload,
} from '../model/types.ts';
import { matchesSelector } from '../model/selector.ts';
import { clusterPolicySelects } from '../model/policy-selection.ts';
import { clusterPeerMatches, clusterPortMatches, failsClosed } from './cluster-tiers.ts';
import {
  evaluateFlow,
  namespaceLabelsOf,
  peerMatches,
  portMatches,
  resolvePort,
  selectingPolicies,
} from './evaluate.ts';
import type { EngineIndex } from './evaluate.ts';

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
  readonly summary: ReachabilitySummary;
}

class Bits {
  readonly words: Uint32Array;
  constructor(readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }
  set(i: number): void {
    this.words[i >>> 5] = (this.words[i >>> 5] ?? 0) | (1 << (i & 31));
  }
  has(i: number): boolean {
    return ((this.words[i >>> 5] ?? 0) & (1 << (i & 31))) !== 0;
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
    for (let i = 0; i < a.length; i++) a[i] = (a[i] ?? 0) | (b[i] ?? 0);
  }
  andNot(other: Bits): void {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] = (a[i] ?? 0) & ~(b[i] ?? 0);
  }
  clone(): Bits {
    const c = new Bits(this.size);
    c.words.set(this.words);
    return c;
  }
}

/** One rule of a cluster tier, as the bulk engine walks it. */
interface ClusterRuleRef {
  readonly id: number;
  readonly rule: ClusterPolicyRule;
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
  for (const r of rules) {
    const newly = setOf(r).clone();
    newly.andNot(decided);
    if (r.rule.action === 'Accept') accept.or(newly);
    else if (r.rule.action === 'Deny' || failsClosed(r.rule)) deny.or(newly);
    decided.or(newly);
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
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

interface RuleRef {
  readonly id: number;
  readonly policy: NetworkPolicy;
  readonly rule: PolicyRule;
}

/**
 * A side's answer through the tiers, over candidates (sources for ingress, flows for egress):
 * Admin Accept, else not Admin Deny and — when a NetworkPolicy isolates the pod — allowed by it,
 * or — when none does — not denied by the Baseline tier.
 */
function foldTiers(
  networkPolicy: Bits,
  isolated: boolean,
  admin: readonly ClusterRuleRef[],
  baseline: readonly ClusterRuleRef[],
  setOf: (r: ClusterRuleRef) => Bits,
  size: number,
): Bits {
  const decided = new Bits(size);
  const accept = new Bits(size);
  const deny = new Bits(size);
  walkTier(admin, setOf, decided, accept, deny);
  if (isolated) {
    const out = networkPolicy.clone();
    out.andNot(deny);
    out.or(accept);
    return out;
  }
  // Baseline sees what the Admin tier left undecided or passed.
  const baseDecided = accept.clone();
  baseDecided.or(deny);
  const baseDeny = new Bits(size);
  walkTier(baseline, setOf, baseDecided, new Bits(size), baseDeny);
  const out = new Bits(size).fill();
  out.andNot(deny);
  out.andNot(baseDeny);
  return out;
}

export function computeReachability(
  index: EngineIndex,
  options: ReachabilityOptions = {},
): Reachability {
  // Pods ordered by namespace, so the members of a namespace occupy a run of bitset words.
  const pods = index.workloads.filter((w) => !w.inferred);
  const order = pods
    .map((_, i) => i)
    .sort((a, b) => {
      const na = pods[a]?.namespace ?? '';
      const nb = pods[b]?.namespace ?? '';
      return na < nb ? -1 : na > nb ? 1 : a - b;
    });
  const sorted = order.map((i) => pods[i] as Workload);
  const bitOf = new Int32Array(pods.length);
  order.forEach((orig, bit) => (bitOf[orig] = bit));
  const n = sorted.length;
  const byNamespace = new Map<string, number[]>();
  sorted.forEach((w, bit) => {
    const list = byNamespace.get(w.namespace) ?? [];
    list.push(bit);
    byNamespace.set(w.namespace, list);
  });

  // Each rule's peers as a bitset over pods, evaluated once.
  const peerSets = new Map<PolicyRule, Bits>();
  const peerSet = (policy: NetworkPolicy, rule: PolicyRule): Bits => {
    const known = peerSets.get(rule);
    if (known) return known;
    const bits = new Bits(n);
    if (rule.peers === null) bits.fill();
    else {
      for (const peer of rule.peers) {
        if (peer.kind === 'selector') {
          // Only pods in namespaces the peer can select are tested.
          for (const [ns, members] of byNamespace) {
            if (
              peer.namespaceSelector === null
                ? ns !== policy.namespace
                : !matchesSelector(namespaceLabelsOf(index, ns), peer.namespaceSelector)
            )
              continue;
            for (const bit of members) {
              if (
                peer.podSelector === null ||
                matchesSelector((sorted[bit] as Workload).labels, peer.podSelector)
              )
                bits.set(bit);
            }
          }
        } else {
          sorted.forEach((w, bit) => {
            if (peerMatches(index, policy, peer, { kind: 'workload', workload: w })) bits.set(bit);
          });
        }
      }
    }
    peerSets.set(rule, bits);
    return bits;
  };

  const rulesOf = (
    w: Workload,
    side: 'ingress' | 'egress',
  ): { isolated: boolean; rules: RuleRef[] } => {
    const policies = selectingPolicies(index, w, side);
    const rules: RuleRef[] = [];
    for (const p of policies)
      (side === 'ingress' ? p.ingress : p.egress).forEach((rule) =>
        rules.push({ id: ruleId(rule), policy: p, rule }),
      );
    return { isolated: policies.length > 0, rules };
  };
  const ids = new Map<PolicyRule, number>();
  const ruleId = (r: PolicyRule) => {
    let id = ids.get(r);
    if (id === undefined) ids.set(r, (id = ids.size));
    return id;
  };

  // Cluster tiers: each rule's peers as a bitset over pods, once; a pod's tier rules in order.
  const cluster = index.clusterPolicies.length > 0;
  const clusterIds = new Map<ClusterPolicyRule, number>();
  const clusterPeerSets = new Map<ClusterPolicyRule, Bits>();
  const labelsOf = (ns: string) => namespaceLabelsOf(index, ns);
  const clusterPeerSet = (rule: ClusterPolicyRule): Bits => {
    const known = clusterPeerSets.get(rule);
    if (known) return known;
    const bits = new Bits(n);
    if (failsClosed(rule)) bits.fill();
    else
      for (const peer of rule.peers) {
        if (peer.kind === 'namespaces' || peer.kind === 'pods') {
          for (const [ns, members] of byNamespace) {
            if (!matchesSelector(labelsOf(ns), peer.namespaceSelector)) continue;
            for (const bit of members) {
              const w = sorted[bit] as Workload;
              if (w.hostNetwork === true) continue;
              if (peer.kind === 'namespaces' || matchesSelector(w.labels, peer.podSelector))
                bits.set(bit);
            }
          }
        } else if (peer.kind === 'networks') {
          sorted.forEach((w, bit) => {
            if (clusterPeerMatches(index, labelsOf, peer, { kind: 'workload', workload: w }))
              bits.set(bit);
          });
        }
      }
    clusterPeerSets.set(rule, bits);
    return bits;
  };
  const clusterRulesOf = (
    w: Workload,
    tier: ClusterTier,
    side: 'ingress' | 'egress',
  ): ClusterRuleRef[] => {
    if (!cluster) return [];
    const nsLabels = labelsOf(w.namespace);
    const out: ClusterRuleRef[] = [];
    for (const p of index.clusterTiers[tier] as readonly ClusterNetworkPolicy[]) {
      if (!clusterPolicySelects(p, w, nsLabels, side)) continue;
      for (const rule of p[side]) {
        let id = clusterIds.get(rule);
        if (id === undefined) clusterIds.set(rule, (id = clusterIds.size));
        out.push({ id, rule });
      }
    }
    return out;
  };
  const clusterRulePorts = (
    r: ClusterRuleRef,
    dest: { kind: 'workload'; workload: Workload },
    port: number,
    protocol: Protocol,
  ): boolean =>
    failsClosed(r.rule) ||
    r.rule.ports === null ||
    r.rule.ports.some((p) => clusterPortMatches(p, dest, port, protocol));

  // Flows: (destination bit, probe) pairs.
  const probes = sorted.map((w) => probesFor(w, options));
  const flowStart = new Int32Array(n + 1);
  for (let d = 0; d < n; d++) flowStart[d + 1] = (flowStart[d] ?? 0) + (probes[d]?.length ?? 0);
  const flowCount = flowStart[n] ?? 0;

  // Ingress: the sources allowed into each flow, memoised by the rules that apply to it.
  const ingressMemo = new Map<string, Bits>();
  const ingressOf: Bits[] = new Array<Bits>(flowCount);
  const all = new Bits(n).fill();
  const none = new Bits(n);
  let ingressIsolated = 0;
  sorted.forEach((w, d) => {
    const { isolated, rules } = rulesOf(w, 'ingress');
    if (isolated) ingressIsolated++;
    const dest = { kind: 'workload', workload: w } as const;
    const admin = clusterRulesOf(w, 'Admin', 'ingress');
    const baseline = isolated ? [] : clusterRulesOf(w, 'Baseline', 'ingress');
    (probes[d] ?? []).forEach((probe, k) => {
      const f = (flowStart[d] ?? 0) + k;
      if (probe.port === null) {
        ingressOf[f] = none;
        return;
      }
      const port = probe.port;
      const applicable = isolated
        ? rules.filter(
            (r) =>
              r.rule.ports === null ||
              r.rule.ports.some((p) => portMatches(p, dest, port, probe.protocol)),
          )
        : [];
      const npKey = isolated ? applicable.map((r) => r.id).join(',') : '*';
      const tiers = admin.length + baseline.length > 0;
      const adminHere = admin.filter((r) => clusterRulePorts(r, dest, port, probe.protocol));
      const baselineHere = baseline.filter((r) => clusterRulePorts(r, dest, port, probe.protocol));
      const key = tiers
        ? `${npKey}|${adminHere.map((r) => r.id).join(',')}|${baselineHere.map((r) => r.id).join(',')}`
        : npKey;
      let bits = ingressMemo.get(key);
      if (!bits) {
        if (isolated) {
          bits = new Bits(n);
          for (const r of applicable) bits.or(peerSet(r.policy, r.rule));
        } else bits = all;
        if (tiers)
          bits = foldTiers(
            bits,
            isolated,
            adminHere,
            baselineHere,
            (r) => clusterPeerSet(r.rule),
            n,
          );
        ingressMemo.set(key, bits);
      }
      ingressOf[f] = bits;
    });
  });

  // Egress: sources grouped by namespace and the egress rules that govern them.
  interface Group {
    readonly namespace: string;
    readonly isolated: boolean;
    readonly rules: RuleRef[];
    readonly admin: ClusterRuleRef[];
    readonly baseline: ClusterRuleRef[];
    readonly members: number[];
    table?: Bits;
  }
  const groups = new Map<string, Group>();
  const groupOf = new Array<Group>(n);
  let egressIsolated = 0;
  sorted.forEach((w, s) => {
    const { isolated, rules } = rulesOf(w, 'egress');
    if (isolated) egressIsolated++;
    const admin = clusterRulesOf(w, 'Admin', 'egress');
    const baseline = isolated ? [] : clusterRulesOf(w, 'Baseline', 'egress');
    const tiers =
      admin.length + baseline.length > 0
        ? `|${admin.map((r) => r.id).join(',')}|${baseline.map((r) => r.id).join(',')}`
        : '';
    const key = `${w.namespace}\u0000${isolated ? 'i' : 'o'}${rules.map((r) => r.id).join(',')}${tiers}`;
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = { namespace: w.namespace, isolated, rules, admin, baseline, members: [] }),
      );
    g.members.push(s);
    groupOf[s] = g;
  });
  const ruleFlows = new Map<PolicyRule, Bits>();
  const flowsOfRule = (r: RuleRef): Bits => {
    const known = ruleFlows.get(r.rule);
    if (known) return known;
    const bits = new Bits(flowCount);
    const peers = peerSet(r.policy, r.rule);
    for (let d = 0; d < n; d++) {
      if (!peers.has(d)) continue;
      const dest = { kind: 'workload', workload: sorted[d] as Workload } as const;
      (probes[d] ?? []).forEach((probe, k) => {
        if (probe.port === null) return;
        const port = probe.port;
        if (
          r.rule.ports === null ||
          r.rule.ports.some((p) => portMatches(p, dest, port, probe.protocol))
        )
          bits.set((flowStart[d] ?? 0) + k);
      });
    }
    ruleFlows.set(r.rule, bits);
    return bits;
  };
  const clusterFlows = new Map<ClusterPolicyRule, Bits>();
  const flowsOfClusterRule = (r: ClusterRuleRef): Bits => {
    const known = clusterFlows.get(r.rule);
    if (known) return known;
    const bits = new Bits(flowCount);
    const peers = clusterPeerSet(r.rule);
    for (let d = 0; d < n; d++) {
      if (!peers.has(d)) continue;
      const dest = { kind: 'workload', workload: sorted[d] as Workload } as const;
      (probes[d] ?? []).forEach((probe, k) => {
        if (probe.port !== null && clusterRulePorts(r, dest, probe.port, probe.protocol))
          bits.set((flowStart[d] ?? 0) + k);
      });
    }
    clusterFlows.set(r.rule, bits);
    return bits;
  };
  const allFlows = new Bits(flowCount).fill();
  for (const g of groups.values()) {
    let t: Bits;
    if (!g.isolated) t = allFlows;
    else {
      t = new Bits(flowCount);
      for (const r of g.rules) t.or(flowsOfRule(r));
    }
    g.table =
      g.admin.length + g.baseline.length > 0
        ? foldTiers(t, g.isolated, g.admin, g.baseline, flowsOfClusterRule, flowCount)
        : t;
  }

  const allowedBit = (s: number, d: number, k: number): boolean => {
    const f = (flowStart[d] ?? 0) + k;
    return (ingressOf[f] as Bits).has(s) && ((groupOf[s] as Group).table as Bits).has(f);
  };
  // A pod connecting to itself is not subject to cluster policies: the tables hold the tiers'
  // answer, so such a pair (never counted among the flows) is asked of the per-flow evaluator.
  const answer = (s: number, d: number, k: number): boolean => {
    const w = sorted[d] as Workload;
    if (!cluster || s !== d || w.kind !== 'Pod') return allowedBit(s, d, k);
    const probe = probes[d]?.[k];
    if (!probe || probe.port === null) return false;
    const e = { kind: 'workload', workload: w } as const;
    return evaluateFlow(index, { from: e, to: e, port: probe.port, protocol: probe.protocol })
      .allowed;
  };

  // Counting: per flow, the allowed sources of each egress group, word by word over its members.
  let allowedCount = 0;
  const groupList = [...groups.values()].map((g) => {
    const lo = Math.min(...g.members) >>> 5;
    const hi = Math.max(...g.members) >>> 5;
    const mask = new Uint32Array(hi - lo + 1);
    for (const m of g.members) mask[(m >>> 5) - lo] = (mask[(m >>> 5) - lo] ?? 0) | (1 << (m & 31));
    return { g, lo, mask };
  });
  for (let d = 0; d < n; d++) {
    for (let k = 0; k < (probes[d]?.length ?? 0); k++) {
      const f = (flowStart[d] ?? 0) + k;
      const ingress = (ingressOf[f] as Bits).words;
      for (const { g, lo, mask } of groupList) {
        if (!(g.table as Bits).has(f)) continue;
        for (let i = 0; i < mask.length; i++)
          allowedCount += popcount((ingress[lo + i] ?? 0) & (mask[i] ?? 0));
      }
      if (allowedBit(d, d, k)) allowedCount--; // a pod to itself is not a counted flow
    }
  }
  const flows = (n - 1) * flowCount;

  const origProbes = pods.map((_, i) => probes[bitOf[i] ?? 0] ?? []);
  return {
    pods,
    probes: origProbes,
    allowed: (from, to, probe) => answer(bitOf[from] ?? 0, bitOf[to] ?? 0, probe),
    summary: {
      pods: n,
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
