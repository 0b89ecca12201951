// A workload on the canvas: kind, name, labels, ports, isolation and lint badges; dashed when it is only
// inferred from a selector. Handles on top (in) and bottom (out) start and end drawn edges.
import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { displayText } from '../../../model/display-text.ts';
import type { WorkloadFlowNode } from '../to-flow.ts';
import { IsolationBadge } from './IsolationBadge.tsx';
import { DeniedMarker } from '../DeniedMarkers.tsx';
import { KindIcon } from './icons.tsx';
import { LintBadge } from './LintBadge.tsx';

function labelsText(labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels);
  return keys.length === 0 ? 'no labels' : keys.map((k) => `${k}=${labels[k] ?? ''}`).join('  ');
}

export const WorkloadNode = memo(function WorkloadNode({ id, data }: NodeProps<WorkloadFlowNode>) {
  const { workload: w, isolation } = data.g;
  const ports = w.ports.map(
    (p) => `${p.protocol === 'TCP' ? '' : `${p.protocol} `}${p.port}${p.name ? ` ${p.name}` : ''}`,
  );
  const labels = displayText(labelsText(w.labels), 44);
  return (
    <div className={`wl-node${w.inferred ? ' inferred' : ''}`}>
      <Handle type="target" position={Position.Top} title="Drop an edge here" />
      <div className="wl-head">
        <span className="wl-icon">
          <KindIcon kind={w.kind} inferred={w.inferred} />
        </span>
        <span className="wl-name">{displayText(w.name, 26)}</span>
        <LintBadge id={id} />
        <span className="wl-kind">{w.inferred ? 'inferred' : w.kind}</span>
        <DeniedMarker id={id} />
      </div>
      {w.inferred ? (
        <div className="wl-line wl-note">inferred from selector</div>
      ) : (
        <div className="wl-line wl-labels">{labels}</div>
      )}
      <div className="wl-line wl-ports">
        {ports.length === 0 ? 'no declared ports' : `ports ${displayText(ports.join(', '), 36)}`}
      </div>
      <div className="wl-badges">
        <IsolationBadge direction="ingress" isolated={isolation.ingress} />
        <IsolationBadge direction="egress" isolated={isolation.egress} />
      </div>
      <Handle type="source" position={Position.Bottom} title="Drag to allow traffic" />
    </div>
  );
});
