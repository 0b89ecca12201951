// One side's cluster tiers in words, with links: which tier, policy, priority and rule decided it
// ("Admin tier: deny-dev-to-prod (priority 10) ingress rule 1 (no-dev) denies; NetworkPolicy not
// consulted"), or that an Admin Pass handed it on, or that no cluster rule matched.
import type { ClusterRuleMatch, SideVerdict } from '../../engine/evaluate.ts';
import type { Workspace } from '../../model/types.ts';
import { displayText } from '../../model/display-text.ts';
import { PolicyLink } from './PolicyLink.tsx';
import './cluster-tiers.css';

const VERB = { Accept: 'accepts', Deny: 'denies', Pass: 'passes' } as const;

function MatchText({
  m,
  side,
  workspace,
  after,
}: {
  readonly m: ClusterRuleMatch;
  readonly side: 'ingress' | 'egress';
  readonly workspace: Workspace;
  readonly after: string;
}) {
  const rule = `${side} rule ${m.ruleIndex + 1}${m.ruleName ? ` (${displayText(m.ruleName, 40)})` : ''}`;
  return (
    <p className={`sp-tier sp-tier-${m.action.toLowerCase()}`} data-testid="tier-line">
      <strong>{m.tier} tier</strong>:{' '}
      <PolicyLink workspace={workspace} policyId={m.policy}>
        {displayText(m.policy, 50)}
      </PolicyLink>{' '}
      (priority {m.priority}){' '}
      <PolicyLink workspace={workspace} policyId={m.policy} path={m.path}>
        {rule}
      </PolicyLink>{' '}
      {VERB[m.action]}
      {m.failedClosed ? ' (a peer of an unknown kind: fails closed as deny-all)' : ''}
      {after}
    </p>
  );
}

/** Whether cluster policies had anything to do with this side (else nothing is said). */
export const clusterInvolved = (s: SideVerdict): boolean =>
  s.clusterExempt ||
  s.clusterMatches.length > 0 ||
  s.clusterPolicies.Admin.length + s.clusterPolicies.Baseline.length > 0;

export function TierLine({
  side,
  workspace,
}: {
  readonly side: SideVerdict;
  readonly workspace: Workspace;
}) {
  if (!clusterInvolved(side)) return null;
  const which = side.side;
  if (side.clusterExempt)
    return (
      <p className="sp-tier" data-testid="tier-line">
        A pod connecting to itself: cluster policies do not apply.
      </p>
    );
  const lines = side.clusterMatches.map((m, i) => {
    const decides = i === side.clusterMatches.length - 1 && m.action !== 'Pass';
    const after =
      m.action === 'Pass'
        ? m.tier === 'Admin'
          ? ' on to NetworkPolicy'
          : ' on to the default (allowed)'
        : decides && m.tier === 'Admin'
          ? '; NetworkPolicy not consulted'
          : '';
    return (
      <MatchText
        key={`${m.policy}|${m.path}`}
        m={m}
        side={which}
        workspace={workspace}
        after={after}
      />
    );
  });
  const tail =
    side.tier === 'NetworkPolicy'
      ? `Decided by NetworkPolicy${side.clusterPolicies.Baseline.length > 0 ? ' (Baseline tier not consulted)' : ''}.`
      : side.tier === 'Default'
        ? side.clusterMatches.length === 0
          ? `No cluster policy rule matches this ${which}; no NetworkPolicy isolates it: allowed by default.`
          : 'No NetworkPolicy isolates it: allowed by default.'
        : side.tier === 'Baseline'
          ? null
          : null;
  return (
    <div className="sp-tiers" aria-label={`Cluster tiers for ${which}`}>
      {side.tier === 'Baseline' && (
        <p className="sp-muted">
          No Admin rule decided and no NetworkPolicy isolates it for {which}:
        </p>
      )}
      {lines}
      {tail && <p className="sp-muted">{tail}</p>}
    </div>
  );
}
