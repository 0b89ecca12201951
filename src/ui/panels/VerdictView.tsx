// A verdict explained: allowed or denied, and for each side (egress of the source, ingress of the
// destination) which policy and rule allowed it, or that it is isolated and no rule matched.
import type { SideVerdict, Verdict } from '../../engine/evaluate.ts';
import type { Workspace } from '../../model/types.ts';
import { displayText } from '../../model/display-text.ts';
import { PolicyLink } from './PolicyLink.tsx';

function SideView({
  side,
  workspace,
}: {
  readonly side: SideVerdict;
  readonly workspace: Workspace;
}) {
  const title = side.side === 'egress' ? 'Egress of the source' : 'Ingress of the destination';
  let body;
  if (!side.applies || !side.isolated) {
    body = <p className="sp-muted">{displayText(side.reason, 200)}</p>;
  } else if (side.allowed) {
    body = (
      <ul className="sp-list">
        {side.matches.map((m) => (
          <li key={`${m.policy}|${m.path}`}>
            allowed by{' '}
            <PolicyLink workspace={workspace} policyId={m.policy} path={m.path}>
              {displayText(m.policy, 50)} {side.side} rule {m.ruleIndex + 1}
              {m.peerIndex === null ? '' : `, peer ${m.peerIndex + 1}`}
            </PolicyLink>
          </li>
        ))}
      </ul>
    );
  } else {
    body = (
      <>
        <p>Isolated by</p>
        <ul className="sp-list">
          {side.policies.map((id) => (
            <li key={id}>
              <PolicyLink workspace={workspace} policyId={id} path={`spec.${side.side}`} />
            </li>
          ))}
        </ul>
        <p className="sp-denied-note">and no {side.side} rule matched.</p>
      </>
    );
  }
  return (
    <section className={`sp-side ${side.allowed ? 'ok' : 'no'}`} aria-label={title}>
      <h4>
        <span aria-hidden="true">{side.allowed ? '✓' : '✗'}</span> {title}:{' '}
        {side.allowed ? 'allows' : 'denies'}
      </h4>
      {body}
    </section>
  );
}

export function VerdictView({
  verdict,
  workspace,
}: {
  readonly verdict: Verdict;
  readonly workspace: Workspace;
}) {
  const port = verdict.port === null ? String(verdict.portName ?? '?') : String(verdict.port);
  return (
    <div className="sp-verdict">
      <p className={`sp-verdict-head ${verdict.allowed ? 'ok' : 'no'}`} role="status">
        <span aria-hidden="true">{verdict.allowed ? '✓' : '✗'}</span>{' '}
        {verdict.allowed ? 'Allowed' : 'Denied'} on {verdict.protocol} {port}
      </p>
      <SideView side={verdict.egress} workspace={workspace} />
      <SideView side={verdict.ingress} workspace={workspace} />
    </div>
  );
}
