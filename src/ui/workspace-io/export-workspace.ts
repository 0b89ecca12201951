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

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A download shows nothing in the page, so a message says what was saved. */
export function exportPolicies(store: WorkspaceStore): void {
  const text = policiesText(store);
  if (text === null) return;
  download('networkpolicies.yaml', text);
  const s = store.getState();
  const what = count(s.lastValid.workspace.policies.length, 'NetworkPolicy', 'NetworkPolicies');
  // Replaces policiesText's own warning, so it is repeated here.
  const stale = s.hasSyntaxErrors
    ? ' The YAML has errors: these are from the last valid version.'
    : '';
  s.notify(`Downloaded networkpolicies.yaml: ${what}.${stale}`);
}

export function exportWorkspace(store: WorkspaceStore): void {
  store.getState().parseNow();
  const s = store.getState();
  download('workspace.yaml', s.text);
  const documents = s.parsed.workspace.documents.filter((d) => !d.empty).length;
  const policies = s.parsed.workspace.policies.length;
  s.notify(
    documents === 0
      ? 'Downloaded workspace.yaml: it is empty.'
      : `Downloaded workspace.yaml: ${count(documents, 'document')}, ${count(policies, 'NetworkPolicy', 'NetworkPolicies')} among them.`,
  );
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
