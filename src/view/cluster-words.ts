// A ClusterNetworkPolicy in plain words, as the inspector reads it: its tier and priority, what
// its subject selects, and each rule as "Deny from namespaces env=dev on any port", with the
// workloads it covers. Peers of one rule read OR (any one matches).
import { displayText } from '../model/display-text.ts';
import { isEmptySelector } from '../model/selector.ts';
import { clusterPolicySelects } from '../model/policy-selection.ts';
import { METADATA_NAME_LABEL } from '../model/types.ts';
import type {
  ClusterNetworkPolicy,
  ClusterPeer,
  ClusterPolicyRule,
  LabelSelector,
  Workspace,
} from '../model/types.ts';
import { clusterActionText, clusterPortsText } from './labels.ts';
import { selectorWords } from './rule-words.ts';
import type { WordToken, Words } from './rule-words.ts';

export interface ClusterRuleWords extends Words {
  readonly direction: 'ingress' | 'egress';
  readonly index: number;
  /** `spec.ingress[0]`, for links to the YAML. */
  readonly path: string;
  /** `Ingress rule 1 (no-dev)` */
  readonly label: string;
  /** "Admin Deny", "Pass", "Baseline Accept". */
  readonly tag: string;
  readonly action: ClusterPolicyRule['action'];
  readonly body: Words;
}

export interface ClusterPolicyWords {
  readonly id: string;
  /** "Admin tier, priority 10: evaluated before NetworkPolicy". */
  readonly tier: string;
  /** "every pod in namespaces env=prod". */
  readonly selects: string;
  /** Ids of the workloads its subject selects. */
  readonly selected: readonly string[];
  readonly selectedText: string;
  readonly rules: readonly ClusterRuleWords[];
}

const user = (s: string, max = 63) => displayText(s, max);

function namespacesText(s: LabelSelector): string {
  if (isEmptySelector(s)) return 'every namespace';
  // The usual way to name one namespace reads as its name.
  const keys = Object.keys(s.matchLabels);
  if (s.matchExpressions.length === 0 && keys.length === 1 && keys[0] === METADATA_NAME_LABEL)
    return `namespace ${user(s.matchLabels[METADATA_NAME_LABEL] ?? '')}`;
  return `namespaces ${selectorWords(s)}`;
}

function peerText(peer: ClusterPeer): string {
  switch (peer.kind) {
    case 'namespaces':
      return isEmptySelector(peer.namespaceSelector)
        ? 'every pod in every namespace'
        : `every pod in ${namespacesText(peer.namespaceSelector)}`;
    case 'pods':
      return `pods ${isEmptySelector(peer.podSelector) ? '(any)' : selectorWords(peer.podSelector)} in ${namespacesText(peer.namespaceSelector)}`;
    case 'networks':
      return `networks ${peer.cidrs.map((c) => user(c, 50)).join(', ')}`;
    case 'nodes':
      return `nodes ${isEmptySelector(peer.nodeSelector) ? '(any)' : selectorWords(peer.nodeSelector)} (not in this workspace)`;
    case 'domainNames':
      return `domains ${peer.domainNames.map((d) => user(d, 60)).join(', ')} (not resolved here)`;
    case 'unknown':
      return 'a peer of an unknown kind (fails closed)';
  }
}

/** The workloads a cluster policy's subject selects. */
export function clusterSelectedWorkloads(
  p: ClusterNetworkPolicy,
  ws: Pick<Workspace, 'namespaces' | 'workloads'>,
): string[] {
  const labels = new Map(ws.namespaces.map((n) => [n.name, n.labels]));
  return ws.workloads
    .filter((w) =>
      clusterPolicySelects(
        p,
        w,
        labels.get(w.namespace) ?? { 'kubernetes.io/metadata.name': w.namespace },
      ),
    )
    .map((w) => w.id);
}

function ruleWords(
  p: ClusterNetworkPolicy,
  rule: ClusterPolicyRule,
  index: number,
  direction: 'ingress' | 'egress',
): ClusterRuleWords {
  const tokens: WordToken[] = [
    { text: `${rule.action} ${direction === 'ingress' ? 'from' : 'to'} ` },
  ];
  rule.peers.forEach((peer, i) => {
    if (i > 0) tokens.push({ text: ' or ', strong: true });
    tokens.push({ text: peerText(peer) });
  });
  tokens.push({ text: `, on ${clusterPortsText(rule.ports)}` });
  const body: Words = { tokens, text: tokens.map((t) => t.text).join('') };
  const label = `${direction === 'ingress' ? 'Ingress' : 'Egress'} rule ${index + 1}${rule.name ? ` (${user(rule.name, 40)})` : ''}`;
  return {
    direction,
    index,
    path: `spec.${direction}[${index}]`,
    label,
    tag: clusterActionText({ tier: p.tier, action: rule.action }),
    action: rule.action,
    body,
    tokens: [{ text: `${label}: ` }, ...tokens],
    text: `${label}: ${body.text}`,
  };
}

export function clusterPolicyWords(
  p: ClusterNetworkPolicy,
  ws: Pick<Workspace, 'namespaces' | 'workloads'>,
): ClusterPolicyWords {
  const where = p.tier === 'Admin' ? 'before NetworkPolicy' : 'after NetworkPolicy';
  const subjectNs = namespacesText(p.subject.namespaceSelector);
  const selects =
    p.subject.podSelector === null
      ? `every pod in ${subjectNs}`
      : `pods ${isEmptySelector(p.subject.podSelector) ? '(any)' : selectorWords(p.subject.podSelector)} in ${subjectNs}`;
  const selected = clusterSelectedWorkloads(p, ws);
  const n = selected.length;
  return {
    id: p.id,
    tier: `${p.tier} tier, priority ${p.priority}: evaluated ${where}${p.tier === 'Admin' ? ', lower priorities first' : ', only where no NetworkPolicy isolates the pod'}`,
    selects,
    selected,
    selectedText: n === 0 ? 'no workload in this workspace' : `${n} workload${n === 1 ? '' : 's'}`,
    rules: [
      ...p.ingress.map((r, i) => ruleWords(p, r, i, 'ingress')),
      ...p.egress.map((r, i) => ruleWords(p, r, i, 'egress')),
    ],
  };
}
