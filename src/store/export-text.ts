// What Export writes: the NetworkPolicies of the last valid parse as one canonical stream.
import { serializePolicies } from '../yaml/serialize.ts';
import type { WorkspaceStore } from './workspace-store.ts';

/** The policies to export, with a note when they come from an older (valid) version. */
export function policiesText(store: WorkspaceStore): string | null {
  store.getState().parseNow();
  const s = store.getState();
  const policies = s.lastValid.workspace.policies;
  if (policies.length === 0) {
    s.notify('There are no NetworkPolicies to export.', 'error');
    return null;
  }
  if (s.hasSyntaxErrors) {
    s.notify('The YAML has errors: exported the NetworkPolicies of the last valid version.');
  }
  return serializePolicies(policies);
}
