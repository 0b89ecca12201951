// A policy (or one of its rules) named as a link that scrolls the YAML pane to its text; the
// policy's name also selects the policy. Cluster policies (by their model id) link the same way.
import type { ReactNode } from 'react';
import { workspaceStore } from '../../store/workspace-store.ts';
import { displayText } from '../../model/display-text.ts';
import type { Workspace } from '../../model/types.ts';

export function PolicyLink(props: {
  readonly workspace: Workspace;
  readonly policyId: string;
  /** A field path inside the policy, e.g. `spec.ingress[0].from[1]`. */
  readonly path?: string;
  readonly children?: ReactNode;
}) {
  const { workspace, policyId, path, children } = props;
  const policy =
    workspace.policies.find((p) => p.id === policyId) ??
    workspace.clusterPolicies?.find((p) => p.id === policyId);
  const label = children ?? displayText(policyId, 60);
  if (!policy?.source) return <span>{label}</span>;
  const source = policy.source;
  return (
    <button
      type="button"
      className="sp-link"
      title={
        path === undefined
          ? 'Show the policy in words and in the YAML'
          : `Show ${path || 'the policy'} in the YAML`
      }
      onClick={() => {
        const store = workspaceStore.getState();
        // The policy's name selects it (the inspector reads it in words); a rule link only scrolls.
        if (path === undefined) store.select({ kind: 'policy', id: policyId });
        store.revealSource(source, path ?? '');
      }}
    >
      {label}
    </button>
  );
}
