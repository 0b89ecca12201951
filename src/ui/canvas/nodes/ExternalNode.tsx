// An external network (an ipBlock's CIDR; 0.0.0.0/0 reads "internet"), or the "anywhere" peer of
// rules without peers.
import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { DeniedMarker } from '../DeniedMarkers.tsx';
import { displayText } from '../../../model/display-text.ts';
import type { ExternalFlowNode } from '../to-flow.ts';
import { GlobeIcon } from './icons.tsx';

export const ExternalNode = memo(function ExternalNode({ id, data }: NodeProps<ExternalFlowNode>) {
  const { cidr, label, except } = data.g;
  const detail =
    cidr === null
      ? label === 'anywhere'
        ? 'rules without from/to'
        : 'namespaceSelector: {}'
      : `${label === cidr ? 'external network' : cidr}${except.length ? ` except ${except.join(', ')}` : ''}`;
  return (
    <div className={`ext-node${cidr === null ? ' any' : ''}`}>
      <Handle type="target" position={Position.Top} title="Drop an edge here" />
      <GlobeIcon />
      <div className="ext-text">
        <div className="ext-label">{displayText(label, 24)}</div>
        <div className="ext-detail">{displayText(detail, 30)}</div>
      </div>
      <DeniedMarker id={id} />
      <Handle type="source" position={Position.Bottom} title="Drag to allow traffic" />
    </div>
  );
});
