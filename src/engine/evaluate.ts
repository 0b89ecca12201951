// Decides one flow (source → destination, port, protocol) with Kubernetes NetworkPolicy semantics
// inside the cluster tiers (Admin, then NetworkPolicy, then Baseline, then the default allow) and
// explains each side: which tier decided it, which policies isolate it, which rule, peer and port
// allow or deny it.
import type {
  ClusterNetworkPolicy,
  ClusterTier,
  ContainerPort,
  Diagnostic,
  Labels,
  Namespace,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  Protocol,
  Workload,
  Workspace,
} from '../model/types.ts';
import { METADATA_NAME_LABEL } from '../model/types.ts';
import { matchesSelector, labelsFrom } from '../model/selector.ts';
import { cidrContains, parseCidr, parseIp } from '../model/cidr.ts';
import type { Cidr, IpAddress } from '../model/cidr.ts';
import { compareClusterPolicies, policySelects } from '../model/policy-selection.ts';
import { clusterMatchText, evaluateClusterTier } from './cluster-tiers.ts';
import type { ClusterRuleMatch, ClusterTierResult } from './cluster-tiers.ts';

export type { ClusterRuleMatch } from './cluster-tiers.ts';

/** The tier that decided one side of a flow. */
export type DecidingTier = 'Admin' | 'NetworkPolicy' | 'Baseline' | 'Default';

export type Endpoint =
  | { readonly kind: 'workload'; readonly workload: Workload }
  | { readonly kind: 'external'; readonly ip: string };

export interface FlowQuery {
  readonly from: Endpoint;
  readonly to: Endpoint;
  /** A number, or a container port name resolved on the destination. */
  readonly port: number | string;
  readonly protocol: Protocol;
}

export interface RuleMatch {
  /** `namespace/name` of the policy. */
  readonly policy: string;
  readonly ruleIndex: number;
  /** null: the rule has no peers, so it allows every peer. */
  readonly peerIndex: number | null;
  /** null: the rule has no ports, so it allows every port. */
  readonly portIndex: number | null;
  /** Field path of the peer (or rule) in the policy: `spec.ingress[0].from[1]`. */
  readonly path: string;
}

/** A policy the API server would reject (so never enforced) that would otherwise apply here. */
export interface LeftOutPolicy {
  /** `namespace/name`. */
  readonly policy: string;
  /** Its first error: `spec.ingress[0].ports[0].port: must be between 1 and 65535`. */
  readonly problem: string;
  /** The field path of that error ('' when it has none). */
  readonly path: string;
}

export interface SideVerdict {
  readonly side: 'egress' | 'ingress';
  /** False for an external endpoint: no NetworkPolicy governs it. */
  readonly applies: boolean;
  readonly isolated: boolean;
  /** Policies selecting the pod for this direction: the ones that isolate it. */
  readonly policies: readonly string[];
  readonly allowed: boolean;
  /** The rules that allow the flow (in some of `policies`). */
  readonly matches: readonly RuleMatch[];
  /** Rejected policies that would select the pod for this direction, and are left out. */
  readonly leftOut: readonly LeftOutPolicy[];
  /** Why a rule that nearly matched did not: `10.0.1.1 is in except 10.0.1.0/24 of ipBlock …`. */
  readonly details: readonly string[];
  readonly reason: string;
  /**
   * Who decided this side: an Admin tier Accept or Deny; a NetworkPolicy that isolates the pod;
   * a Baseline tier Accept or Deny; or the default (allowed: nothing isolates or denies).
   */
  readonly tier: DecidingTier;
  /** The cluster policy rules that matched, in the order consulted (an Admin Pass, then a decision). */
  readonly clusterMatches: readonly ClusterRuleMatch[];
  /** Ids of the cluster policies that select the pod for this side, per tier, in evaluation order. */
  readonly clusterPolicies: Readonly<Record<ClusterTier, readonly string[]>>;
  /** A pod connecting to itself is not subject to cluster policies. */
  readonly clusterExempt: boolean;
}

export interface Verdict {
  readonly allowed: boolean;
  /** The port number probed, after resolving a name on the destination; null when it did not resolve. */
  readonly port: number | null;
  readonly portName?: string;
  readonly protocol: Protocol;
  readonly reason: string;
  /** What the verdict assumed, e.g. the port of a destination that declares none. */
  readonly notes: readonly string[];
  readonly egress: SideVerdict;
  readonly ingress: SideVerdict;
}

export interface EngineIndex {
  readonly namespaceLabels: ReadonlyMap<string, Labels>;
  /** Valid policies by namespace; invalid ones are rejected by the API server and never enforced. */
  readonly policiesByNamespace: ReadonlyMap<string, readonly NetworkPolicy[]>;
  readonly policies: readonly NetworkPolicy[];
  /** Rejected policies by namespace: never enforced, but explanations name them. */
  readonly rejectedByNamespace: ReadonlyMap<string, readonly NetworkPolicy[]>;
  /** Policy id → its first error, for rejected policies. */
  readonly rejections: ReadonlyMap<string, { readonly problem: string; readonly path: string }>;
  readonly workloads: readonly Workload[];
  /** Valid cluster policies of each tier, in evaluation order (priority, then name). */
  readonly clusterTiers: Readonly<Record<ClusterTier, readonly ClusterNetworkPolicy[]>>;
  /** Every valid cluster policy. */
  readonly clusterPolicies: readonly ClusterNetworkPolicy[];
  readonly cidr: (text: string) => Cidr | null;
  readonly ip: (text: string) => IpAddress | null;
}

function memo<T>(fn: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    if (cache.has(s)) return cache.get(s) as T;
    const v = fn(s);
    cache.set(s, v);
    return v;
  };
}

const NO_DETAIL = { problem: 'it has errors', path: '' } as const;

/** The first error of each rejected policy, matched by its place in the text. */
function rejectionsOf(
  rejected: readonly NetworkPolicy[],
  diagnostics: readonly Diagnostic[],
): Map<string, { problem: string; path: string }> {
  const out = new Map<string, { problem: string; path: string }>();
  for (const p of rejected) {
    const at = p.source;
    const d = at
      ? diagnostics.find(
          (x) =>
            x.severity === 'error' &&
            x.document === at.document &&
            (x.objectPath ?? '') === at.objectPath,
        )
      : undefined;
    out.set(
      p.id,
      d ? { problem: d.path ? `${d.path}: ${d.message}` : d.message, path: d.path } : NO_DETAIL,
    );
  }
  return out;
}

export function buildEngineIndex(
  ws: Pick<Workspace, 'namespaces' | 'workloads' | 'policies'> &
    Partial<Pick<Workspace, 'diagnostics' | 'clusterPolicies'>>,
): EngineIndex {
  const namespaceLabels = new Map<string, Labels>();
  for (const ns of ws.namespaces) namespaceLabels.set(ns.name, ns.labels);
  const ensure = (name: string) => {
    if (!namespaceLabels.has(name))
      namespaceLabels.set(name, labelsFrom([[METADATA_NAME_LABEL, name]]));
  };
  ws.workloads.forEach((w) => ensure(w.namespace));
  const policies = ws.policies.filter((p) => p.valid);
  const policiesByNamespace = new Map<string, NetworkPolicy[]>();
  for (const p of policies) {
    ensure(p.namespace);
    const list = policiesByNamespace.get(p.namespace) ?? [];
    list.push(p);
    policiesByNamespace.set(p.namespace, list);
  }
  const rejected = ws.policies.filter((p) => !p.valid);
  const rejectedByNamespace = new Map<string, NetworkPolicy[]>();
  for (const p of rejected) {
    const list = rejectedByNamespace.get(p.namespace) ?? [];
    list.push(p);
    rejectedByNamespace.set(p.namespace, list);
  }
  const clusterPolicies = (ws.clusterPolicies ?? [])
    .filter((p) => p.valid)
    .sort(compareClusterPolicies);
  return {
    namespaceLabels,
    policiesByNamespace,
    policies,
    rejectedByNamespace,
    rejections: rejectionsOf(rejected, ws.diagnostics ?? []),
    workloads: ws.workloads,
    clusterTiers: {
      Admin: clusterPolicies.filter((p) => p.tier === 'Admin'),
      Baseline: clusterPolicies.filter((p) => p.tier === 'Baseline'),
    },
    clusterPolicies,
    cidr: memo(parseCidr),
    ip: memo(parseIp),
  };
}

export function namespaceLabelsOf(index: EngineIndex, ns: Namespace | string): Labels {
  const name = typeof ns === 'string' ? ns : ns.name;
  return index.namespaceLabels.get(name) ?? labelsFrom([[METADATA_NAME_LABEL, name]]);
}

export function endpointId(e: Endpoint): string {
  return e.kind === 'workload' ? e.workload.id : e.ip;
}

/** The address an ipBlock is matched against: an external IP, or a pod's primary IP. */
function endpointIp(index: EngineIndex, e: Endpoint): IpAddress | null {
  if (e.kind === 'external') return index.ip(e.ip);
  const first = e.workload.ips[0];
  return first === undefined ? null : index.ip(first);
}

export function peerMatches(
  index: EngineIndex,
  policy: NetworkPolicy,
  peer: PolicyPeer,
  e: Endpoint,
): boolean {
  if (peer.kind === 'ipBlock') {
    const ip = endpointIp(index, e);
    const cidr = index.cidr(peer.cidr);
    if (!ip || !cidr || !cidrContains(cidr, ip)) return false;
    return !peer.except.some((x) => {
      const c = index.cidr(x);
      return c !== null && cidrContains(c, ip);
    });
  }
  if (e.kind !== 'workload') return false;
  const w = e.workload;
  if (peer.namespaceSelector === null) {
    if (w.namespace !== policy.namespace) return false;
  } else if (!matchesSelector(namespaceLabelsOf(index, w.namespace), peer.namespaceSelector)) {
    return false;
  }
  return peer.podSelector === null || matchesSelector(w.labels, peer.podSelector);
}

/** A policy port matches when protocol agrees and the number (or the destination's named port) is in range. */
export function portMatches(
  p: PolicyPort,
  destination: Endpoint,
  port: number,
  protocol: Protocol,
): boolean {
  if (p.protocol !== protocol) return false;
  if (p.port === null) return true;
  if (typeof p.port === 'number') return port >= p.port && port <= (p.endPort ?? p.port);
  if (destination.kind !== 'workload') return false;
  // A loop, not `some`: asked for every named port of every rule the engine memoises.
  const declared = destination.workload.ports;
  for (let i = 0; i < declared.length; i++) {
    const c = declared[i] as ContainerPort;
    if (c.name === p.port && c.protocol === protocol && c.port === port) return true;
  }
  return false;
}

function ruleMatch(
  index: EngineIndex,
  policy: NetworkPolicy,
  rule: PolicyRule,
  ruleIndex: number,
  side: 'egress' | 'ingress',
  peerEndpoint: Endpoint,
  destination: Endpoint,
  port: number,
  protocol: Protocol,
): RuleMatch | null {
  let portIndex: number | null = null;
  if (rule.ports !== null) {
    const i = rule.ports.findIndex((p) => portMatches(p, destination, port, protocol));
    if (i < 0) return null;
    portIndex = i;
  }
  let peerIndex: number | null = null;
  if (rule.peers !== null) {
    const i = rule.peers.findIndex((p) => peerMatches(index, policy, p, peerEndpoint));
    if (i < 0) return null;
    peerIndex = i;
  }
  const base = `spec.${side}[${ruleIndex}]`;
  return {
    policy: policy.id,
    ruleIndex,
    peerIndex,
    portIndex,
    path: peerIndex === null ? base : `${base}.${side === 'ingress' ? 'from' : 'to'}[${peerIndex}]`,
  };
}

const selects = (p: NetworkPolicy, w: Workload, side: 'egress' | 'ingress') =>
  policySelects(p, w, side);

const selectingMemo = new WeakMap<
  EngineIndex,
  Record<'egress' | 'ingress', WeakMap<Workload, readonly NetworkPolicy[]>>
>();

/**
 * Policies in the pod's namespace that select it and govern this direction. Remembered per index
 * and workload: a selection's flows ask it for every pair, the same pod each time.
 */
export function selectingPolicies(
  index: EngineIndex,
  w: Workload,
  side: 'egress' | 'ingress',
): readonly NetworkPolicy[] {
  let memo = selectingMemo.get(index);
  if (!memo) selectingMemo.set(index, (memo = { egress: new WeakMap(), ingress: new WeakMap() }));
  let found = memo[side].get(w);
  if (!found) {
    found = (index.policiesByNamespace.get(w.namespace) ?? []).filter((p) => selects(p, w, side));
    memo[side].set(w, found);
  }
  return found;
}

/** Rejected policies that would select the pod for this direction if the API server took them. */
export function leftOutPolicies(
  index: EngineIndex,
  w: Workload,
  side: 'egress' | 'ingress',
): LeftOutPolicy[] {
  return (index.rejectedByNamespace.get(w.namespace) ?? [])
    .filter((p) => selects(p, w, side))
    .map((p) => ({ policy: p.id, ...(index.rejections.get(p.id) ?? NO_DETAIL) }));
}

function list(ids: readonly string[]): string {
  return ids.length <= 3
    ? ids.join(', ')
    : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
}

function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `default-deny (rejected: spec.ingress[0].ports[0].port: …) would select shop/api but is left out`. */
function leftOutText(leftOut: readonly LeftOutPolicy[], w: Workload, which: string): string {
  const named = leftOut.map((l) => `${l.policy} (rejected: ${shorten(l.problem)})`);
  const one = leftOut.length === 1;
  return `${list(named)} would select ${w.id} for ${which} but ${one ? 'is' : 'are'} left out`;
}

/** How a rule is named in explanations: `shop/api-in rule 1, peer 2`. */
function matchText(m: RuleMatch): string {
  return `${m.policy} rule ${m.ruleIndex + 1}${m.peerIndex === null ? '' : `, peer ${m.peerIndex + 1}`}`;
}

/**
 * The rules that would have matched but for an `except`: for each ipBlock peer of a rule whose
 * ports match, whose CIDR holds the address and one of whose excepts holds it too.
 */
function exceptDetails(
  index: EngineIndex,
  policies: readonly NetworkPolicy[],
  which: 'egress' | 'ingress',
  peer: Endpoint,
  destination: Endpoint,
  port: number,
  protocol: Protocol,
): string[] {
  const ip = endpointIp(index, peer);
  if (!ip) return [];
  const shown = peer.kind === 'external' ? peer.ip : (peer.workload.ips[0] ?? '');
  const out: string[] = [];
  for (const p of policies) {
    (which === 'ingress' ? p.ingress : p.egress).forEach((rule, i) => {
      if (
        rule.ports !== null &&
        !rule.ports.some((x) => portMatches(x, destination, port, protocol))
      )
        return;
      for (const b of rule.peers ?? []) {
        if (b.kind !== 'ipBlock') continue;
        const cidr = index.cidr(b.cidr);
        if (!cidr || !cidrContains(cidr, ip)) continue;
        const hit = b.except.find((x) => {
          const c = index.cidr(x);
          return c !== null && cidrContains(c, ip);
        });
        if (hit !== undefined)
          out.push(
            `${shown} is in except ${hit} of ipBlock ${b.cidr} (${p.id} ${which} rule ${i + 1})`,
          );
      }
    });
  }
  return out;
}

const NO_CLUSTER: Readonly<Record<ClusterTier, readonly string[]>> = { Admin: [], Baseline: [] };
const NOT_CLUSTER = {
  clusterMatches: [],
  clusterPolicies: NO_CLUSTER,
  clusterExempt: false,
} as const;

/**
 * One side through the tiers: an Admin Accept or Deny decides; otherwise (no match, or Pass) a
 * NetworkPolicy that isolates the pod decides; otherwise a Baseline Accept or Deny; otherwise the
 * default allow. Without cluster policies this is the NetworkPolicy side, unchanged.
 */
function side(
  index: EngineIndex,
  which: 'egress' | 'ingress',
  subject: Endpoint,
  peer: Endpoint,
  destination: Endpoint,
  port: number,
  protocol: Protocol,
  exempt: boolean,
): SideVerdict {
  const np = networkPolicySide(index, which, subject, peer, destination, port, protocol);
  if (subject.kind !== 'workload' || index.clusterPolicies.length === 0) return np;
  const w = subject.workload;
  const labelsOf = (ns: string) => namespaceLabelsOf(index, ns);
  const tier = (t: ClusterTier): ClusterTierResult =>
    evaluateClusterTier(index, labelsOf, t, which, w, peer, destination, port, protocol);
  const admin = tier('Admin');
  const baseline = tier('Baseline');
  const clusterPolicies = { Admin: admin.policies, Baseline: baseline.policies };
  const selected = admin.policies.length + baseline.policies.length > 0;
  if (exempt) {
    return {
      ...np,
      clusterMatches: [],
      clusterPolicies,
      clusterExempt: true,
      reason: selected
        ? `${np.reason}; ${w.id} connects to itself, which cluster policies do not govern`
        : np.reason,
    };
  }
  const flow = `${protocol} ${port} ${which === 'ingress' ? 'from' : 'to'} ${endpointId(peer)}`;
  const am = admin.match;
  if (am && am.action !== 'Pass') {
    return {
      ...np,
      allowed: am.action === 'Accept',
      matches: [],
      details: [],
      tier: 'Admin',
      clusterMatches: [am],
      clusterPolicies,
      clusterExempt: false,
      reason: `${clusterMatchText(am, which)} ${flow}; NetworkPolicy not consulted`,
    };
  }
  const passed = am ? `${clusterMatchText(am, which)} ${flow} on to NetworkPolicy; ` : '';
  const before = am ? [am] : [];
  if (np.isolated) {
    return {
      ...np,
      clusterMatches: before,
      clusterPolicies,
      clusterExempt: false,
      reason: `${passed}${np.reason}${baseline.policies.length > 0 ? '; Baseline tier not consulted' : ''}`,
    };
  }
  const bm = baseline.match;
  if (bm && bm.action !== 'Pass') {
    return {
      ...np,
      allowed: bm.action === 'Accept',
      tier: 'Baseline',
      clusterMatches: [...before, bm],
      clusterPolicies,
      clusterExempt: false,
      reason: `${passed}${np.reason}; ${clusterMatchText(bm, which)} ${flow}`,
    };
  }
  const after = bm ? `; ${clusterMatchText(bm, which)} ${flow} to the default` : '';
  return {
    ...np,
    tier: 'Default',
    clusterMatches: bm ? [...before, bm] : before,
    clusterPolicies,
    clusterExempt: false,
    reason: `${passed}${np.reason}${after}${selected && !am && !bm ? `; no cluster policy rule matches ${flow}` : ''}`,
  };
}

function networkPolicySide(
  index: EngineIndex,
  which: 'egress' | 'ingress',
  subject: Endpoint,
  peer: Endpoint,
  destination: Endpoint,
  port: number,
  protocol: Protocol,
): SideVerdict {
  if (subject.kind !== 'workload') {
    return {
      side: which,
      applies: false,
      isolated: false,
      policies: [],
      allowed: true,
      matches: [],
      leftOut: [],
      details: [],
      reason: `${subject.ip} is outside the cluster: no NetworkPolicy governs its ${which}`,
      tier: 'Default',
      ...NOT_CLUSTER,
    };
  }
  const w = subject.workload;
  const policies = selectingPolicies(index, w, which);
  const leftOut = leftOutPolicies(index, w, which);
  const withLeftOut = (reason: string) =>
    leftOut.length === 0 ? reason : `${reason} (${leftOutText(leftOut, w, which)})`;
  if (policies.length === 0) {
    return {
      side: which,
      applies: true,
      isolated: false,
      policies: [],
      allowed: true,
      matches: [],
      leftOut,
      details: [],
      reason: withLeftOut(
        `${w.id} is not isolated for ${which}: no policy with ${which === 'ingress' ? 'Ingress' : 'Egress'} selects it`,
      ),
      tier: 'Default',
      ...NOT_CLUSTER,
    };
  }
  const matches: RuleMatch[] = [];
  for (const p of policies) {
    const rules = which === 'ingress' ? p.ingress : p.egress;
    rules.forEach((rule, i) => {
      const m = ruleMatch(index, p, rule, i, which, peer, destination, port, protocol);
      if (m) matches.push(m);
    });
  }
  const ids = policies.map((p) => p.id);
  const flow = `${protocol} ${port} ${which === 'ingress' ? 'from' : 'to'} ${endpointId(peer)}`;
  const details =
    matches.length > 0
      ? []
      : exceptDetails(index, policies, which, peer, destination, port, protocol);
  const isolatedBy = `${w.id} is isolated for ${which} by: ${list(ids)}`;
  return {
    side: which,
    applies: true,
    isolated: true,
    policies: ids,
    allowed: matches.length > 0,
    matches,
    leftOut,
    details,
    tier: 'NetworkPolicy',
    ...NOT_CLUSTER,
    reason: withLeftOut(
      matches.length > 0
        ? `${isolatedBy}; allowed by: ${list(matches.map(matchText))}`
        : `${isolatedBy}; no ${which} rule allows ${flow}${details.length ? ` (${details.join('; ')})` : ''}`,
    ),
  };
}

/** Resolves a port name on the destination's containers for this protocol. */
export function resolvePort(
  destination: Endpoint,
  port: number | string,
  protocol: Protocol,
): number | null {
  if (typeof port === 'number') return port;
  if (destination.kind !== 'workload') return null;
  return (
    destination.workload.ports.find((c) => c.name === port && c.protocol === protocol)?.port ?? null
  );
}

/**
 * `evaluateFlow(index, q).allowed` without the explanation: what a selection's probes need (a
 * few hundred flows per keystroke at 5,000 workloads, about half of whose cost was the reasons'
 * text). With cluster policies it asks `evaluateFlow`; without, NetworkPolicy alone decides each
 * side: not isolated, or some rule of an isolating policy matches port and peer.
 */
export function flowAllowed(index: EngineIndex, q: FlowQuery): boolean {
  if (index.clusterPolicies.length > 0) return evaluateFlow(index, q).allowed;
  const port = resolvePort(q.to, q.port, q.protocol);
  if (port === null) return false;
  const sideAllows = (which: 'egress' | 'ingress', subject: Endpoint, peer: Endpoint): boolean => {
    if (subject.kind !== 'workload') return true;
    const policies = selectingPolicies(index, subject.workload, which);
    if (policies.length === 0) return true;
    for (const p of policies) {
      const rules = which === 'ingress' ? p.ingress : p.egress;
      for (const rule of rules) {
        if (rule.ports !== null && !rule.ports.some((x) => portMatches(x, q.to, port, q.protocol)))
          continue;
        if (rule.peers === null || rule.peers.some((x) => peerMatches(index, p, x, peer)))
          return true;
      }
    }
    return false;
  };
  return sideAllows('egress', q.from, q.to) && sideAllows('ingress', q.to, q.from);
}

export function evaluateFlow(index: EngineIndex, q: FlowQuery): Verdict {
  const port = resolvePort(q.to, q.port, q.protocol);
  const named = typeof q.port === 'string' ? { portName: q.port } : {};
  if (port === null) {
    const why = `${endpointId(q.to)} declares no ${q.protocol} container port named ${JSON.stringify(q.port)}`;
    const blocked = (which: 'egress' | 'ingress'): SideVerdict => ({
      side: which,
      applies: true,
      isolated: false,
      policies: [],
      allowed: false,
      matches: [],
      leftOut: [],
      details: [],
      reason: why,
      tier: 'Default',
      ...NOT_CLUSTER,
    });
    return {
      allowed: false,
      port: null,
      ...named,
      protocol: q.protocol,
      reason: `denied: ${why}`,
      notes: [],
      egress: blocked('egress'),
      ingress: blocked('ingress'),
    };
  }
  // A pod connecting to its own IP is not subject to cluster policies (a Deployment's replicas
  // are distinct pods, so only a Pod is its own peer).
  const exempt =
    q.from.kind === 'workload' &&
    q.to.kind === 'workload' &&
    q.from.workload.id === q.to.workload.id &&
    q.from.workload.kind === 'Pod';
  const egress = side(index, 'egress', q.from, q.to, q.to, port, q.protocol, exempt);
  const ingress = side(index, 'ingress', q.to, q.from, q.to, port, q.protocol, exempt);
  const allowed = egress.allowed && ingress.allowed;
  const notes = portNotes(q.to, port, q.protocol);
  const reason = `${
    allowed
      ? `allowed: ${egress.reason}; ${ingress.reason}`
      : `denied: ${[egress, ingress]
          .filter((s) => !s.allowed)
          .map((s) => s.reason)
          .join('; ')}`
  }${notes.map((n) => `. ${n}`).join('')}`;
  return { allowed, port, ...named, protocol: q.protocol, reason, notes, egress, ingress };
}

/** The port a probe uses toward a destination that declares none: HTTP's, the most common. */
export const ASSUMED_PORT = { port: 80, protocol: 'TCP' } as const;

/**
 * The port to probe toward a destination when none is given: its first declared container port,
 * or ASSUMED_PORT, with the reason when it is assumed.
 */
export function defaultProbePort(destination: Endpoint): {
  readonly port: number;
  readonly protocol: Protocol;
  readonly assumed: string | null;
} {
  const first = destination.kind === 'workload' ? destination.workload.ports[0] : undefined;
  if (first) return { port: first.port, protocol: first.protocol, assumed: null };
  const who = endpointId(destination);
  const { port, protocol } = ASSUMED_PORT;
  return {
    port,
    protocol,
    assumed:
      destination.kind === 'workload'
        ? `${who} declares no container ports, so ${protocol} ${port} (HTTP, the most common) is assumed`
        : `${who} is outside the cluster and declares no ports, so ${protocol} ${port} (HTTP, the most common) is assumed`,
  };
}

/**
 * A pod that declares no container ports may listen anywhere; policies decide by port number, so
 * the verdict holds for whatever listens on the probed port: say which one that was, and why.
 */
function portNotes(destination: Endpoint, port: number, protocol: Protocol): string[] {
  if (destination.kind !== 'workload' || destination.workload.ports.length > 0) return [];
  const w = destination.workload;
  const why =
    port === ASSUMED_PORT.port && protocol === ASSUMED_PORT.protocol
      ? 'HTTP, the most common, when no port is given'
      : 'the port asked for';
  return [
    `${w.id} declares no container ports${w.inferred ? ' (it is inferred from policy selectors)' : ''}, so ${protocol} ${port} was assumed (${why}); the verdict holds for whatever listens there`,
  ];
}
