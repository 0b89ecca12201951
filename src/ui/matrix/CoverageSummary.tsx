// The coverage summary beside the matrix: an overall score, then each namespace (weakest first)
// with its facts and the points of its score, each saying what earned it and what would help.
import { displayText } from '../../model/display-text.ts';
import type { Coverage, NamespaceCoverage } from '../../view/coverage.ts';

const yes = (on: boolean) => (on ? '✓ yes' : '✗ no');

function Facts({ ns }: { readonly ns: NamespaceCoverage }) {
  const lint = ns.lint;
  return (
    <dl className="cov-facts">
      <dt>Default deny</dt>
      <dd>
        in {yes(ns.defaultDeny.ingress)} · out {yes(ns.defaultDeny.egress)}
      </dd>
      <dt>Isolated</dt>
      <dd>
        in {ns.isolated.ingress}/{ns.workloads} · out {ns.isolated.egress}/{ns.workloads}
      </dd>
      {lint && (
        <>
          <dt>Allow-all rules</dt>
          <dd>{ns.allowAll}</dd>
          <dt>Lint</dt>
          <dd>
            {lint.error} error{lint.error === 1 ? '' : 's'} · {lint.warning} warning
            {lint.warning === 1 ? '' : 's'} · {lint.info} info
          </dd>
        </>
      )}
    </dl>
  );
}

function NamespaceCard({ ns, open }: { readonly ns: NamespaceCoverage; readonly open: boolean }) {
  return (
    <details className="cov-ns" open={open} data-namespace={ns.namespace}>
      <summary>
        <span className="cov-name">{displayText(ns.namespace, 40)}</span>
        <span className="cov-score" aria-label={`score ${ns.score} of 100`}>
          {ns.score}
          <small>/100</small>
        </span>
        <span className="cov-bar" aria-hidden="true">
          <span style={{ width: `${ns.score}%` }} />
        </span>
      </summary>
      <Facts ns={ns} />
      <ul className="cov-points">
        {ns.points.map((p) => (
          <li key={p.id} className={p.earned === p.max ? 'full' : 'missing'}>
            <span className="cov-pts">
              {p.earned}/{p.max}
            </span>
            <span>
              {p.why}
              {p.action && <span className="cov-action"> → {p.action}</span>}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function CoverageSummary({ coverage }: { readonly coverage: Coverage }) {
  return (
    <aside className="cov" aria-labelledby="cov-heading" data-testid="coverage">
      <h2 id="cov-heading">
        Coverage <span className="cov-total">{coverage.score}/100</span>
      </h2>
      <p className="cov-muted">
        {coverage.workloads} workload{coverage.workloads === 1 ? '' : 's'} in{' '}
        {coverage.namespaces.length} namespace{coverage.namespaces.length === 1 ? '' : 's'}; the
        score is their mean, weighted by workloads. Weakest namespace first: open one to see what
        each point is for.
      </p>
      {coverage.lint && (
        <p className="cov-muted">
          Lint: {coverage.lint.error} errors, {coverage.lint.warning} warnings, {coverage.lint.info}{' '}
          info in the workspace.
        </p>
      )}
      {coverage.namespaces.map((ns, i) => (
        <NamespaceCard key={ns.namespace} ns={ns} open={i === 0} />
      ))}
    </aside>
  );
}
