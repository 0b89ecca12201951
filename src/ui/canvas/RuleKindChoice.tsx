// The popover's first choice: a NetworkPolicy rule that allows the drawn traffic (the default), or
// a cluster policy rule with its tier and action (Admin Deny, Admin Accept, Pass, Baseline Deny,
// Baseline Accept), written as a ClusterNetworkPolicy.
import type { ClusterRuleAction, ClusterTier } from '../../model/types.ts';
import './rule-kind.css';

export interface ClusterKind {
  readonly tier: ClusterTier;
  readonly action: ClusterRuleAction;
}

const KINDS: readonly (ClusterKind & { readonly label: string; readonly hint: string })[] = [
  {
    tier: 'Admin',
    action: 'Deny',
    label: 'Admin Deny',
    hint: 'denies it, whatever NetworkPolicies say',
  },
  {
    tier: 'Admin',
    action: 'Accept',
    label: 'Admin Accept',
    hint: 'allows it, whatever NetworkPolicies say',
  },
  {
    tier: 'Admin',
    action: 'Pass',
    label: 'Pass',
    hint: 'skips the Admin tier: NetworkPolicy decides',
  },
  {
    tier: 'Baseline',
    action: 'Deny',
    label: 'Baseline Deny',
    hint: 'denies it where no NetworkPolicy isolates',
  },
  {
    tier: 'Baseline',
    action: 'Accept',
    label: 'Baseline Accept',
    hint: 'allows it where no NetworkPolicy isolates',
  },
];

export const clusterKindLabel = (k: ClusterKind): string =>
  KINDS.find((x) => x.tier === k.tier && x.action === k.action)?.label ?? `${k.tier} ${k.action}`;

export function RuleKindChoice({
  value,
  onChange,
}: {
  /** null: a NetworkPolicy allow rule. */
  readonly value: ClusterKind | null;
  readonly onChange: (next: ClusterKind | null) => void;
}) {
  const radio = (key: string, checked: boolean, pick: () => void, label: string, hint: string) => (
    <label className="cp-option" key={key} title={hint}>
      <input type="radio" name="rule-kind" checked={checked} onChange={pick} />
      <span>
        {label} <span className="cp-hint">{hint}</span>
      </span>
    </label>
  );
  return (
    <fieldset className="cp-ports cp-kind">
      <legend>Rule</legend>
      {radio('np', value === null, () => onChange(null), 'Allow', 'a NetworkPolicy rule')}
      <details className="cp-cluster" open={value !== null}>
        <summary>Cluster policy (ClusterNetworkPolicy)</summary>
        {KINDS.map((k) =>
          radio(
            `${k.tier}-${k.action}`,
            value?.tier === k.tier && value.action === k.action,
            () => onChange({ tier: k.tier, action: k.action }),
            k.label,
            k.hint,
          ),
        )}
      </details>
    </fieldset>
  );
}
