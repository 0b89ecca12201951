// Deleting a drawn edge (one peer, or its rule, and a policy it empties) and the per-namespace
// default-deny toggles.
import type { NetworkPolicy, PolicyRule } from '../model/types.ts';
import { isEmptySelector } from '../model/selector.ts';
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
    return 'error' in edit
      ? edit
      : { edits: [edit], summary: `removed ${policy.id}, which this edge emptied` };
  }
  const edit = rewritePolicy(text, policy, next);
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
  const edits = [];
  for (const p of companions) {
    const edit = removePolicy(text, p);
    if ('error' in edit) return edit;
    edits.push(edit);
  }
  for (const p of existing) {
    const other = direction === 'ingress' ? 'egress' : 'ingress';
    // A deny-all for both directions keeps denying the other one.
    const edit = p.policyTypes[other]
      ? rewritePolicy(text, p, {
          ...p,
          policyTypes: { ...p.policyTypes, [direction]: false },
          [direction]: [],
        })
      : removePolicy(text, p);
    if ('error' in edit) return edit;
    edits.push(edit);
  }
  return { edits, summary: `removed the default deny for ${direction} in ${namespace}` };
}
