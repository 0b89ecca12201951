// The side panel: an inspector for the selection and the flow probe with its explanation.
import { useWorkspaceStore } from '../../store/workspace-store.ts';
import { useCanvasModel } from '../canvas/use-canvas-model.ts';
import { EdgeInspector } from './EdgeInspector.tsx';
import { ExternalInspector, NamespaceInspector } from './GroupInspectors.tsx';
import { PolicyInspector } from './PolicyInspector.tsx';
import { ClusterPolicyInspector } from './ClusterPolicyInspector.tsx';
import { ProbeBox } from './ProbeBox.tsx';
import { WorkloadInspector } from './WorkloadInspector.tsx';
import './side-panel.css';

function Inspector() {
  const model = useCanvasModel();
  const selection = useWorkspaceStore((s) => s.selection);
  if (!selection)
    return (
      <section className="sp-section">
        <h3>Nothing selected</h3>
        <p className="sp-muted">
          Select a workload to see its flows, or an edge to see the rule behind it. To allow
          traffic, drag from a node&apos;s handle to another node, or select a node and use Allow
          traffic here.
        </p>
      </section>
    );
  if (selection.kind === 'edge') return <EdgeInspector id={selection.id} model={model} />;
  if (selection.kind === 'policy') {
    const policy = model.workspace.policies.find((p) => p.id === selection.id);
    if (policy) return <PolicyInspector policy={policy} model={model} />;
    const cluster = model.workspace.clusterPolicies?.find((p) => p.id === selection.id);
    return cluster ? <ClusterPolicyInspector policy={cluster} model={model} /> : null;
  }
  const data = model.graph.nodeById.get(selection.id)?.data;
  if (data?.kind === 'workload') return <WorkloadInspector data={data} model={model} />;
  if (data?.kind === 'namespace') return <NamespaceInspector data={data} />;
  if (data?.kind === 'external') return <ExternalInspector data={data} />;
  return null;
}

export function SidePanel() {
  const model = useCanvasModel();
  const selection = useWorkspaceStore((s) => s.selection);
  const from = selection?.kind === 'workload' ? selection.id : undefined;
  return (
    <aside className="side-panel" aria-label="Inspector and explanation">
      <Inspector />
      {/* Re-keyed by the selected workload so the probe starts from it. */}
      <ProbeBox key={from ?? ''} model={model} {...(from ? { initialFrom: from } : {})} />
    </aside>
  );
}
