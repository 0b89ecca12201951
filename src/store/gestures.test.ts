// Gestures against the app's store: what the popover announces before an edge is drawn, and that the
// drawn edge is what the evaluator then allows.
import { beforeEach, describe, expect, it } from 'vitest';
import { evaluateFlow } from '../engine/evaluate.ts';
import { workspaceStore } from './workspace-store.ts';
import { canvasModelOf } from './canvas-model.ts';
import { allowEdge, previewAllow, toggleDefaultDeny } from './gestures.ts';

const deploy = (ns: string, name: string, labels: string, port: number) => `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    matchLabels: {${labels}}
  template:
    metadata:
      labels: {${labels}}
    spec:
      containers:
        - name: c
          image: x
          ports:
            - containerPort: ${port}
`;

// web's egress is open; it can reach api and DNS today.
const TEXT = [
  deploy('shop', 'web', 'app: web', 8080),
  deploy('shop', 'api', 'app: api', 8000),
  deploy('kube-system', 'coredns', 'k8s-app: kube-dns', 53),
].join('');

const model = () =>
  canvasModelOf(workspaceStore.getState().lastValid.workspace, [
    { cidr: '203.0.113.0/24', name: 'partner' },
  ]);
const EXT = 'ext:203.0.113.0/24';
const WEB = 'shop/web';

function webTo(target: 'api' | 'dns' | 'partner', port: number, protocol: 'TCP' | 'UDP' = 'TCP') {
  const m = model();
  const ws = m.workspace;
  const from = ws.workloads.find((w) => w.id === WEB)!;
  const to =
    target === 'partner'
      ? ({ kind: 'external', ip: '203.0.113.7' } as const)
      : {
          kind: 'workload' as const,
          workload: ws.workloads.find((w) => w.name === (target === 'api' ? 'api' : 'coredns'))!,
        };
  return evaluateFlow(m.index, { from: { kind: 'workload', workload: from }, to, port, protocol })
    .allowed;
}

/** Egress rules, across the policies, that allow port 53. */
const dnsRules = () =>
  workspaceStore
    .getState()
    .lastValid.workspace.policies.flatMap((p) => p.egress)
    .filter((r) => r.ports?.some((port) => port.port === 53)).length;

beforeEach(() => {
  workspaceStore.getState().newWorkspace(TEXT);
});

describe('drawing to an external network from a workload with open egress', () => {
  it('says the source becomes egress-isolated and counts the flows that denies, DNS kept or not', () => {
    const intent = {
      source: WEB,
      target: EXT,
      port: { protocol: 'TCP', port: 443, endPort: null },
    } as const;
    const kept = previewAllow(model(), intent, true);
    expect(kept.offerDns).toBe(true);
    expect(kept.notes.join(' ')).toMatch(/source becomes isolated for egress.*1 flow from it/);
    const cut = previewAllow(model(), intent, false);
    expect(cut.notes.join(' ')).toMatch(/2 flows from it/);
  });

  it('writes the egress rule and DNS: the drawn flow and DNS stay allowed, the rest is denied', () => {
    const intent = {
      source: WEB,
      target: EXT,
      port: { protocol: 'TCP', port: 443, endPort: null },
    } as const;
    expect(allowEdge(model(), intent, true)).toBe(true);
    const text = workspaceStore.getState().text;
    expect(text).toContain('cidr: 203.0.113.0/24');
    expect(dnsRules()).toBe(1);
    expect(webTo('partner', 443)).toBe(true);
    expect(webTo('partner', 80)).toBe(false);
    expect(webTo('dns', 53, 'UDP')).toBe(true);
    expect(webTo('api', 8000)).toBe(false);
  });

  it('without DNS when the user unticks it', () => {
    const intent = { source: WEB, target: EXT, port: null };
    expect(allowEdge(model(), intent, false)).toBe(true);
    expect(dnsRules()).toBe(0);
    expect(webTo('partner', 80)).toBe(true);
    expect(webTo('dns', 53, 'UDP')).toBe(false);
  });
});

describe('drawing between workloads', () => {
  it('counts the flows into a destination that the new isolation denies, and never isolates the source', () => {
    const intent = {
      source: WEB,
      target: 'shop/api',
      port: { protocol: 'TCP', port: 8000, endPort: null },
    } as const;
    const p = previewAllow(model(), intent);
    expect(p.offerDns).toBe(false);
    // web and coredns reach api:8000 today.
    expect(p.notes.join(' ')).toMatch(/destination becomes isolated for ingress: 2 flows/);
    expect(p.notes.join(' ')).not.toMatch(/source becomes isolated/);
    expect(allowEdge(model(), intent, true)).toBe(true);
    expect(webTo('api', 8000)).toBe(true);
    expect(webTo('partner', 80)).toBe(true);
  });
});

describe('namespace default deny', () => {
  it('adds egress isolation with DNS by default, or without it when asked', () => {
    toggleDefaultDeny('shop', 'egress', true);
    expect(webTo('dns', 53, 'UDP')).toBe(true);
    expect(webTo('api', 8000)).toBe(false);
    workspaceStore.getState().newWorkspace(TEXT);
    toggleDefaultDeny('shop', 'egress', true, { withDns: false });
    expect(webTo('dns', 53, 'UDP')).toBe(false);
  });
});

describe('a namespace with a policy the API server would reject', () => {
  it('refuses to draw there until the policy is fixed, and leaves the text alone', () => {
    const broken = `${TEXT}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: api}
  ingress:
    - ports:
        - port: 70000
`;
    workspaceStore.getState().newWorkspace(broken);
    const intent = { source: WEB, target: 'shop/api', port: null };
    expect(previewAllow(model(), intent).error).toMatch(/shop\/api has errors/);
    expect(allowEdge(model(), intent, true)).toBe(false);
    expect(workspaceStore.getState().text).toBe(broken);
  });
});

describe('a gesture right after typing', () => {
  it('lands where it was meant in the text just typed, not shifted by the unparsed keystrokes', () => {
    // The typing is not parsed yet (the 150 ms debounce): the gesture is computed on the older text.
    const before = workspaceStore.getState().text;
    workspaceStore.getState().setText(`# my note\n${before}`);
    expect(workspaceStore.getState().lastValid.text).toBe(before);
    toggleDefaultDeny('shop', 'ingress', true);
    const after = workspaceStore.getState().text;
    expect(after.startsWith(`# my note\n${before}`)).toBe(true);
    const added = after.slice(`# my note\n${before}`.length);
    expect(added).toMatch(/^---\napiVersion: networking\.k8s\.io\/v1\nkind: NetworkPolicy\n/);
    expect(workspaceStore.getState().hasSyntaxErrors).toBe(false);
    expect(webTo('api', 8000)).toBe(false);
  });

  it('is refused, with the text kept, when the typing touched the place the gesture edits', () => {
    const before = workspaceStore.getState().text;
    // Typing at the very end, where default deny appends its policy.
    workspaceStore.getState().setText(`${before}# tail\n`);
    toggleDefaultDeny('shop', 'ingress', true);
    expect(workspaceStore.getState().text).toBe(`${before}# tail\n`);
    expect(workspaceStore.getState().notice).toMatchObject({ tone: 'error' });
  });
});
