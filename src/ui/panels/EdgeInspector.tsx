// A selected edge. A policy rule peer: its policy, rule, peer and ports, a Delete button and the
// verdict of the flow it draws. A highlighted flow: the verdict on each probed port.
import { evaluateFlow } from '../../engine/evaluate.ts';
import { displayText } from '../../model/display-text.ts';
import { useWorkspaceStore } from '../../store/workspace-store.ts';
import { deleteEdge } from '../canvas/canvas-actions.ts';
import { flowsOf } from '../canvas/use-canvas-model.ts';
import type { CanvasModel } from '../canvas/use-canvas-model.ts';
import { probePortsOf } from '../graph/flows.ts';
import { endpointOfNode } from './endpoints.ts';
import { PolicyLink } from './PolicyLink.tsx';
import { VerdictView } from './VerdictView.tsx';

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
  const flow = flowsOf(model, holder).find((f) => f.id === id);
  const from = endpointOfNode(model, source);
  const to = endpointOfNode(model, target);
  if (!flow || !from || !to)
    return <p className="sp-muted">This flow is no longer on the canvas.</p>;
  return (
    <section className="sp-section" aria-label="Flow">
      <h3>
        Flow {nameOf(model, source)} → {nameOf(model, target)}
      </h3>
      {flow.ports.map((p) => (
        <VerdictView
          key={`${p.protocol}/${p.port}`}
          verdict={evaluateFlow(model.index, { from, to, port: p.port, protocol: p.protocol })}
          workspace={model.workspace}
        />
      ))}
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
  const from = endpointOfNode(model, edge.source);
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
  const verdict = from && to && probe ? evaluateFlow(model.index, { from, to, ...probe }) : null;
  return (
    <section className="sp-section" aria-label="Policy rule">
      <h3>Policy rule</h3>
      <dl className="sp-facts">
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
      {verdict && (
        <>
          <h4>This flow today</h4>
          <VerdictView verdict={verdict} workspace={model.workspace} />
        </>
      )}
    </section>
  );
}
