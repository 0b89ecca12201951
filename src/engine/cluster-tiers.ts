// The cluster tiers around NetworkPolicy (policy.networking.k8s.io ClusterNetworkPolicy, and the
// v1alpha1 Admin/BaselineAdminNetworkPolicy): for one side of one flow, which rule of which policy
// decides it in a tier. Policies by priority (ties by name), rules in written order; the first
// rule whose peers and ports match decides: Accept, Deny, or Pass (leave the tier).
import type {
  ClusterNetworkPolicy,
  ClusterPeer,
  ClusterPolicyKind,
  ClusterPolicyRule,
  ClusterPort,
  ClusterRuleAction,
  ClusterTier,
  ContainerPort,
  Labels,
  Protocol,
  Workload,
} from '../model/types.ts';
import { matchesSelector } from '../model/selector.ts';
import { cidrContains } from '../model/cidr.ts';
import type { Cidr, IpAddress } from '../model/cidr.ts';
import { clusterPolicySelects } from '../model/policy-selection.ts';

type Side = 'egress' | 'ingress';

/** What the cluster tiers need of the engine index (kept narrow to avoid an import cycle). */
export interface ClusterIndex {
  /** Valid cluster policies of each tier, in evaluation order. */
  readonly clusterTiers: Readonly<Record<ClusterTier, readonly ClusterNetworkPolicy[]>>;
  readonly cidr: (text: string) => Cidr | null;
  readonly ip: (text: string) => IpAddress | null;
}

export type ClusterEndpoint =
  | { readonly kind: 'workload'; readonly workload: Workload }
  | { readonly kind: 'external'; readonly ip: string };

/** The rule that decided a side in a cluster tier. */
export interface ClusterRuleMatch {
  readonly tier: ClusterTier;
  /** The policy's model id: its name (`AdminNetworkPolicy/<name>` for v1alpha1 kinds). */
  readonly policy: string;
  readonly kind: ClusterPolicyKind;
  readonly priority: number;
  readonly ruleIndex: number;
  /** The rule's `name` ('' when it has none). */
  readonly ruleName: string;
  /** What the rule does to this flow (a failed-closed Pass rule denies). */
  readonly action: ClusterRuleAction;
  /** The peer that matched; null when the rule failed closed as deny-all. */
  readonly peerIndex: number | null;
  /** null: the rule has no protocols, so every port matches (or it failed closed). */
  readonly portIndex: number | null;
  /** Field path of the peer (or the rule): `spec.ingress[1].from[0]`. */
  readonly path: string;
  /** The rule holds a peer of a kind this reader does not know: it fails closed. */
  readonly failedClosed: boolean;
}

export interface ClusterTierResult {
  readonly tier: ClusterTier;
  /** Ids of the tier's policies that select the pod for this side, in evaluation order. */
  readonly policies: readonly string[];
  /** null: no rule matched (the tier has nothing to say). */
  readonly match: ClusterRuleMatch | null;
}

/** The endpoint's addresses: an external IP, or each known pod IP. */
function addresses(index: ClusterIndex, e: ClusterEndpoint): IpAddress[] {
  const texts = e.kind === 'external' ? [e.ip] : e.workload.ips;
  return texts.map((t) => index.ip(t)).filter((x): x is IpAddress => x !== null);
}

/** Does a (known-kind) peer hold the endpoint? Host-networked pods are never namespaces/pods peers. */
export function clusterPeerMatches(
  index: ClusterIndex,
  namespaceLabels: (ns: string) => Labels,
  peer: ClusterPeer,
  e: ClusterEndpoint,
): boolean {
  switch (peer.kind) {
    case 'namespaces':
    case 'pods': {
      if (e.kind !== 'workload' || e.workload.hostNetwork === true) return false;
      if (!matchesSelector(namespaceLabels(e.workload.namespace), peer.namespaceSelector))
        return false;
      return peer.kind === 'namespaces' || matchesSelector(e.workload.labels, peer.podSelector);
    }
    case 'networks': {
      const ips = addresses(index, e);
      return peer.cidrs.some((text) => {
        const c = index.cidr(text);
        return c !== null && ips.some((ip) => cidrContains(c, ip));
      });
    }
    // The workspace knows no nodes and resolves no domain names: nothing it holds is one.
    case 'nodes':
    case 'domainNames':
    case 'unknown':
      return false;
  }
}

/** A cluster policy port: protocol and an inclusive range, or a container port name on the destination. */
export function clusterPortMatches(
  p: ClusterPort,
  destination: ClusterEndpoint,
  port: number,
  protocol: Protocol,
): boolean {
  if (p.kind === 'port') return p.protocol === protocol && port >= p.start && port <= p.end;
  if (destination.kind !== 'workload') return false;
  const declared = destination.workload.ports;
  for (let i = 0; i < declared.length; i++) {
    const c = declared[i] as ContainerPort;
    if (c.name === p.name && c.protocol === protocol && c.port === port) return true;
  }
  return false;
}

/** A Deny or Pass rule with a peer of an unknown kind is a deny-all rule (upstream: fail closed). */
export function failsClosed(rule: ClusterPolicyRule): boolean {
  if (rule.action === 'Accept') return false;
  // A loop, not `some`: the bulk engine asks this of every rule for every flow it memoises.
  const peers = rule.peers;
  for (let i = 0; i < peers.length; i++)
    if ((peers[i] as ClusterPeer).kind === 'unknown') return true;
  return false;
}

export function clusterRuleMatch(
  index: ClusterIndex,
  namespaceLabels: (ns: string) => Labels,
  policy: ClusterNetworkPolicy,
  rule: ClusterPolicyRule,
  ruleIndex: number,
  side: Side,
  peer: ClusterEndpoint,
  destination: ClusterEndpoint,
  port: number,
  protocol: Protocol,
): ClusterRuleMatch | null {
  const base = `spec.${side}[${ruleIndex}]`;
  const common = {
    tier: policy.tier,
    policy: policy.id,
    kind: policy.kind,
    priority: policy.priority,
    ruleIndex,
    ruleName: rule.name,
  };
  if (failsClosed(rule))
    return {
      ...common,
      action: 'Deny',
      peerIndex: null,
      portIndex: null,
      path: base,
      failedClosed: true,
    };
  let portIndex: number | null = null;
  if (rule.ports !== null) {
    const i = rule.ports.findIndex((p) => clusterPortMatches(p, destination, port, protocol));
    if (i < 0) return null;
    portIndex = i;
  }
  const peerIndex = rule.peers.findIndex((p) =>
    clusterPeerMatches(index, namespaceLabels, p, peer),
  );
  if (peerIndex < 0) return null;
  return {
    ...common,
    action: rule.action,
    peerIndex,
    portIndex,
    path: `${base}.${side === 'ingress' ? 'from' : 'to'}[${peerIndex}]`,
    failedClosed: false,
  };
}

/** The tier's verdict on one side: the first matching rule of its policies that select the pod. */
export function evaluateClusterTier(
  index: ClusterIndex,
  namespaceLabels: (ns: string) => Labels,
  tier: ClusterTier,
  side: Side,
  subject: Workload,
  peer: ClusterEndpoint,
  destination: ClusterEndpoint,
  port: number,
  protocol: Protocol,
): ClusterTierResult {
  const nsLabels = namespaceLabels(subject.namespace);
  const policies = index.clusterTiers[tier].filter((p) =>
    clusterPolicySelects(p, subject, nsLabels, side),
  );
  for (const p of policies) {
    const rules = p[side];
    for (let i = 0; i < rules.length; i++) {
      const m = clusterRuleMatch(
        index,
        namespaceLabels,
        p,
        rules[i] as ClusterPolicyRule,
        i,
        side,
        peer,
        destination,
        port,
        protocol,
      );
      if (m) return { tier, policies: policies.map((x) => x.id), match: m };
    }
  }
  return { tier, policies: policies.map((x) => x.id), match: null };
}

const VERB: Record<ClusterRuleAction, string> = {
  Accept: 'accepts',
  Deny: 'denies',
  Pass: 'passes',
};

/** `Admin tier: deny-ravenclaw (priority 10) ingress rule 2 (deny-from-ravenclaw) denies`. */
export function clusterMatchText(m: ClusterRuleMatch, side: Side): string {
  const rule = `${side} rule ${m.ruleIndex + 1}${m.ruleName ? ` (${m.ruleName})` : ''}`;
  const why = m.failedClosed
    ? ' (a peer of an unknown kind: the rule fails closed as deny-all)'
    : '';
  return `${m.tier} tier: ${m.policy} (priority ${m.priority}) ${rule} ${VERB[m.action]}${why}`;
}
