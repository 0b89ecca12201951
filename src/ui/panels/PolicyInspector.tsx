// A selected policy: what it selects, which directions it isolates, and each rule (linked to its
// text).
import { displayText } from '../../model/display-text.ts';
import { selectorText } from '../../model/infer-workloads.ts';
import type { NetworkPolicy } from '../../model/types.ts';
import type { CanvasModel } from '../canvas/use-canvas-model.ts';
import { rulePortsText } from '../../store/graph/labels.ts';
import { PolicyLink } from './PolicyLink.tsx';

function peerText(p: NonNullable<NetworkPolicy['ingress'][number]['peers']>[number]): string {
  if (p.kind === 'ipBlock')
    return `${p.cidr}${p.except.length ? ` except ${p.except.join(', ')}` : ''}`;
  const ns = p.namespaceSelector === null ? '' : `namespaces ${selectorText(p.namespaceSelector)}`;
  const pods = p.podSelector === null ? '' : `pods ${selectorText(p.podSelector)}`;
  return [ns, pods].filter(Boolean).join(', ');
}

export function PolicyInspector({
  policy,
  model,
}: {
  readonly policy: NetworkPolicy;
  readonly model: CanvasModel;
}) {
  const rules = (dir: 'ingress' | 'egress') =>
    policy[dir].map((r, i) => (
      <li key={`${dir}${i}`}>
        <PolicyLink workspace={model.workspace} policyId={policy.id} path={`spec.${dir}[${i}]`}>
          {dir} rule {i + 1}
        </PolicyLink>
        : {r.peers === null ? 'every peer' : displayText(r.peers.map(peerText).join('; '), 120)} —{' '}
        {rulePortsText(r)}
      </li>
    ));
  const types = [
    policy.policyTypes.ingress && 'Ingress',
    policy.policyTypes.egress && 'Egress',
  ].filter(Boolean);
  return (
    <section className="sp-section" aria-label="Policy">
      <h3>
        <span className="sp-kind">NetworkPolicy</span>{' '}
        <PolicyLink workspace={model.workspace} policyId={policy.id} />
      </h3>
      {!policy.valid && (
        <p className="sp-note">Invalid: the API server would reject it, so it is not enforced.</p>
      )}
      <p>
        Selects {displayText(selectorText(policy.podSelector), 80)} in{' '}
        {displayText(policy.namespace, 50)}
      </p>
      <p className="sp-muted">Isolates for {types.join(' and ') || 'nothing'}</p>
      <ul className="sp-list">
        {rules('ingress')}
        {rules('egress')}
      </ul>
    </section>
  );
}
