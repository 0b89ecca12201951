// Export: the NetworkPolicies as one canonical stream, the whole workspace as written, or the
// policies on the clipboard. Downloads are blob: URLs, so nothing leaves the page's origin.
import { serializePolicies } from '../../yaml/serialize.ts';
import type { WorkspaceStore } from '../../store/workspace-store.ts';

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The policies to export, with a note when they come from an older (valid) version. */
function policiesText(store: WorkspaceStore): string | null {
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

export function exportPolicies(store: WorkspaceStore): void {
  const text = policiesText(store);
  if (text !== null) download('networkpolicies.yaml', text);
}

export function exportWorkspace(store: WorkspaceStore): void {
  download('workspace.yaml', store.getState().text);
}

export async function copyPolicies(store: WorkspaceStore): Promise<void> {
  const text = policiesText(store);
  if (text === null) return;
  try {
    await navigator.clipboard.writeText(text);
    store.getState().notify('NetworkPolicies copied to the clipboard.');
  } catch {
    store.getState().notify('The browser did not allow copying to the clipboard.', 'error');
  }
}
