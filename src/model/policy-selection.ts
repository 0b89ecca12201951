// Which policies select a pod, for a direction: the one rule the engine, authoring, inference and
// the view share. A policy selects the pods of its own namespace that match its podSelector, and
// governs a direction only when its policyTypes include it. A cluster policy's subject selects by
// namespace labels (and pod labels), and affects a direction only when it has rules there.
import { matchesSelector } from './selector.ts';
import type {
  ClusterNetworkPolicy,
  ClusterTier,
  Labels,
  NetworkPolicy,
  Workload,
} from './types.ts';

export type PolicyDirection = 'ingress' | 'egress';

/** Does the policy select the workload's pods (for `direction`, when given)? Validity aside. */
export function policySelects(
  p: NetworkPolicy,
  w: Pick<Workload, 'namespace' | 'labels'>,
  direction?: PolicyDirection,
): boolean {
  return (
    p.namespace === w.namespace &&
    (direction === undefined || p.policyTypes[direction]) &&
    matchesSelector(w.labels, p.podSelector)
  );
}

/** As policySelects, for a policy the API server would accept (a rejected one selects nothing). */
export const validPolicySelects = (
  p: NetworkPolicy,
  w: Pick<Workload, 'namespace' | 'labels'>,
  direction?: PolicyDirection,
): boolean => p.valid && policySelects(p, w, direction);

/** The valid policies that select the workload, for `direction` when given, in input order. */
export function policiesSelecting(
  policies: readonly NetworkPolicy[],
  w: Pick<Workload, 'namespace' | 'labels'>,
  direction?: PolicyDirection,
): NetworkPolicy[] {
  return policies.filter((p) => validPolicySelects(p, w, direction));
}

/**
 * Does a cluster policy's subject select the workload's pods (for `direction`, when given: only a
 * policy with rules in that direction affects it)? Host-networked pods are never selected.
 * `namespaceLabels` are the labels of the workload's namespace. Validity aside.
 */
export function clusterPolicySelects(
  p: ClusterNetworkPolicy,
  w: Pick<Workload, 'labels' | 'hostNetwork'>,
  namespaceLabels: Labels,
  direction?: PolicyDirection,
): boolean {
  return (
    w.hostNetwork !== true &&
    (direction === undefined || p[direction].length > 0) &&
    matchesSelector(namespaceLabels, p.subject.namespaceSelector) &&
    (p.subject.podSelector === null || matchesSelector(w.labels, p.subject.podSelector))
  );
}

/** Evaluation order inside a tier: priority, then (equal priorities are ambiguous) name, kind. */
export function compareClusterPolicies(a: ClusterNetworkPolicy, b: ClusterNetworkPolicy): number {
  return (
    a.priority - b.priority ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)
  );
}

/** The valid cluster policies of `tier` that select the workload for `direction`, in evaluation order. */
export function clusterPoliciesSelecting(
  policies: readonly ClusterNetworkPolicy[],
  tier: ClusterTier,
  w: Pick<Workload, 'labels' | 'hostNetwork'>,
  namespaceLabels: Labels,
  direction: PolicyDirection,
): ClusterNetworkPolicy[] {
  return policies
    .filter(
      (p) => p.valid && p.tier === tier && clusterPolicySelects(p, w, namespaceLabels, direction),
    )
    .sort(compareClusterPolicies);
}
