// The built-in example workspaces offered by the Examples menu; the first opens on a first visit.
import { AND_OR_PEERS_YAML } from './and-or-peers.ts';
import { CLUSTER_TIERS_YAML } from './cluster-tiers.ts';
import { INTERNET_EGRESS_YAML } from './internet-egress.ts';
import { THREE_TIER_YAML } from './three-tier.ts';

export interface Example {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly yaml: string;
}

export const EXAMPLES: readonly Example[] = [
  {
    id: 'three-tier',
    title: 'Three-tier shop',
    description: 'web → api → db behind a default deny, DNS egress, Prometheus scraping',
    yaml: THREE_TIER_YAML,
  },
  {
    id: 'and-or-peers',
    title: 'AND vs OR peers',
    description: 'One peer with two selectors versus two peers with one each',
    yaml: AND_OR_PEERS_YAML,
  },
  {
    id: 'internet-egress',
    title: 'Internet egress with except',
    description: 'ipBlock 0.0.0.0/0 minus private ranges and the metadata address',
    yaml: INTERNET_EGRESS_YAML,
  },
  {
    id: 'cluster-tiers',
    title: 'Cluster tiers (Admin, NetworkPolicy, Baseline)',
    description:
      'ClusterNetworkPolicy Deny, Accept and Pass before NetworkPolicy; a Baseline deny after',
    yaml: CLUSTER_TIERS_YAML,
  },
];

export const DEFAULT_EXAMPLE_YAML = THREE_TIER_YAML;

/** True when replacing the text loses nothing: it is empty or an unedited built-in example. */
export function isDisposableText(text: string): boolean {
  return text.trim() === '' || EXAMPLES.some((e) => e.yaml === text);
}
