// A selected ClusterNetworkPolicy (or v1alpha1 Admin/BaselineAdminNetworkPolicy) in plain words:
// its tier and priority, what its subject selects (ringed on the canvas), and each rule with its
// action, linked to the rule's text in the YAML. A v1alpha1 policy offers its migration.
import type { ClusterNetworkPolicy } from '../../model/types.ts';
import { clusterPolicyWords } from '../../view/cluster-words.ts';
import { useWorkspaceStore } from '../../store/workspace-store.ts';
import { migrateClusterPolicy } from '../../store/cluster-gestures.ts';
import type { CanvasModel } from '../canvas/use-canvas-model.ts';
import { PolicyLink } from './PolicyLink.tsx';
import './policy-words.css';
import './cluster-tiers.css';

const BROKEN = 'Fix the YAML errors first: the canvas shows the last valid version';

function Migrate({ policy }: { readonly policy: ClusterNetworkPolicy }) {
  const broken = useWorkspaceStore((s) => s.hasSyntaxErrors);
  if (policy.kind === 'ClusterNetworkPolicy') return null;
  return (
    <div className="sp-note">
      <p>
        {policy.kind} ({policy.apiVersion}) is deprecated: v1alpha2 ClusterNetworkPolicy replaces it
        ({policy.tier} tier).
      </p>
      <button
        type="button"
        className="btn"
        disabled={broken}
        title={broken ? BROKEN : 'Rewrite this document as a v1alpha2 ClusterNetworkPolicy'}
        onClick={() => migrateClusterPolicy(policy.id)}
      >
        Migrate to ClusterNetworkPolicy v1alpha2
      </button>
    </div>
  );
}

export function ClusterPolicyInspector({
  policy,
  model,
}: {
  readonly policy: ClusterNetworkPolicy;
  readonly model: CanvasModel;
}) {
  const words = clusterPolicyWords(policy, model.workspace);
  return (
    <section className="sp-section policy-words" aria-label="Cluster policy">
      <h3>
        <span className="sp-kind">{policy.kind}</span>{' '}
        <PolicyLink workspace={model.workspace} policyId={policy.id} />
      </h3>
      {!policy.valid && (
        <p className="sp-note">Invalid: the API server would reject it, so it is not enforced.</p>
      )}
      <Migrate policy={policy} />
      <dl className="sp-facts">
        <dt>Tier</dt>
        <dd data-testid="cluster-tier">{words.tier}</dd>
        <dt>Subject</dt>
        <dd data-testid="policy-selects">
          {words.selects}{' '}
          <span className="sp-muted">
            ({words.selectedText}
            {words.selected.length > 0 ? ', ringed on the canvas' : ''})
          </span>
        </dd>
      </dl>
      {words.rules.length === 0 && <p className="sp-muted">No rules: it decides nothing.</p>}
      {(['ingress', 'egress'] as const).map((direction) => {
        const rules = words.rules.filter((r) => r.direction === direction);
        if (rules.length === 0) return null;
        const title = direction === 'ingress' ? 'Ingress' : 'Egress';
        return (
          <div key={direction}>
            <h4>{title}</h4>
            <p className="sp-muted">Rules in order: the first that matches a flow decides.</p>
            <ol className="pw-rules" aria-label={`${title} rules`}>
              {rules.map((r) => (
                <li key={r.path} className="pw-rule" data-testid="policy-rule" data-words={r.text}>
                  <PolicyLink workspace={model.workspace} policyId={policy.id} path={r.path}>
                    {r.label}
                  </PolicyLink>
                  : <strong className={`sp-tier-${r.action.toLowerCase()}`}>{r.tag}</strong>{' '}
                  {r.body.tokens.map((t, i) =>
                    t.strong ? (
                      <strong key={i} className="pw-conj">
                        {t.text}
                      </strong>
                    ) : (
                      <span key={i}>{i === 0 ? t.text.replace(/^\w+ /, '') : t.text}</span>
                    ),
                  )}
                </li>
              ))}
            </ol>
          </div>
        );
      })}
    </section>
  );
}
