// A policy (or one of its rules) named as a link that scrolls the YAML pane to its text.
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
  const policy = workspace.policies.find((p) => p.id === policyId);
  const label = children ?? displayText(policyId, 60);
  if (!policy?.source) return <span>{label}</span>;
  const source = policy.source;
  return (
    <button
      type="button"
      className="sp-link"
      title={`Show ${path ?? 'the policy'} in the YAML`}
      onClick={() => workspaceStore.getState().revealSource(source, path ?? '')}
    >
      {label}
    </button>
  );
}
