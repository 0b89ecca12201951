// Inspectors for the nodes that group or stand outside workloads: a namespace (with its default-deny
// toggles) and an external network.
import { useState } from 'react';
import { displayText } from '../../model/display-text.ts';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import { toggleDefaultDeny } from '../../store/gestures.ts';
import type { ExternalNodeData, NamespaceNodeData } from '../../view/graph-types.ts';
import { AllowTrafficForm } from './AllowTrafficForm.tsx';
import { BaselineDeny } from './BaselineDeny.tsx';
import { useCanvasModel } from '../canvas/use-canvas-model.ts';

const BROKEN = 'Fix the YAML errors first: the canvas shows the last valid version';

export function NamespaceInspector({ data }: { readonly data: NamespaceNodeData }) {
  const model = useCanvasModel();
  const broken = useWorkspaceStore((s) => s.hasSyntaxErrors);
  // Egress isolation cuts name lookups too; offered (and ticked) before the user turns it on.
  const [withDns, setWithDns] = useState(true);
  const toggle = (direction: 'ingress' | 'egress') => (
    <label className="sp-toggle" title={broken ? BROKEN : undefined}>
      <input
        type="checkbox"
        checked={data.defaultDeny[direction]}
        disabled={broken}
        onChange={(e) => toggleDefaultDeny(data.name, direction, e.target.checked, { withDns })}
      />
      Default deny {direction}
    </label>
  );
  return (
    <section className="sp-section" aria-label="Namespace">
      <h3>
        <span className="sp-kind">Namespace</span> {displayText(data.name, 50)}
      </h3>
      {data.inferred && (
        <p className="sp-note">No Namespace object in the text: implied by the objects in it.</p>
      )}
      <p className="sp-muted">
        {data.workloadCount} workload{data.workloadCount === 1 ? '' : 's'}
      </p>
      {toggle('ingress')}
      {toggle('egress')}
      {!data.defaultDeny.egress && (
        <label className="sp-toggle sp-sub">
          <input
            type="checkbox"
            checked={withDns}
            disabled={broken}
            onChange={(e) => setWithDns(e.target.checked)}
          />
          and keep DNS (allow UDP/TCP 53 to kube-dns)
        </label>
      )}
      <BaselineDeny namespace={data.name} model={model} />
      <AllowTrafficForm />
    </section>
  );
}

export function ExternalInspector({ data }: { readonly data: ExternalNodeData }) {
  return (
    <section className="sp-section" aria-label="External network">
      <h3>
        <span className="sp-kind">External</span> {displayText(data.label, 50)}
      </h3>
      {data.cidr !== null && <p>CIDR {displayText(data.cidr, 60)}</p>}
      {data.except.length > 0 && <p>except {displayText(data.except.join(', '), 120)}</p>}
      <p className="sp-muted">
        {data.cidr === null
          ? 'Stands for rules without from/to: every peer, inside or outside the cluster.'
          : `Flows are probed with ${data.probeIp ?? 'no address'} from this range.`}
      </p>
      <AllowTrafficForm />
      {data.placed && data.cidr !== null && (
        <button
          type="button"
          className="btn"
          onClick={() => {
            const store = workspaceStore.getState();
            store.removeExternal(data.cidr ?? '');
            store.select(null);
            store.notify(`took ${data.label} off the canvas; ipBlocks that name it still draw it`);
          }}
        >
          Remove from canvas
        </button>
      )}
    </section>
  );
}
