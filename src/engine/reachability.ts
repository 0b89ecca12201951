// Whole-workspace reachability without scanning every policy for every pair: each rule's peers
// become a bitset over pods once, sources with the same egress rules share one table, and a
// destination's allowed sources are the OR of its matching ingress rules' bitsets.
import type { NetworkPolicy, PolicyRule, Protocol, Workload } from '../model/types.ts';
import { matchesSelector } from '../model/selector.ts';
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
    (probes[d] ?? []).forEach((probe, k) => {
      const f = (flowStart[d] ?? 0) + k;
      if (probe.port === null) ingressOf[f] = none;
      else if (!isolated) ingressOf[f] = all;
      else {
        const port = probe.port;
        const applicable = rules.filter(
          (r) =>
            r.rule.ports === null ||
            r.rule.ports.some((p) => portMatches(p, dest, port, probe.protocol)),
        );
        const key = applicable.map((r) => r.id).join(',');
        let bits = ingressMemo.get(key);
        if (!bits) {
          bits = new Bits(n);
          for (const r of applicable) bits.or(peerSet(r.policy, r.rule));
          ingressMemo.set(key, bits);
        }
        ingressOf[f] = bits;
      }
    });
  });

  // Egress: sources grouped by namespace and the egress rules that govern them.
  interface Group {
    readonly namespace: string;
    readonly isolated: boolean;
    readonly rules: RuleRef[];
    readonly members: number[];
    table?: Bits;
  }
  const groups = new Map<string, Group>();
  const groupOf = new Array<Group>(n);
  let egressIsolated = 0;
  sorted.forEach((w, s) => {
    const { isolated, rules } = rulesOf(w, 'egress');
    if (isolated) egressIsolated++;
    const key = `${w.namespace}\u0000${isolated ? 'i' : 'o'}${rules.map((r) => r.id).join(',')}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { namespace: w.namespace, isolated, rules, members: [] }));
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
  const allFlows = new Bits(flowCount).fill();
  for (const g of groups.values()) {
    if (!g.isolated) g.table = allFlows;
    else {
      const t = new Bits(flowCount);
      for (const r of g.rules) t.or(flowsOfRule(r));
      g.table = t;
    }
  }

  const allowedBit = (s: number, d: number, k: number): boolean => {
    const f = (flowStart[d] ?? 0) + k;
    return (ingressOf[f] as Bits).has(s) && ((groupOf[s] as Group).table as Bits).has(f);
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
    allowed: (from, to, probe) => allowedBit(bitOf[from] ?? 0, bitOf[to] ?? 0, probe),
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
