// Export: the NetworkPolicies as one canonical stream, the whole workspace as written, or the
// policies on the clipboard. Downloads are blob: URLs, so nothing leaves the page's origin.
import { policiesText } from '../../store/export-text.ts';
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
