// Which workloads the canvas filters keep bright: by namespace, isolated ones, and those whose own
// policies deny some traffic. The rest are dimmed (never hidden), so the picture keeps its shape.
import type { NetworkPolicy, PolicyRule } from '../model/types.ts';

export interface WorkloadFilter {
  /** Empty: every namespace. */
  readonly namespaces: readonly string[];
  /** Only workloads isolated for ingress or for egress. */
  readonly isolatedOnly: boolean;
  /** Only workloads with denied flows (see `hasDeniedFlows`). */
  readonly deniedOnly: boolean;
}

export const NO_FILTER: WorkloadFilter = { namespaces: [], isolatedOnly: false, deniedOnly: false };

export interface FilterableWorkload {
  readonly id: string;
  readonly namespace: string;
  readonly isolation: { readonly ingress: boolean; readonly egress: boolean };
  /** Ids of the valid policies selecting the workload, per direction. */
  readonly policies: { readonly ingress: readonly string[]; readonly egress: readonly string[] };
}

export function isFilterActive(filter: WorkloadFilter): boolean {
  return filter.namespaces.length > 0 || filter.isolatedOnly || filter.deniedOnly;
}

/** A rule with no peers and no ports allows every peer on every port. */
const allowsEverything = (rule: PolicyRule): boolean => rule.peers === null && rule.ports === null;

/**
 * Whether a workload has denied flows, decided from its own policies without probing every pair:
 * it is isolated in a direction and no rule of that direction allows every peer on every port, so
 * some peer (a pod, or an address outside the cluster) is denied. Traffic denied only by the other
 * side's egress policy is not counted here.
 */
export function hasDeniedFlows(
  w: FilterableWorkload,
  policyById: ReadonlyMap<string, NetworkPolicy>,
): boolean {
  const deniesSome = (direction: 'ingress' | 'egress'): boolean =>
    w.isolation[direction] &&
    !w.policies[direction].some((id) => policyById.get(id)?.[direction].some(allowsEverything));
  return deniesSome('ingress') || deniesSome('egress');
}

/** The ids of the workloads the filter keeps (every one when the filter is inactive). */
export function matchingWorkloads(
  workloads: readonly FilterableWorkload[],
  filter: WorkloadFilter,
  policyById: ReadonlyMap<string, NetworkPolicy>,
): Set<string> {
  const namespaces = new Set(filter.namespaces);
  const out = new Set<string>();
  for (const w of workloads) {
    if (namespaces.size > 0 && !namespaces.has(w.namespace)) continue;
    if (filter.isolatedOnly && !w.isolation.ingress && !w.isolation.egress) continue;
    if (filter.deniedOnly && !hasDeniedFlows(w, policyById)) continue;
    out.add(w.id);
  }
  return out;
}
