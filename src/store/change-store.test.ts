// After each edit the panel learns what it newly allows and denies; a baseline compares further
// back; a new workspace is no edit.
import { describe, expect, it } from 'vitest';
import { createChangeStore, startChangeTracking } from './change-store.ts';
import type { ChangeStore } from './change-store.ts';
import { diffTexts } from './diff-texts.ts';
import { createWorkspaceStore } from './workspace-store.ts';

const APPS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: c, image: x, ports: [{containerPort: 8000}]}]}
`;

const DENY_API = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
`;

const ALLOW_WEB = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 8000}]}]
`;

/** Resolves once the store's result is no longer computing. */
/** The result once no comparison is running (a large one waits for a pause of 400 ms first). */
async function settled(changes: ChangeStore) {
  for (let i = 0; i < 400 && changes.getState().result.status === 'computing'; i++)
    await new Promise((r) => setTimeout(r, i < 50 ? 0 : 5));
  return changes.getState().result;
}

describe('diffTexts', () => {
  it('names the flows an edit newly denies and newly allows', () => {
    const denied = diffTexts(APPS, APPS + DENY_API);
    expect(denied.deniedCount).toBe(1);
    expect(denied.allowedCount).toBe(0);
    expect(denied.newlyDenied[0]).toMatchObject({
      from: 'shop/web',
      to: 'shop/api',
      port: 8000,
      protocol: 'TCP',
    });
    expect(denied.newlyDenied[0]!.policies).toContain('shop/deny-api');
    const allowed = diffTexts(APPS + DENY_API, APPS + DENY_API + ALLOW_WEB);
    expect(allowed).toMatchObject({ allowedCount: 1, deniedCount: 0 });
    expect(allowed.newlyAllowed[0]).toMatchObject({ from: 'shop/web', to: 'shop/api' });
    expect(diffTexts(APPS, APPS)).toMatchObject({ allowedCount: 0, deniedCount: 0 });
  });

  it('counts the flows of workloads inferred from selectors, as the canvas draws them', () => {
    // Only a policy names the dns pods: the canvas draws them as an inferred workload.
    const dnsEgress = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
          podSelector: {matchLabels: {k8s-app: kube-dns}}
`;
    const d = diffTexts(APPS, APPS + dnsEgress);
    expect(d.newlyDenied.some((c) => c.to.includes('kube-dns'))).toBe(false);
    const denyDns = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: kube-system}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;
    const closed = diffTexts(APPS + dnsEgress, APPS + dnsEgress + denyDns);
    expect(closed.deniedCount).toBeGreaterThan(0);
    expect(closed.newlyDenied.every((c) => c.to.startsWith('kube-system/'))).toBe(true);
  });
});

describe('change tracking', () => {
  it('compares each edit with the text before it, and clears on a new workspace', async () => {
    const workspace = createWorkspaceStore({ initialText: APPS });
    const changes = createChangeStore();
    changes.getState().setBaseline(null);
    const calls: [string, string][] = [];
    const stop = startChangeTracking(
      workspace,
      (a, b) => {
        calls.push([a, b]);
        return Promise.resolve(diffTexts(a, b));
      },
      changes,
    );
    expect(changes.getState().result.status).toBe('none');

    workspace
      .getState()
      .applyEdits([{ start: APPS.length, end: APPS.length, text: DENY_API }], 'deny');
    expect(changes.getState().lastEdit).toMatchObject({ before: APPS, origin: 'edit' });
    const r = await settled(changes);
    expect(r.status).toBe('ready');
    if (r.status === 'ready') expect(r.diff.deniedCount).toBe(1);

    // Undo is an edit too: it allows the flow again.
    workspace.getState().undo();
    const u = await settled(changes);
    expect(changes.getState().lastEdit?.origin).toBe('history');
    if (u.status === 'ready') expect(u.diff.allowedCount).toBe(1);
    expect(u.status).toBe('ready');

    workspace.getState().newWorkspace(APPS + ALLOW_WEB);
    expect(changes.getState().lastEdit).toBeNull();
    expect(changes.getState().result.status).toBe('none');
    expect(calls).toHaveLength(2);
    stop();
  });

  it('compares large texts once the edits pause and the last is drawn, and only the latest', async () => {
    const filler = `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  a: "${'x'.repeat(250_000)}"\n`;
    const workspace = createWorkspaceStore({ initialText: APPS + filler });
    const changes = createChangeStore();
    const calls: number[] = [];
    const stop = startChangeTracking(
      workspace,
      (a, b) => {
        calls.push(b.length);
        return Promise.resolve(diffTexts(a, b));
      },
      changes,
    );
    workspace.getState().applyEdits([{ start: 0, end: 0, text: DENY_API }], 'deny');
    // Said at once, compared later: nothing runs in the edit's own task.
    expect(changes.getState().result.status).toBe('computing');
    expect(calls).toEqual([]);
    // A second edit before the first comparison ran: only the latest is compared.
    const end = workspace.getState().text.length;
    workspace.getState().applyEdits([{ start: end, end, text: ALLOW_WEB }], 'allow');
    // Typing on: the comparison (a worker's core for ~150 ms at 5,000 workloads) waits.
    await new Promise((r) => setTimeout(r, 150));
    expect(calls).toEqual([]);
    const r = await settled(changes);
    expect(calls).toEqual([workspace.getState().lastValid.text.length]);
    expect(r.status).toBe('ready');
    stop();
  });

  it('compares with a baseline the user keeps, across edits', async () => {
    const workspace = createWorkspaceStore({ initialText: APPS });
    const changes = createChangeStore();
    const stop = startChangeTracking(
      workspace,
      (a, b) => Promise.resolve(diffTexts(a, b)),
      changes,
    );
    changes.getState().setBaseline({ text: APPS, label: 'before the review' });
    expect(changes.getState().mode).toBe('baseline');
    workspace
      .getState()
      .applyEdits([{ start: APPS.length, end: APPS.length, text: DENY_API }], 'deny');
    const end = workspace.getState().text.length;
    workspace.getState().applyEdits([{ start: end, end, text: ALLOW_WEB }], 'allow');
    // Against the baseline, the two edits cancel out: nothing changed for web → api on 8000.
    const r = await settled(changes);
    expect(r.status === 'ready' && [r.diff.allowedCount, r.diff.deniedCount]).toEqual([0, 0]);
    // The last edit alone newly allowed it.
    changes.getState().setMode('edit');
    const e = await settled(changes);
    expect(e.status === 'ready' && e.diff.allowedCount).toBe(1);
    changes.getState().setBaseline(null);
    stop();
  });

  it('keeps only the latest answer when edits come faster than comparisons', async () => {
    const workspace = createWorkspaceStore({ initialText: APPS });
    const changes = createChangeStore();
    changes.getState().setBaseline(null);
    const resolvers: (() => void)[] = [];
    const stop = startChangeTracking(
      workspace,
      (a, b) => new Promise((resolve) => resolvers.push(() => resolve(diffTexts(a, b)))),
      changes,
    );
    workspace
      .getState()
      .applyEdits([{ start: APPS.length, end: APPS.length, text: DENY_API }], 'deny');
    const end = workspace.getState().text.length;
    workspace.getState().applyEdits([{ start: end, end, text: ALLOW_WEB }], 'allow');
    // The second answer lands first, then the stale first one: the panel keeps the second.
    resolvers[1]!();
    await settled(changes);
    resolvers[0]!();
    await new Promise((r) => setTimeout(r, 0));
    const r = changes.getState().result;
    expect(r.status === 'ready' && r.diff.allowedCount).toBe(1);
    stop();
  });
});
