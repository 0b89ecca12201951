// A selected edge. A policy rule peer: its policy, rule, peer and ports, a Delete button and the
// verdict of the flow it draws. A highlighted flow: the verdict on each probed port.
import { displayText } from '../../model/display-text.ts';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import { deleteEdge } from '../../store/gestures.ts';
import { flowsOf, verdictBetween } from '../../store/canvas-model.ts';
import type { CanvasModel } from '../../store/canvas-model.ts';
import { findFlow, probePortsOf } from '../../view/flows.ts';
import type { FlowSummary } from '../../view/graph-types.ts';
import { endpointOfNode } from '../../store/endpoints.ts';
import { PolicyLink } from './PolicyLink.tsx';
import { VerdictView } from './VerdictView.tsx';
import { ClusterRuleRemove } from './ClusterRuleRemove.tsx';
import { clusterActionText } from '../../view/labels.ts';
import './cluster-tiers.css';

function nameOf(model: CanvasModel, id: string): string {
  const d = model.graph.nodeById.get(id)?.data;
  if (!d) return displayText(id, 50);
  if (d.kind === 'workload') return displayText(d.workload.id, 50);
  if (d.kind === 'namespace') return `namespace ${displayText(d.name, 40)}`;
  return displayText(d.label, 50);
}

function FlowInspector({ id, model }: { readonly id: string; readonly model: CanvasModel }) {
  const [, source = '', target = ''] = id.split('|');
  const holder = model.graph.nodeById.get(source)?.data.kind === 'workload' ? source : target;
  const flow = findFlow(flowsOf(model, holder), id);
  if (flow?.members) return <FlowGroupInspector flow={flow} model={model} />;
  if (!flow || !endpointOfNode(model, source) || !endpointOfNode(model, target))
    return <p className="sp-muted">This flow is no longer on the canvas.</p>;
  return (
    <section className="sp-section" aria-label="Flow">
      <h3>
        Flow {nameOf(model, source)} → {nameOf(model, target)}
      </h3>
      {flow.ports.map((p) => {
        const verdict = verdictBetween(model, source, target, p.port, p.protocol);
        return (
          verdict && (
            <VerdictView
              key={`${p.protocol}/${p.port}`}
              verdict={verdict}
              workspace={model.workspace}
            />
          )
        );
      })}
    </section>
  );
}

const MARK = { allowed: '✓', partial: '◐', denied: '✗' } as const;
const ORDER = { denied: 0, partial: 1, allowed: 2 } as const;

/** A namespace's flows drawn as one edge: each workload's verdict, each one explainable. */
function FlowGroupInspector({
  flow,
  model,
}: {
  readonly flow: FlowSummary;
  readonly model: CanvasModel;
}) {
  const members = [...(flow.members ?? [])].sort((a, b) => ORDER[a.state] - ORDER[b.state]);
  const other = (f: FlowSummary) => (f.direction === 'out' ? f.target : f.source);
  return (
    <section className="sp-section" aria-label="Flows">
      <h3>
        Flows {nameOf(model, flow.source)} → {nameOf(model, flow.target)}
      </h3>
      <p className="sp-muted">{displayText(flow.ariaLabel.split(': ').slice(1).join(': '), 120)}</p>
      <ul className="sp-list flow-members">
        {members.map((m) => (
          <li key={m.id}>
            <button
              type="button"
              className={`sp-link flow-member ${m.state}`}
              onClick={() => workspaceStore.getState().select({ kind: 'edge', id: m.id })}
              aria-label={`${m.ariaLabel}. Explain`}
              title="Explain this flow"
            >
              <span aria-hidden="true">{MARK[m.state]}</span> {nameOf(model, other(m))}{' '}
              <span className="sp-muted">
                {m.ports.map((p) => `${p.protocol} ${p.port}`).join(', ')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function EdgeInspector({ id, model }: { readonly id: string; readonly model: CanvasModel }) {
  const broken = useWorkspaceStore((s) => s.hasSyntaxErrors);
  if (id.startsWith('flow|')) return <FlowInspector id={id} model={model} />;
  const edge = model.graph.edgeById.get(id);
  if (!edge) return <p className="sp-muted">This edge is no longer on the canvas.</p>;
  const g = edge.data;
  const base = `spec.${g.direction}[${g.ruleIndex}]`;
  const peerPath =
    g.peerIndex === null
      ? base
      : `${base}.${g.direction === 'ingress' ? 'from' : 'to'}[${g.peerIndex}]`;
  const to = endpointOfNode(model, edge.target);
  const rule = model.workspace.policies.find((p) => p.id === g.policyId)?.[g.direction][
    g.ruleIndex
  ];
  const numeric = rule?.ports?.find(
    (p) => typeof p.port === 'number' || typeof p.port === 'string',
  );
  const probe =
    numeric && numeric.port !== null
      ? { port: numeric.port, protocol: numeric.protocol }
      : to?.kind === 'workload'
        ? probePortsOf(to.workload, model.index.policies)[0]
        : { port: 443, protocol: 'TCP' as const };
  const verdict = probe
    ? verdictBetween(model, edge.source, edge.target, probe.port, probe.protocol)
    : null;
  return (
    <section className="sp-section" aria-label="Policy rule">
      <h3>Policy rule</h3>
      <dl className="sp-facts">
        {g.cluster && (
          <>
            <dt>Cluster rule</dt>
            <dd data-testid="cluster-rule">
              <strong className={`sp-tier-${g.cluster.action.toLowerCase()}`}>
                {clusterActionText(g.cluster)}
              </strong>{' '}
              ({g.cluster.tier} tier, priority {g.cluster.priority}
              {g.cluster.tier === 'Admin' ? ', before NetworkPolicy' : ', after NetworkPolicy'})
            </dd>
          </>
        )}
        <dt>Policy</dt>
        <dd>
          <PolicyLink workspace={model.workspace} policyId={g.policyId} />
        </dd>
        <dt>Rule</dt>
        <dd>
          <PolicyLink workspace={model.workspace} policyId={g.policyId} path={base}>
            {g.direction} rule {g.ruleIndex + 1}
          </PolicyLink>
        </dd>
        <dt>Peer</dt>
        <dd>
          {g.peerIndex === null ? (
            'every peer (no from/to)'
          ) : (
            <PolicyLink workspace={model.workspace} policyId={g.policyId} path={peerPath}>
              peer {g.peerIndex + 1}
            </PolicyLink>
          )}
        </dd>
        <dt>From</dt>
        <dd>{nameOf(model, edge.source)}</dd>
        <dt>To</dt>
        <dd>{nameOf(model, edge.target)}</dd>
        <dt>Ports</dt>
        <dd>{displayText(g.portsLabel, 60)}</dd>
      </dl>
      {g.cluster ? (
        <ClusterRuleRemove edgeId={id} model={model} />
      ) : (
        <button
          type="button"
          className="sp-danger"
          disabled={broken}
          title={
            broken
              ? 'Fix the YAML errors first: the canvas shows the last valid version'
              : 'Remove this peer from the rule (Delete key)'
          }
          onClick={() => deleteEdge(id)}
        >
          Delete edge
        </button>
      )}
      {verdict && (
        <>
          <h4>This flow today</h4>
          <VerdictView verdict={verdict} workspace={model.workspace} />
        </>
      )}
    </section>
  );
}
