// Which policies select a pod, for a direction: the one rule the engine, authoring, inference and
// the view share. A policy selects the pods of its own namespace that match its podSelector, and
// governs a direction only when its policyTypes include it.
import { matchesSelector } from './selector.ts';
import type { NetworkPolicy, Workload } from './types.ts';

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
