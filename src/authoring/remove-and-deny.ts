// Deleting a drawn edge (one peer, or its rule, and a policy it empties) and the per-namespace
// default-deny toggles. Both say when they open traffic the user may not expect.
import type {
  LabelSelector,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  TextEdit,
  Workload,
} from '../model/types.ts';
import { METADATA_NAME_LABEL } from '../model/types.ts';
import { isEmptySelector, labelsFrom, matchesSelector } from '../model/selector.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { DNS_RULE } from './allow-edge.ts';
import {
  appendPolicies,
  newPolicy,
  removePolicy,
  rewritePolicy,
  sameValue,
  selectorOf,
  uniqueName,
} from './policy-text.ts';
import type { GestureResult } from './policy-text.ts';
import { dns1123Label } from '../yaml/validation-messages.ts';
import { validPolicySelects } from '../model/policy-selection.ts';

export interface EdgeRef {
  readonly policyId: string;
  readonly direction: 'ingress' | 'egress';
  readonly ruleIndex: number;
  /** null: the whole rule. */
  readonly peerIndex: number | null;
}

export function removeEdge(text: string, ws: ReadResult, ref: EdgeRef): GestureResult {
  const policy = ws.policies.find((p) => p.id === ref.policyId);
  if (!policy) return { error: `no policy ${ref.policyId}` };
  const rules = policy[ref.direction];
  const rule = rules[ref.ruleIndex];
  if (!rule) return { error: `${ref.policyId} has no ${ref.direction} rule ${ref.ruleIndex + 1}` };
  const dropRule = ref.peerIndex === null || rule.peers === null || rule.peers.length <= 1;
  const nextRules: PolicyRule[] = dropRule
    ? rules.filter((_, i) => i !== ref.ruleIndex)
    : rules.map((r, i) =>
        i === ref.ruleIndex
          ? { ...r, peers: (r.peers ?? []).filter((_, j) => j !== ref.peerIndex) }
          : r,
      );
  const next: NetworkPolicy = { ...policy, [ref.direction]: nextRules };
  // A policy left without any rule would turn into a deny-all: the edge was what it was for.
  if (next.ingress.length === 0 && next.egress.length === 0) {
    const edit = removePolicy(text, policy);
    if ('error' in edit) return edit;
    const opened = openedByRemoval(ws, policy);
    return {
      edits: [edit],
      summary: `removed ${policy.id}, which this edge emptied${opened.length ? `: ${opened.join('; ')}` : ''}`,
    };
  }
  const edit = rewrite(text, policy, next, ws);
  return 'error' in edit
    ? edit
    : {
        edits: [edit],
        summary: dropRule
          ? `removed ${ref.direction} rule ${ref.ruleIndex + 1} of ${policy.id}`
          : `removed a peer from ${policy.id}`,
      };
}

/** A policy selecting every pod of the namespace that isolates `direction` with no rule for it. */
export function isDefaultDeny(
  p: NetworkPolicy,
  namespace: string,
  direction: 'ingress' | 'egress',
): boolean {
  return (
    p.valid &&
    p.namespace === namespace &&
    isEmptySelector(p.podSelector) &&
    p.policyTypes[direction] &&
    p[direction].length === 0
  );
}

export function setDefaultDeny(
  text: string,
  ws: ReadResult,
  namespace: string,
  direction: 'ingress' | 'egress',
  on: boolean,
  options: { withDns?: boolean } = {},
): GestureResult {
  const existing = ws.policies.filter((p) => isDefaultDeny(p, namespace, direction));
  if (on) {
    const refused = unwritableNamespace(ws, namespace);
    if (refused) return { error: refused };
    if (existing.length > 0)
      return {
        edits: [],
        summary: `${namespace} already denies ${direction} by default (${existing[0]?.id})`,
      };
    const name = uniqueName(ws, namespace, `default-deny-${direction}`);
    const created = [
      newPolicy(namespace, name, selectorOf({}), {
        ingress: direction === 'ingress',
        egress: direction === 'egress',
      }),
    ];
    if (direction === 'egress' && options.withDns) {
      created.push({
        ...newPolicy(namespace, uniqueName(ws, namespace, 'allow-dns', [name]), selectorOf({}), {
          ingress: false,
          egress: true,
        }),
        egress: [DNS_RULE],
      });
    }
    const edit = appendPolicies(text, created);
    return {
      edits: edit ? [edit] : [],
      summary: `added ${created.map((p) => p.id).join(' and ')}`,
    };
  }
  if (existing.length === 0)
    return { edits: [], summary: `${namespace} has no default deny for ${direction}` };
  // An allow-DNS policy for all pods only makes sense beside the egress deny: on its own it would
  // keep every pod isolated for egress, so it goes with the deny.
  const companions =
    direction === 'egress'
      ? ws.policies.filter(
          (p) =>
            p.valid &&
            p.namespace === namespace &&
            isEmptySelector(p.podSelector) &&
            !p.policyTypes.ingress &&
            p.ingress.length === 0 &&
            sameValue(p.egress, [DNS_RULE]),
        )
      : [];
  // Pods that other egress policies keep isolated had DNS from the companion: they keep it.
  const dropped = new Set<NetworkPolicy>([...companions, ...existing]);
  const keepDns =
    companions.length === 0
      ? []
      : ws.policies.filter(
          (p) =>
            p.valid &&
            p.namespace === namespace &&
            p.policyTypes.egress &&
            !dropped.has(p) &&
            !allowsDns(ws, p),
        );
  const edits: TextEdit[] = [];
  for (const p of companions) {
    const edit = removePolicy(text, p);
    if ('error' in edit) return edit;
    edits.push(edit);
  }
  for (const p of existing) {
    const other = direction === 'ingress' ? 'egress' : 'ingress';
    // A deny-all for both directions keeps denying the other one.
    const edit = p.policyTypes[other]
      ? rewrite(
          text,
          p,
          { ...p, policyTypes: { ...p.policyTypes, [direction]: false }, [direction]: [] },
          ws,
        )
      : removePolicy(text, p);
    if ('error' in edit) return edit;
    edits.push(edit);
  }
  for (const p of keepDns) {
    const edit = rewrite(text, p, { ...p, egress: [...p.egress, DNS_RULE] }, ws);
    if ('error' in edit) return edit;
    edits.push(edit);
  }
  const ids = (ps: readonly NetworkPolicy[]) => ps.map((p) => p.id).join(', ');
  const removed = `removed the default deny for ${direction} in ${namespace}${
    companions.length ? `, and ${ids(companions)} with it` : ''
  }`;
  return {
    edits,
    summary: keepDns.length
      ? `${removed}; kept DNS for the pods still isolated for egress by adding it to ${ids(keepDns)}`
      : removed,
  };
}

/**
 * Why no new policy may be written into the namespace, or null. A name the API server would
 * refuse can hold nothing; a namespace that only a rejected policy names (no Namespace object,
 * workload or valid policy there) exists only because of that error.
 */
function unwritableNamespace(ws: ReadResult, namespace: string): string | null {
  const bad = dns1123Label(namespace)[0];
  if (bad)
    return `Namespace ${JSON.stringify(namespace)} is not a valid name (${bad.text}): the API server would reject any policy in it. Fix the name in the YAML first.`;
  const rejected = ws.policies.filter((p) => !p.valid && p.namespace === namespace);
  if (rejected.length === 0) return null;
  const held =
    ws.namespaces.some((n) => n.name === namespace && !n.inferred) ||
    ws.workloads.some((w) => w.namespace === namespace) ||
    ws.policies.some((p) => p.valid && p.namespace === namespace) ||
    ws.others.some((o) => o.namespace === namespace);
  if (held) return null;
  const ids = rejected.map((p) => p.id).join(', ');
  const one = rejected.length === 1;
  return `Namespace ${namespace} exists here only because of the rejected NetworkPolicy ${ids}, which ${one ? 'has' : 'have'} errors (see Problems): fix ${one ? 'it' : 'them'}, or add the namespace or a workload in it, before writing policies there.`;
}

/**
 * rewritePolicy, leaving the comment lines that head the document where they are (they already
 * are when only the spec is rewritten; this covers the whole-document fallback).
 */
function rewrite(
  text: string,
  policy: NetworkPolicy,
  next: NetworkPolicy,
  ws: ReadResult,
): TextEdit | { error: string } {
  const edit = rewritePolicy(text, policy, next, ws);
  if ('error' in edit) return edit;
  const old = text.slice(edit.start, edit.end);
  // Whole lines only, each blank or a comment; the serialized policy never starts with one.
  const head = /^(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n|\n|\r))*/.exec(old)?.[0] ?? '';
  return head.length > 0 && head.length < old.length
    ? { ...edit, start: edit.start + head.length }
    : edit;
}

const selects = (p: NetworkPolicy, w: Workload, direction: 'ingress' | 'egress') =>
  validPolicySelects(p, w, direction);

/**
 * What removing `removed` opens: for each direction it isolated, the workloads it selected that
 * no remaining policy isolates for that direction. Those pods now allow every flow that way.
 */
function openedByRemoval(ws: ReadResult, removed: NetworkPolicy): string[] {
  if (!removed.valid) return [];
  const rest = ws.policies.filter((p) => p !== removed);
  const selected = ws.workloads.filter(
    (w) => selects(removed, w, 'ingress') || selects(removed, w, 'egress'),
  );
  const clauses: string[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    if (!removed.policyTypes[direction]) continue;
    const open = selected.filter((w) => !rest.some((p) => selects(p, w, direction)));
    if (open.length === 0) continue;
    const one = open.length === 1 && open.length < selected.length;
    const who =
      open.length === selected.length ? podsSelectedBy(removed) : open.map((w) => w.id).join(', ');
    const [be, them, they] = one ? ['is', 'it', 'it'] : ['are', 'them', 'they'];
    clauses.push(
      direction === 'ingress'
        ? `${who} ${be} no longer isolated for ingress, so every source may reach ${them}`
        : `${who} ${be} no longer isolated for egress, so ${they} may reach every destination`,
    );
  }
  return clauses;
}

function podsSelectedBy(p: NetworkPolicy): string {
  return isEmptySelector(p.podSelector)
    ? `the pods of ${p.namespace}`
    : `pods with ${describeSelector(p.podSelector)}`;
}

function describeSelector(s: LabelSelector): string {
  return [
    ...Object.keys(s.matchLabels).map((k) => `${k}=${s.matchLabels[k] ?? ''}`),
    ...s.matchExpressions.map((e) => {
      switch (e.operator) {
        case 'Exists':
          return e.key;
        case 'DoesNotExist':
          return `!${e.key}`;
        case 'In':
          return `${e.key} in (${e.values.join(', ')})`;
        case 'NotIn':
          return `${e.key} notin (${e.values.join(', ')})`;
      }
    }),
  ].join(', ');
}

const KUBE_DNS_POD = labelsFrom([['k8s-app', 'kube-dns']]);

/**
 * Whether the policy's egress already reaches kube-dns in kube-system on UDP and TCP 53, as
 * DNS_RULE does. Named ports and ipBlocks count as not reaching it: the worst case is a DNS rule
 * written twice, never DNS lost.
 */
function allowsDns(ws: ReadResult, p: NetworkPolicy): boolean {
  const kubeSystem =
    ws.namespaces.find((n) => n.name === 'kube-system')?.labels ??
    labelsFrom([[METADATA_NAME_LABEL, 'kube-system']]);
  const reachesDns = (peer: PolicyPeer) =>
    peer.kind === 'selector' &&
    (peer.namespaceSelector === null
      ? p.namespace === 'kube-system'
      : matchesSelector(kubeSystem, peer.namespaceSelector)) &&
    (peer.podSelector === null || matchesSelector(KUBE_DNS_POD, peer.podSelector));
  const opens53 = (ports: readonly PolicyPort[] | null, protocol: 'UDP' | 'TCP') =>
    ports === null ||
    ports.some(
      (port) =>
        port.protocol === protocol &&
        (port.port === null ||
          port.port === 53 ||
          (typeof port.port === 'number' &&
            port.endPort !== null &&
            port.port <= 53 &&
            53 <= port.endPort)),
    );
  return (['UDP', 'TCP'] as const).every((protocol) =>
    p.egress.some(
      (r) => opens53(r.ports, protocol) && (r.peers === null || r.peers.some(reachesDns)),
    ),
  );
}
