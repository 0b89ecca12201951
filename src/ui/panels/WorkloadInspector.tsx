// The selected workload: what it is, its labels and ports, the policies isolating it, and the form
// that allows traffic to or from it without a mouse.
import { displayText } from '../../model/display-text.ts';
import type { WorkloadNodeData } from '../../view/graph-types.ts';
import type { CanvasModel } from '../canvas/use-canvas-model.ts';
import { AllowTrafficForm } from './AllowTrafficForm.tsx';
import { PolicyLink } from './PolicyLink.tsx';

export function WorkloadInspector({
  data,
  model,
}: {
  readonly data: WorkloadNodeData;
  readonly model: CanvasModel;
}) {
  const w = data.workload;
  const labels = Object.keys(w.labels);
  const policies = (dir: 'ingress' | 'egress') => {
    const ids = data.policies[dir];
    return ids.length === 0 ? (
      <span className="sp-muted">not isolated: everything is allowed</span>
    ) : (
      <ul className="sp-list">
        {ids.map((id) => (
          <li key={id}>
            <PolicyLink workspace={model.workspace} policyId={id} />
          </li>
        ))}
      </ul>
    );
  };
  return (
    <section className="sp-section" aria-label="Workload">
      <h3>
        <span className="sp-kind">{w.inferred ? 'Inferred workload' : w.kind}</span>{' '}
        {displayText(w.name, 50)}
      </h3>
      <p className="sp-muted">namespace {displayText(w.namespace, 50)}</p>
      {w.inferred && (
        <p className="sp-note">
          Inferred from selector: no Pod or workload in the text has these labels. Add one to
          replace it.
        </p>
      )}
      <h4>Labels</h4>
      {labels.length === 0 ? (
        <p className="sp-muted">none</p>
      ) : (
        <ul className="sp-chips">
          {labels.map((k) => (
            <li key={k}>{displayText(`${k}=${w.labels[k] ?? ''}`, 60)}</li>
          ))}
        </ul>
      )}
      <h4>Ports</h4>
      {w.ports.length === 0 ? (
        <p className="sp-muted">none declared</p>
      ) : (
        <ul className="sp-chips">
          {w.ports.map((p) => (
            <li key={`${p.protocol}/${p.port}`}>
              {p.protocol} {p.port}
              {p.name ? ` (${displayText(p.name, 20)})` : ''}
            </li>
          ))}
        </ul>
      )}
      <h4>Ingress {data.isolation.ingress ? '— isolated by' : ''}</h4>
      {policies('ingress')}
      <h4>Egress {data.isolation.egress ? '— isolated by' : ''}</h4>
      {policies('egress')}
      <AllowTrafficForm />
    </section>
  );
}
