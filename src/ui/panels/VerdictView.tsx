// A verdict explained: allowed or denied, and for each side (egress of the source, ingress of the
// destination) which policies isolate it and which rules allow the flow, what nearly matched, and
// which rejected policies would have applied but are left out.
import type { SideVerdict, Verdict } from '../../engine/evaluate.ts';
import type { Workspace } from '../../model/types.ts';
import { displayText } from '../../model/display-text.ts';
import { PolicyLink } from './PolicyLink.tsx';
import { TierLine, clusterInvolved } from './TierLine.tsx';

function Isolation({
  side,
  workspace,
}: {
  readonly side: SideVerdict;
  readonly workspace: Workspace;
}) {
  if (!side.applies) return <p className="sp-muted">{displayText(side.reason, 200)}</p>;
  const which = side.side;
  if (!side.isolated)
    return (
      <p className="sp-muted">
        Not isolated for {which}: no policy with {which === 'ingress' ? 'Ingress' : 'Egress'}{' '}
        selects it.
      </p>
    );
  return (
    <>
      <p>Isolated for {which} by</p>
      <ul className="sp-list" aria-label={`Isolated for ${which} by`}>
        {side.policies.map((id) => (
          <li key={id}>
            <PolicyLink workspace={workspace} policyId={id} path={`spec.${which}`} />
          </li>
        ))}
      </ul>
      {side.allowed ? (
        <>
          <p>Allowed by</p>
          <ul className="sp-list" aria-label="Allowed by">
            {side.matches.map((m) => (
              <li key={`${m.policy}|${m.path}`}>
                <PolicyLink workspace={workspace} policyId={m.policy} path={m.path}>
                  {displayText(m.policy, 50)} {which} rule {m.ruleIndex + 1}
                  {m.peerIndex === null ? '' : `, peer ${m.peerIndex + 1}`}
                </PolicyLink>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="sp-denied-note">No {which} rule allows this flow.</p>
      )}
      {side.details.map((d) => (
        <p key={d} className="sp-detail">
          {displayText(d, 200)}
        </p>
      ))}
    </>
  );
}

function LeftOut({
  side,
  workspace,
}: {
  readonly side: SideVerdict;
  readonly workspace: Workspace;
}) {
  if (side.leftOut.length === 0) return null;
  return (
    <>
      <p className="sp-left-out">
        Left out: rejected by validation, so the API server would not enforce{' '}
        {side.leftOut.length === 1 ? 'it' : 'them'}, though{' '}
        {side.leftOut.length === 1 ? 'it' : 'they'} would select this pod for {side.side}
      </p>
      <ul className="sp-list" aria-label={`Left out of ${side.side}`}>
        {side.leftOut.map((l) => (
          <li key={l.policy}>
            <PolicyLink workspace={workspace} policyId={l.policy} path={l.path} />{' '}
            <span className="sp-muted">(rejected: {displayText(l.problem, 120)})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function SideView({
  side,
  workspace,
}: {
  readonly side: SideVerdict;
  readonly workspace: Workspace;
}) {
  const title = side.side === 'egress' ? 'Egress of the source' : 'Ingress of the destination';
  return (
    <section className={`sp-side ${side.allowed ? 'ok' : 'no'}`} aria-label={title}>
      <h4>
        <span aria-hidden="true">{side.allowed ? '✓' : '✗'}</span> {title}:{' '}
        {side.allowed ? 'allows' : 'denies'}
      </h4>
      <TierLine side={side} workspace={workspace} />
      {/* A cluster tier that decided says it all; NetworkPolicy's part would only mislead. */}
      {side.tier === 'Admin' ||
      side.tier === 'Baseline' ||
      (side.tier === 'Default' && clusterInvolved(side)) ? null : side.isolated ||
        !side.applies ||
        side.allowed ? (
        <Isolation side={side} workspace={workspace} />
      ) : (
        <p className="sp-muted">{displayText(side.reason, 200)}</p>
      )}
      <LeftOut side={side} workspace={workspace} />
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
      {verdict.notes.map((n) => (
        <p key={n} className="sp-muted sp-note">
          {displayText(n, 240)}
        </p>
      ))}
      <SideView side={verdict.egress} workspace={workspace} />
      <SideView side={verdict.ingress} workspace={workspace} />
    </div>
  );
}
