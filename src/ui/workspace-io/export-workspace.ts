// Export: the NetworkPolicies as one canonical stream, the whole workspace as written, or the
// policies on the clipboard. Downloads are blob: URLs, so nothing leaves the page's origin.
import { policiesText } from '../../store/export-text.ts';
import type { WorkspaceStore } from '../../store/workspace-store.ts';

/** Where `text` has UTF-16 halves without their pair (the first `max`): UTF-8 cannot hold them. */
export function loneSurrogates(
  text: string,
  max = 3,
): { count: number; first: { line: number; column: number }[] } {
  const first: { line: number; column: number }[] = [];
  const re = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  let count = 0;
  for (const m of text.matchAll(re)) {
    if (count++ >= max) continue;
    const before = text.slice(0, m.index);
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    first.push({
      line: (before.match(/\r\n|\n|\r/g) ?? []).length + 1,
      column: m.index - lineStart + 1,
    });
  }
  return { count, first };
}

/** Saves a blob under a file name, through a blob: link (nothing leaves the page's origin). */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Saves `text` as a UTF-8 file. Returns what could not be written as it is (empty when every
 * character was): UTF-8 has no bytes for a lone surrogate, so it becomes U+FFFD.
 */
export function download(fileName: string, text: string): string {
  saveBlob(fileName, new Blob([text], { type: 'application/yaml' }));
  const { count: n, first } = loneSurrogates(text);
  if (n === 0) return '';
  const where = first.map((p) => `line ${p.line}, column ${p.column}`).join('; ');
  return ` ${n === 1 ? 'One lone surrogate' : `${n} lone surrogates`} (${where}${n > first.length ? '; …' : ''}) became U+FFFD: UTF-8 cannot hold ${n === 1 ? 'it' : 'them'}.`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A download shows nothing in the page, so a message says what was saved. */
export function exportPolicies(store: WorkspaceStore): void {
  const text = policiesText(store);
  if (text === null) return;
  const changed = download('networkpolicies.yaml', text);
  const s = store.getState();
  const what = count(s.lastValid.workspace.policies.length, 'NetworkPolicy', 'NetworkPolicies');
  // Replaces policiesText's own warning, so it is repeated here.
  const stale = s.hasSyntaxErrors
    ? ' The YAML has errors: these are from the last valid version.'
    : '';
  s.notify(`Downloaded networkpolicies.yaml: ${what}.${stale}${changed}`);
}

export function exportWorkspace(store: WorkspaceStore): void {
  store.getState().parseNow();
  const s = store.getState();
  const changed = download('workspace.yaml', s.text);
  const documents = s.parsed.workspace.documents.filter((d) => !d.empty).length;
  const policies = s.parsed.workspace.policies.length;
  s.notify(
    documents === 0
      ? `Downloaded workspace.yaml: ${s.text === '' ? 'it is empty' : 'it has no objects'}.${changed}`
      : `Downloaded workspace.yaml: ${count(documents, 'document')}, ${count(policies, 'NetworkPolicy', 'NetworkPolicies')} among them.${changed}`,
    changed ? 'error' : 'info',
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
