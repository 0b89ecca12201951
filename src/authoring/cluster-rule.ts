// Cluster policy gestures: an Admin Deny, an Admin Accept or a Pass drawn between two nodes, and a
// Baseline default deny for a namespace. Each appends one new v1alpha2 ClusterNetworkPolicy
// document (every other document keeps its bytes), named after what it does.
//
// Where the rule goes: toward a workload or a namespace it is an ingress rule of a policy whose
// subject is that destination; toward an external network it is an egress rule of the source
// (ingress peers cannot be networks). An Admin rule is given a priority before every other Admin
// policy, so what the user drew decides the flow; the popover previews what that changes.
import type {
  ClusterNetworkPolicy,
  ClusterPeer,
  ClusterPolicyRule,
  ClusterPort,
  ClusterRuleAction,
  ClusterSubject,
  ClusterTier,
  LabelSelector,
  PolicyPort,
  TextEdit,
  Workload,
} from '../model/types.ts';
import { METADATA_NAME_LABEL } from '../model/types.ts';
import { labelsFrom } from '../model/selector.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { appendDocument } from '../yaml/edit.ts';
import { serializeClusterPolicy } from '../yaml/serialize.ts';
import { exactLabels, sameValue } from './policy-text.ts';
import type { GestureResult } from './policy-text.ts';
import { removeFromClusterPolicy } from './remove-cluster-rule.ts';

export type ClusterEnd =
  | { readonly kind: 'workload'; readonly workload: Workload }
  | { readonly kind: 'namespace'; readonly name: string }
  | { readonly kind: 'external'; readonly cidr: string };

export interface ClusterRuleIntent {
  readonly tier: ClusterTier;
  readonly action: ClusterRuleAction;
  readonly from: ClusterEnd;
  readonly to: ClusterEnd;
  /** null: every protocol and port. */
  readonly ports: readonly PolicyPort[] | null;
}

const MAX_PRIORITY = 1000;
const API_VERSION = 'policy.networking.k8s.io/v1alpha2';

const nsSelector = (name: string): LabelSelector => ({
  matchLabels: labelsFrom([[METADATA_NAME_LABEL, name]]),
  matchExpressions: [],
});

function podsOf(ws: ReadResult, w: Workload): { ns: LabelSelector; pods: LabelSelector } {
  return { ns: nsSelector(w.namespace), pods: exactLabels(w, ws.workloads).selector };
}

function subjectOf(ws: ReadResult, end: ClusterEnd): ClusterSubject | null {
  if (end.kind === 'namespace')
    return { namespaceSelector: nsSelector(end.name), podSelector: null };
  if (end.kind === 'workload') {
    const { ns, pods } = podsOf(ws, end.workload);
    return { namespaceSelector: ns, podSelector: pods };
  }
  return null;
}

function peerOf(ws: ReadResult, end: ClusterEnd): ClusterPeer {
  if (end.kind === 'namespace')
    return { kind: 'namespaces', namespaceSelector: nsSelector(end.name) };
  if (end.kind === 'external') return { kind: 'networks', cidrs: [end.cidr] };
  const { ns, pods } = podsOf(ws, end.workload);
  return { kind: 'pods', namespaceSelector: ns, podSelector: pods };
}

/** NetworkPolicy ports as cluster protocols; a port name is the destination's named port. */
export function clusterPortsOf(ports: readonly PolicyPort[] | null): ClusterPort[] | null {
  if (ports === null) return null;
  return ports.map((p): ClusterPort => {
    if (typeof p.port === 'string') return { kind: 'named', name: p.port };
    // "Every TCP port" has no shorter v1alpha2 form (the CRD rejects `tcp: {}`).
    if (p.port === null) return { kind: 'port', protocol: p.protocol, start: 1, end: 65535 };
    return { kind: 'port', protocol: p.protocol, start: p.port, end: p.endPort ?? p.port };
  });
}

function endName(end: ClusterEnd): string {
  if (end.kind === 'workload') return end.workload.name;
  if (end.kind === 'namespace') return end.name;
  return end.cidr.replace(/[./:]/g, '-');
}

/** A cluster policy name not yet used (cluster-scoped: one name space for all of them). */
export function uniqueClusterName(ws: ReadResult, base: string): string {
  const clean =
    base
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 240) || 'cluster-policy';
  const used = new Set(
    (ws.clusterPolicies ?? []).filter((p) => p.kind === 'ClusterNetworkPolicy').map((p) => p.name),
  );
  if (!used.has(clean)) return clean;
  for (let i = 2; ; i++) if (!used.has(`${clean}-${i}`)) return `${clean}-${i}`;
}

/**
 * A priority for a new policy of the tier that no policy of it uses (equal priorities are
 * ambiguous upstream): Admin before every other Admin policy, Baseline after every other Baseline
 * policy, so a default deny is the Baseline tier's last word.
 */
export function newClusterPriority(ws: ReadResult, tier: ClusterTier): number {
  const used = new Set(
    (ws.clusterPolicies ?? []).filter((p) => p.tier === tier && p.valid).map((p) => p.priority),
  );
  const all = [...used];
  if (tier === 'Admin') {
    const wanted = all.length === 0 ? 10 : Math.max(0, Math.min(...all) - 10);
    for (let p = wanted; p <= MAX_PRIORITY; p++) if (!used.has(p)) return p;
  } else {
    const wanted = all.length === 0 ? 100 : Math.min(MAX_PRIORITY, Math.max(...all) + 10);
    for (let p = wanted; p >= 0; p--) if (!used.has(p)) return p;
  }
  // All 1001 priorities taken: share the tier's first (or last) one; the reader warns of it.
  return tier === 'Admin' ? 0 : MAX_PRIORITY;
}

function appendCluster(text: string, p: ClusterNetworkPolicy): GestureResult {
  return { edits: [appendDocument(text, serializeClusterPolicy(p))], summary: '' };
}

function describe(end: ClusterEnd): string {
  if (end.kind === 'workload') return end.workload.id;
  if (end.kind === 'namespace') return `namespace ${end.name}`;
  return end.cidr;
}

/** Adds a cluster policy whose one rule Accepts, Denies or Passes the drawn traffic. */
export function addClusterRule(
  text: string,
  ws: ReadResult,
  intent: ClusterRuleIntent,
): GestureResult {
  const { from, to, tier, action } = intent;
  if (from.kind === 'external' && to.kind === 'external')
    return { error: 'Both ends are outside the cluster: no policy governs that.' };
  const egress = to.kind === 'external';
  const subject = subjectOf(ws, egress ? from : to);
  if (!subject) return { error: 'Draw the rule to or from a workload or a namespace.' };
  if (from.kind === 'external')
    return {
      error:
        'A ClusterNetworkPolicy cannot name networks as ingress peers: draw from a workload or a namespace.',
    };
  const ports = clusterPortsOf(intent.ports);
  if (ports && ports.length > 25) return { error: 'A cluster rule holds at most 25 protocols.' };
  const verb = action === 'Accept' ? 'accept' : action.toLowerCase();
  const name = uniqueClusterName(
    ws,
    `${tier === 'Baseline' ? 'baseline-' : ''}${verb}-${endName(from)}-to-${endName(to)}`,
  );
  const rule: ClusterPolicyRule = {
    name: `${verb}-${endName(egress ? to : from)}`.slice(0, 100),
    action,
    peers: [peerOf(ws, egress ? to : from)],
    ports,
  };
  const policy: ClusterNetworkPolicy = {
    id: name,
    kind: 'ClusterNetworkPolicy',
    apiVersion: API_VERSION,
    name,
    tier,
    priority: newClusterPriority(ws, tier),
    subject,
    ingress: egress ? [] : [rule],
    egress: egress ? [rule] : [],
    valid: true,
  };
  const result = appendCluster(text, policy);
  if ('error' in result) return result;
  const what = tier === 'Admin' && action === 'Pass' ? 'Pass' : `${tier} ${action}`;
  return {
    ...result,
    summary: `${what} ${describe(from)} → ${describe(to)}: ClusterNetworkPolicy ${name} (priority ${policy.priority})`,
  };
}

/** DNS to kube-dns, kept open by a Baseline egress deny unless the user says otherwise. */
const DNS_ACCEPT: ClusterPolicyRule = {
  name: 'allow-dns',
  action: 'Accept',
  peers: [
    {
      kind: 'pods',
      namespaceSelector: nsSelector('kube-system'),
      podSelector: { matchLabels: labelsFrom([['k8s-app', 'kube-dns']]), matchExpressions: [] },
    },
  ],
  ports: [
    { kind: 'port', protocol: 'UDP', start: 53, end: 53 },
    { kind: 'port', protocol: 'TCP', start: 53, end: 53 },
  ],
};

/**
 * A Baseline default deny for a namespace: what no Admin rule and no NetworkPolicy decides is
 * denied (ingress from every pod; egress to every pod and address, DNS kept when `withDns`).
 */
const EVERY_POD: ClusterPeer = {
  kind: 'namespaces',
  namespaceSelector: { matchLabels: {}, matchExpressions: [] },
};

/** A Baseline rule that denies `direction` to or from every pod, on every port. */
function isDefaultDenyRule(r: ClusterPolicyRule): boolean {
  return r.action === 'Deny' && r.ports === null && r.peers.some((x) => sameValue(x, EVERY_POD));
}

/**
 * The valid Baseline policies whose subject is exactly the namespace and that deny `direction`
 * by default: what the namespace controls show as its Baseline default deny.
 */
export function baselineDenyPolicies(
  ws: { readonly clusterPolicies?: readonly ClusterNetworkPolicy[] },
  namespace: string,
  direction: 'ingress' | 'egress',
): ClusterNetworkPolicy[] {
  return (ws.clusterPolicies ?? []).filter(
    (p) =>
      p.valid &&
      p.tier === 'Baseline' &&
      p.subject.podSelector === null &&
      sameValue(p.subject.namespaceSelector, nsSelector(namespace)) &&
      p[direction].some(isDefaultDenyRule),
  );
}

const isDnsAccept = (r: ClusterPolicyRule) =>
  sameValue({ ...r, name: '' }, { ...DNS_ACCEPT, name: '' });

/**
 * Removes a namespace's Baseline default deny for `direction`: its deny rules, the DNS Accept
 * that only made a hole in the deny (alone, a Baseline Accept changes nothing), and the policy
 * when nothing else is left in it; a policy with other rules keeps them, byte for byte.
 */
export function removeBaselineDefaultDeny(
  text: string,
  ws: ReadResult,
  namespace: string,
  direction: 'ingress' | 'egress',
): GestureResult {
  const policies = baselineDenyPolicies(ws, namespace, direction);
  if (policies.length === 0)
    return { edits: [], summary: `${namespace} has no Baseline default deny for ${direction}` };
  const edits: TextEdit[] = [];
  const done: string[] = [];
  for (const p of policies) {
    const rules = p[direction];
    const denies = rules.flatMap((r, i) => (isDefaultDenyRule(r) ? [i] : []));
    const rest = rules.filter((_, i) => !denies.includes(i));
    const dns = rest.every(isDnsAccept) ? rules.flatMap((r, i) => (isDnsAccept(r) ? [i] : [])) : [];
    const refs = [...denies, ...dns].map((ruleIndex) => ({
      direction,
      ruleIndex,
      peerIndex: null,
    }));
    const what = `the default deny of ${direction}`;
    const r = removeFromClusterPolicy(text, ws, p, refs, what);
    if ('error' in r) return r;
    edits.push(...r.edits);
    done.push(r.summary);
  }
  return {
    edits,
    summary: done.join('; '),
  };
}

export function addBaselineDefaultDeny(
  text: string,
  ws: ReadResult,
  namespace: string,
  direction: 'ingress' | 'egress',
  options: { readonly withDns?: boolean } = {},
): GestureResult {
  const everyPod = EVERY_POD;
  const deny: ClusterPolicyRule = {
    name: 'default-deny',
    action: 'Deny',
    // Networks match pod IPs too, but not pods whose IPs the workspace does not know: both.
    peers:
      direction === 'ingress'
        ? [everyPod]
        : [everyPod, { kind: 'networks', cidrs: ['0.0.0.0/0', '::/0'] }],
    ports: null,
  };
  const already = baselineDenyPolicies(ws, namespace, direction)[0];
  if (already)
    return {
      edits: [],
      summary: `${already.id} already denies ${direction} in ${namespace} by default`,
    };
  const name = uniqueClusterName(ws, `baseline-deny-${direction}-${namespace}`);
  const rules = direction === 'egress' && options.withDns !== false ? [DNS_ACCEPT, deny] : [deny];
  const policy: ClusterNetworkPolicy = {
    id: name,
    kind: 'ClusterNetworkPolicy',
    apiVersion: API_VERSION,
    name,
    tier: 'Baseline',
    priority: newClusterPriority(ws, 'Baseline'),
    subject: { namespaceSelector: nsSelector(namespace), podSelector: null },
    ingress: direction === 'ingress' ? rules : [],
    egress: direction === 'egress' ? rules : [],
    valid: true,
  };
  const result = appendCluster(text, policy);
  if ('error' in result) return result;
  return {
    ...result,
    summary: `Baseline default deny ${direction} in ${namespace}: ClusterNetworkPolicy ${name} (priority ${policy.priority})`,
  };
}
