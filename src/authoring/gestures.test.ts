import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Protocol, TextEdit, Workload } from '../model/types.ts';
import { labelsFrom } from '../model/selector.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { applyEdits } from '../yaml/edit.ts';
import { splitDocuments } from '../yaml/split-documents.ts';
import { buildEngineIndex, evaluateFlow } from '../engine/evaluate.ts';
import type { Endpoint } from '../engine/evaluate.ts';
import { addAllowEdge, previewAllowEdge } from './allow-edge.ts';
import { removeEdge, setDefaultDeny } from './remove-and-deny.ts';
import type { GestureResult } from './policy-text.ts';
// The example a newcomer opens first: the toggles must behave on it.
import { THREE_TIER_YAML } from '../ui/examples/three-tier.ts';

// CRLF and comments on purpose: documents a gesture does not touch must keep every byte.
const SHOP = [
  '# shop: hand-written, with comments',
  'apiVersion: v1',
  'kind: Namespace',
  'metadata: {name: shop}',
  '---',
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: web, namespace: shop, labels: {app: web, tier: front}}',
  'spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}',
  '---',
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: api, namespace: shop, labels: {app: api, tier: back}}',
  'spec: {containers: [{name: c, ports: [{name: http, containerPort: 9000}]}]}',
  '---',
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: db, namespace: shop, labels: {app: db, tier: back}}',
  'spec: {containers: [{name: c, ports: [{containerPort: 5432}]}]}',
  '---',
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: prom, namespace: monitoring, labels: {app: prometheus}}',
  'spec: {containers: [{name: c}]}',
  '---',
  '# the namespace-wide deny stays as written',
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata: {name: deny, namespace: shop}   # keep this comment',
  'spec: {podSelector: {}, policyTypes: [Ingress]}',
  '',
].join('\r\n');

function apply(text: string, result: GestureResult): { text: string; ws: ReadResult } {
  if ('error' in result) throw new Error(result.error);
  const out = applyEdits(text, result.edits as TextEdit[]);
  const ws = readWorkspace(out);
  expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { text: out, ws };
}

function allowed(
  ws: ReadResult,
  from: string,
  to: string,
  port: number,
  protocol: Protocol = 'TCP',
): boolean {
  const w = (id: string): Endpoint =>
    id.includes('/')
      ? { kind: 'workload', workload: ws.workloads.find((x) => x.id === id)! }
      : { kind: 'external', ip: id };
  return evaluateFlow(buildEngineIndex(ws), { from: w(from), to: w(to), port, protocol }).allowed;
}

const docs = (text: string) =>
  splitDocuments(text).documents.map((d) => text.slice(d.start, d.end));
const pod = (ws: ReadResult, id: string) => ws.workloads.find((w) => w.id === id)!;

describe('addAllowEdge', () => {
  it('allows exactly the drawn flow and leaves the other documents byte-for-byte', () => {
    const ws = readWorkspace(SHOP);
    expect(allowed(ws, 'shop/web', 'shop/api', 9000)).toBe(false);
    const result = addAllowEdge(SHOP, ws, {
      from: { kind: 'workload', workload: pod(ws, 'shop/web') },
      to: { kind: 'workload', workload: pod(ws, 'shop/api') },
      ports: [{ protocol: 'TCP', port: 9000, endPort: null }],
    });
    const after = apply(SHOP, result);
    expect(allowed(after.ws, 'shop/web', 'shop/api', 9000)).toBe(true);
    expect(allowed(after.ws, 'shop/web', 'shop/api', 9001)).toBe(false);
    expect(allowed(after.ws, 'shop/web', 'shop/db', 5432)).toBe(false);
    expect(docs(after.text).slice(0, docs(SHOP).length)).toEqual(docs(SHOP));
    expect(after.text).toContain('name: allow-ingress-to-api\r\n');
    // app=api alone picks out api among the pods of shop.
    expect(after.ws.policies.at(-1)?.podSelector.matchLabels).toEqual({ app: 'api' });
  });

  it('extends the policy that already governs the destination, and ANDs the namespace for another namespace', () => {
    const ws0 = readWorkspace(SHOP);
    const first = apply(
      SHOP,
      addAllowEdge(SHOP, ws0, {
        from: { kind: 'workload', workload: pod(ws0, 'shop/web') },
        to: { kind: 'workload', workload: pod(ws0, 'shop/api') },
        ports: null,
      }),
    );
    const second = apply(
      first.text,
      addAllowEdge(first.text, first.ws, {
        from: { kind: 'workload', workload: pod(first.ws, 'monitoring/prom') },
        to: { kind: 'workload', workload: pod(first.ws, 'shop/api') },
        ports: null,
      }),
    );
    expect(second.ws.policies.map((p) => p.name)).toEqual(['deny', 'allow-ingress-to-api']);
    const peers = second.ws.policies[1]!.ingress[0]!.peers!;
    expect(peers[1]).toMatchObject({
      kind: 'selector',
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
      podSelector: { matchLabels: { app: 'prometheus' } },
    });
    expect(allowed(second.ws, 'monitoring/prom', 'shop/api', 9000)).toBe(true);
    expect(allowed(second.ws, 'monitoring/prom', 'shop/db', 5432)).toBe(false);
  });

  it('keeps the except of an external network drawn from an ipBlock with except', () => {
    const ws = readWorkspace(SHOP);
    const done = apply(
      SHOP,
      addAllowEdge(SHOP, ws, {
        from: { kind: 'workload', workload: pod(ws, 'shop/web') },
        to: { kind: 'external', cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] },
        ports: [{ protocol: 'TCP', port: 443, endPort: null }],
        isolateEgress: true,
      }),
    );
    expect(done.text).toContain('except:');
    expect(allowed(done.ws, 'shop/web', '10.2.0.1', 443)).toBe(true);
    expect(allowed(done.ws, 'shop/web', '10.1.0.1', 443)).toBe(false);
  });

  it('adds the egress side only when the source is already isolated for egress, and can offer DNS', () => {
    const ws = readWorkspace(SHOP);
    const preview = previewAllowEdge(ws, {
      from: { kind: 'workload', workload: pod(ws, 'shop/web') },
      to: { kind: 'external', cidr: '203.0.113.0/24' },
      ports: null,
    });
    expect(preview).toMatchObject({
      sourceEgressOpen: true,
      sourceEgressIsolated: false,
      destinationBecomesIsolated: false,
    });
    const open = addAllowEdge(SHOP, ws, {
      from: { kind: 'workload', workload: pod(ws, 'shop/web') },
      to: { kind: 'external', cidr: '203.0.113.0/24' },
      ports: null,
    });
    expect('edits' in open && open.edits).toEqual([]);
    const isolated = apply(
      SHOP,
      addAllowEdge(SHOP, ws, {
        from: { kind: 'workload', workload: pod(ws, 'shop/web') },
        to: { kind: 'external', cidr: '203.0.113.0/24' },
        ports: [{ protocol: 'TCP', port: 443, endPort: null }],
        isolateEgress: true,
        withDns: true,
      }),
    );
    expect(allowed(isolated.ws, 'shop/web', '203.0.113.9', 443)).toBe(true);
    expect(allowed(isolated.ws, 'shop/web', '198.51.100.1', 443)).toBe(false);
    expect(isolated.ws.policies.at(-1)!.egress).toHaveLength(2);
  });

  it('previews that an open destination becomes isolated and how many flows that denies', () => {
    const ws = readWorkspace(SHOP);
    const p = previewAllowEdge(
      ws,
      {
        from: { kind: 'workload', workload: pod(ws, 'shop/web') },
        to: { kind: 'workload', workload: pod(ws, 'monitoring/prom') },
        ports: null,
      },
      () => 3,
    );
    expect(p).toMatchObject({ destinationBecomesIsolated: true, deniedFlowsIfIsolated: 3 });
  });

  it('allows any drawn edge between random pods (property)', () => {
    const ws = readWorkspace(SHOP);
    const ids = ws.workloads.map((w) => w.id);
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.constantFrom(...ids),
        fc.constantFrom(80, 5432, 9000),
        (from, to, port) => {
          const after = apply(
            SHOP,
            addAllowEdge(SHOP, ws, {
              from: { kind: 'workload', workload: pod(ws, from) },
              to: { kind: 'workload', workload: pod(ws, to) },
              ports: [{ protocol: 'TCP', port, endPort: null }],
            }),
          );
          expect(allowed(after.ws, from, to, port)).toBe(true);
          expect(docs(after.text).slice(0, docs(SHOP).length)).toEqual(docs(SHOP));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('removeEdge', () => {
  it('removes one peer, then the policy the last one empties', () => {
    const ws0 = readWorkspace(SHOP);
    const a = apply(
      SHOP,
      addAllowEdge(SHOP, ws0, {
        from: { kind: 'workload', workload: pod(ws0, 'shop/web') },
        to: { kind: 'workload', workload: pod(ws0, 'shop/api') },
        ports: null,
      }),
    );
    const b = apply(
      a.text,
      addAllowEdge(a.text, a.ws, {
        from: { kind: 'workload', workload: pod(a.ws, 'shop/db') },
        to: { kind: 'workload', workload: pod(a.ws, 'shop/api') },
        ports: null,
      }),
    );
    const c = apply(
      b.text,
      removeEdge(b.text, b.ws, {
        policyId: 'shop/allow-ingress-to-api',
        direction: 'ingress',
        ruleIndex: 0,
        peerIndex: 0,
      }),
    );
    expect(allowed(c.ws, 'shop/web', 'shop/api', 9000)).toBe(false);
    expect(allowed(c.ws, 'shop/db', 'shop/api', 9000)).toBe(true);
    const last = removeEdge(c.text, c.ws, {
      policyId: 'shop/allow-ingress-to-api',
      direction: 'ingress',
      ruleIndex: 0,
      peerIndex: 0,
    });
    const d = apply(c.text, last);
    expect(d.text).toBe(SHOP);
    // shop/deny still isolates api for ingress: nothing opens, so nothing to warn about.
    expect(last).toMatchObject({
      summary: 'removed shop/allow-ingress-to-api, which this edge emptied',
    });
    expect(allowed(d.ws, 'shop/web', 'shop/api', 9000)).toBe(false);
  });

  it('says so when the policy it empties was all that isolated the pods', () => {
    const ws0 = readWorkspace(SHOP);
    const a = apply(
      SHOP,
      addAllowEdge(SHOP, ws0, {
        from: { kind: 'workload', workload: pod(ws0, 'shop/web') },
        to: { kind: 'workload', workload: pod(ws0, 'monitoring/prom') },
        ports: [{ protocol: 'TCP', port: 9090, endPort: null }],
      }),
    );
    expect(allowed(a.ws, 'shop/db', 'monitoring/prom', 9090)).toBe(false);
    const result = removeEdge(a.text, a.ws, {
      policyId: 'monitoring/allow-ingress-to-prom',
      direction: 'ingress',
      ruleIndex: 0,
      peerIndex: 0,
    });
    expect(result).toMatchObject({
      summary:
        'removed monitoring/allow-ingress-to-prom, which this edge emptied: pods with app=prometheus are no longer isolated for ingress, so every source may reach them',
    });
    const b = apply(a.text, result);
    expect(b.text).toBe(SHOP);
    expect(allowed(b.ws, 'shop/db', 'monitoring/prom', 9090)).toBe(true);
  });

  it('names only the pods that nothing else isolates, for each direction, and keeps head comments', () => {
    const LAB = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: a, namespace: lab, labels: {role: x, app: a}}',
      'spec: {containers: [{name: c}]}',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: b, namespace: lab, labels: {role: x, app: b}}',
      'spec: {containers: [{name: c}]}',
      '---',
      '# b takes no ingress at all',
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata: {name: b-closed, namespace: lab}',
      'spec: {podSelector: {matchLabels: {app: b}}, policyTypes: [Ingress]}',
      '---',
      '# x: the role-x pods take 80 from b and 81 from a, and send nothing',
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata: {name: x, namespace: lab}',
      'spec:',
      '  podSelector: {matchLabels: {role: x}}',
      '  policyTypes: [Ingress, Egress]',
      '  ingress:',
      '    - from: [{podSelector: {matchLabels: {app: b}}}]',
      '      ports: [{port: 80}]',
      '    - from: [{podSelector: {matchLabels: {app: a}}}]',
      '      ports: [{port: 81}]',
      '',
    ].join('\n');
    const ws = readWorkspace(LAB);
    expect(allowed(ws, 'lab/b', 'lab/a', 80)).toBe(false);
    const first = removeEdge(LAB, ws, {
      policyId: 'lab/x',
      direction: 'ingress',
      ruleIndex: 1,
      peerIndex: null,
    });
    expect(first).toMatchObject({ summary: 'removed ingress rule 2 of lab/x' });
    const a = apply(LAB, first);
    expect(a.text).toContain(
      '---\n# x: the role-x pods take 80 from b and 81 from a, and send nothing\napiVersion:',
    );
    expect(docs(a.text).slice(0, 3)).toEqual(docs(LAB).slice(0, 3));
    const second = removeEdge(a.text, a.ws, {
      policyId: 'lab/x',
      direction: 'ingress',
      ruleIndex: 0,
      peerIndex: 0,
    });
    expect(second).toMatchObject({
      summary:
        'removed lab/x, which this edge emptied: lab/a is no longer isolated for ingress, so every source may reach it; ' +
        'pods with role=x are no longer isolated for egress, so they may reach every destination',
    });
    const b = apply(a.text, second);
    expect(allowed(b.ws, 'lab/b', 'lab/a', 80)).toBe(true);
    expect(allowed(b.ws, 'lab/a', 'lab/b', 80)).toBe(false);
    expect(allowed(b.ws, 'lab/b', '203.0.113.1', 443)).toBe(true);
  });

  it('reports a missing policy or rule instead of guessing', () => {
    const ws = readWorkspace(SHOP);
    expect(
      removeEdge(SHOP, ws, {
        policyId: 'shop/nope',
        direction: 'ingress',
        ruleIndex: 0,
        peerIndex: null,
      }),
    ).toEqual({ error: 'no policy shop/nope' });
    expect(
      removeEdge(SHOP, ws, {
        policyId: 'shop/deny',
        direction: 'ingress',
        ruleIndex: 0,
        peerIndex: null,
      }),
    ).toMatchObject({ error: expect.stringContaining('no ingress rule 1') });
  });
});

describe('setDefaultDeny', () => {
  it('adds and removes a namespace default deny, with DNS egress on request', () => {
    const ws = readWorkspace(SHOP);
    const on = apply(SHOP, setDefaultDeny(SHOP, ws, 'shop', 'egress', true, { withDns: true }));
    expect(on.ws.policies.map((p) => p.name)).toEqual(['deny', 'default-deny-egress', 'allow-dns']);
    expect(allowed(on.ws, 'shop/web', '8.8.8.8', 443)).toBe(false);
    const off = apply(on.text, setDefaultDeny(on.text, on.ws, 'shop', 'egress', false));
    expect(off.ws.policies.map((p) => p.name)).toEqual(['deny']);
    expect(off.text).toBe(SHOP);
    expect(allowed(off.ws, 'shop/web', '8.8.8.8', 443)).toBe(true);
    // The hand-written deny turns off by removal, leaving the text as it was otherwise.
    const ingressOff = apply(SHOP, setDefaultDeny(SHOP, ws, 'shop', 'ingress', false));
    expect(ingressOff.ws.policies).toEqual([]);
    expect(allowed(ingressOff.ws, 'shop/web', 'shop/api', 9000)).toBe(true);
    expect(setDefaultDeny(SHOP, ws, 'shop', 'ingress', true)).toMatchObject({
      edits: [],
      summary: expect.stringContaining('already'),
    });
  });

  it('keeps DNS for pods that other egress policies still isolate when it removes the DNS companion', () => {
    const ws = readWorkspace(THREE_TIER_YAML);
    const coredns: Workload = {
      id: 'kube-system/coredns',
      kind: 'Deployment',
      name: 'coredns',
      namespace: 'kube-system',
      namespaceAssumed: false,
      labels: labelsFrom([['k8s-app', 'kube-dns']]),
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
      ips: [],
      inferred: false,
    };
    const flow = (w: ReadResult, from: string, to: Endpoint, port: number, protocol: Protocol) =>
      evaluateFlow(buildEngineIndex({ ...w, workloads: [...w.workloads, coredns] }), {
        from: { kind: 'workload', workload: pod(w, from) },
        to,
        port,
        protocol,
      });
    const dns: Endpoint = { kind: 'workload', workload: coredns };
    const internet: Endpoint = { kind: 'external', ip: '203.0.113.7' };
    expect(flow(ws, 'shop/web', dns, 53, 'UDP').allowed).toBe(true);
    expect(flow(ws, 'shop/db', internet, 443, 'TCP').egress.isolated).toBe(true);

    const result = setDefaultDeny(THREE_TIER_YAML, ws, 'shop', 'egress', false);
    expect(result).toMatchObject({
      summary:
        'removed the default deny for egress in shop, and shop/allow-dns with it; ' +
        'kept DNS for the pods still isolated for egress by adding it to shop/web, shop/api',
    });
    const off = apply(THREE_TIER_YAML, result);
    for (const p of ['shop/web', 'shop/api']) {
      expect(flow(off.ws, p, dns, 53, 'UDP').allowed).toBe(true);
      expect(flow(off.ws, p, dns, 53, 'TCP').allowed).toBe(true);
      expect(flow(off.ws, p, internet, 443, 'TCP').allowed).toBe(false);
    }
    expect(allowed(off.ws, 'shop/web', 'shop/api', 8000)).toBe(true);
    // db has no egress policy of its own: the toggle opened its egress.
    const db = flow(off.ws, 'shop/db', internet, 443, 'TCP');
    expect(db.egress.isolated).toBe(false);
    // Ingress stays denied by default, and the deny keeps its heading comment.
    expect(off.ws.policies.find((p) => p.id === 'shop/default-deny')?.policyTypes).toEqual({
      ingress: true,
      egress: false,
    });
    expect(off.text).toContain(
      '---\n# Nothing in shop talks to anything, in or out, unless a policy below allows it.\napiVersion:',
    );
    expect(off.ws.policies.some((p) => p.name === 'allow-dns')).toBe(false);
    // One edit per document; the ones it does not touch keep their bytes.
    expect('edits' in result && result.edits).toHaveLength(4);
    const touched = new Set(
      ['shop/default-deny', 'shop/allow-dns', 'shop/web', 'shop/api'].map(
        (id) => ws.policies.find((p) => p.id === id)?.source?.document,
      ),
    );
    const kept = docs(THREE_TIER_YAML).filter((_, i) => !touched.has(i));
    expect(kept).toHaveLength(docs(THREE_TIER_YAML).length - 4);
    for (const d of kept) expect(docs(off.text)).toContain(d);
  });

  it('does not add DNS to an egress policy that already allows it', () => {
    const webEgress = [
      '  egress:',
      '    - to:',
      '        - podSelector:',
      '            matchLabels:',
      '              app: api',
      '      ports:',
      '        - port: 8000',
      '',
    ].join('\n');
    expect(THREE_TIER_YAML).toContain(webEgress);
    const text = THREE_TIER_YAML.replace(
      webEgress,
      `${webEgress}    - ports:\n        - protocol: UDP\n          port: 53\n        - protocol: TCP\n          port: 53\n`,
    );
    const ws = readWorkspace(text);
    const result = setDefaultDeny(text, ws, 'shop', 'egress', false);
    expect(result).toMatchObject({ summary: expect.stringMatching(/adding it to shop\/api$/) });
    const off = apply(text, result);
    expect(off.ws.policies.find((p) => p.id === 'shop/web')?.egress).toHaveLength(2);
    expect(off.ws.policies.find((p) => p.id === 'shop/api')?.egress).toHaveLength(2);
  });
});
