// Gaps found with real input: drawing from a namespace whose pods are egress-isolated, the names
// a toast shows, and toggles on a namespace that only a rejected policy names.
import { describe, expect, it } from 'vitest';
import type { TextEdit } from '../model/types.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { applyEdits } from '../yaml/edit.ts';
import { buildEngineIndex, evaluateFlow } from '../engine/evaluate.ts';
import { addAllowEdge, describeEnd, previewAllowEdge } from './allow-edge.ts';
import { isDefaultDeny, setDefaultDeny } from './remove-and-deny.ts';
import type { GestureResult } from './policy-text.ts';

const doc = (lines: string[]) => lines.join('\n');
const pod = (name: string, ns: string, labels: string, port?: number) =>
  doc([
    'apiVersion: v1',
    'kind: Pod',
    `metadata: {name: ${name}, namespace: ${ns}, labels: {${labels}}}`,
    `spec: {containers: [{name: c${port ? `, ports: [{containerPort: ${port}}]` : ''}}]}`,
  ]);
const policy = (name: string, ns: string, spec: string) =>
  doc([
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    `metadata: {name: ${name}, namespace: ${ns}}`,
    `spec: ${spec}`,
  ]);

const BASE = [
  pod('api', 'shop', 'app: api', 9000),
  pod('db', 'shop', 'app: db', 5432),
  pod('agent', 'ops', 'app: agent'),
  pod('probe', 'ops', 'app: probe'),
];

function apply(text: string, result: GestureResult): { text: string; ws: ReadResult } {
  if ('error' in result) throw new Error(result.error);
  const out = applyEdits(text, result.edits as TextEdit[]);
  const ws = readWorkspace(out);
  expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { text: out, ws };
}

function allowed(ws: ReadResult, from: string, to: string, port: number): boolean {
  const w = (id: string) => ({
    kind: 'workload' as const,
    workload: ws.workloads.find((x) => x.id === id)!,
  });
  return evaluateFlow(buildEngineIndex(ws), { from: w(from), to: w(to), port, protocol: 'TCP' })
    .allowed;
}

const workload = (ws: ReadResult, id: string) => ws.workloads.find((w) => w.id === id)!;
const fromOps = (ws: ReadResult, to: string, port: number) =>
  ({
    from: { kind: 'namespace', name: 'ops' },
    to: { kind: 'workload', workload: workload(ws, to) },
    ports: [{ protocol: 'TCP', port, endPort: null }],
  }) as const;

describe('drawing from a namespace whose pods are isolated for egress', () => {
  it('writes the egress rule for the whole namespace when a namespace-wide policy isolates it', () => {
    const text = `${[...BASE, policy('default-deny-egress', 'ops', '{podSelector: {}, policyTypes: [Egress]}')].join('\n---\n')}\n`;
    const ws = readWorkspace(text);
    expect(previewAllowEdge(ws, fromOps(ws, 'shop/api', 9000)).sourceEgressIsolated).toBe(true);
    const after = apply(text, addAllowEdge(text, ws, fromOps(ws, 'shop/api', 9000)));
    for (const from of ['ops/agent', 'ops/probe']) {
      expect(allowed(ws, from, 'shop/api', 9000)).toBe(false);
      expect(allowed(after.ws, from, 'shop/api', 9000)).toBe(true);
      expect(allowed(after.ws, from, 'shop/api', 9001)).toBe(false);
      expect(allowed(after.ws, from, 'shop/db', 5432)).toBe(false);
    }
    const egress = after.ws.policies.find((p) => p.id === 'ops/allow-egress-from-ops');
    expect(egress?.podSelector).toEqual({ matchLabels: {}, matchExpressions: [] });
    // The default deny stays one, so its toggle still finds and removes it.
    expect(after.ws.policies.filter((p) => isDefaultDeny(p, 'ops', 'egress'))).toHaveLength(1);

    // A second edge from the namespace extends the same egress policy.
    const again = apply(
      after.text,
      addAllowEdge(after.text, after.ws, fromOps(after.ws, 'shop/db', 5432)),
    );
    expect(again.ws.policies.map((p) => p.id).filter((id) => id.startsWith('ops/'))).toEqual([
      'ops/default-deny-egress',
      'ops/allow-egress-from-ops',
    ]);
    expect(allowed(again.ws, 'ops/probe', 'shop/db', 5432)).toBe(true);
    expect(allowed(again.ws, 'ops/probe', 'shop/api', 9000)).toBe(true);
  });

  it('adds the rule for each isolated pod only, never isolating the others', () => {
    const text = `${[...BASE, policy('agent-out', 'ops', '{podSelector: {matchLabels: {app: agent}}, policyTypes: [Egress]}')].join('\n---\n')}\n`;
    const ws = readWorkspace(text);
    const result = addAllowEdge(text, ws, fromOps(ws, 'shop/api', 9000));
    const after = apply(text, result);
    expect(allowed(ws, 'ops/agent', 'shop/api', 9000)).toBe(false);
    expect(allowed(after.ws, 'ops/agent', 'shop/api', 9000)).toBe(true);
    expect(allowed(after.ws, 'ops/probe', 'shop/api', 9000)).toBe(true);
    // probe's egress stays open: it may still reach what it could before.
    expect(allowed(after.ws, 'ops/probe', 'shop/db', 5432)).toBe(true);
    expect(after.ws.policies.find((p) => p.id === 'ops/agent-out')?.egress).toHaveLength(1);
    expect('summary' in result && result.summary).toContain('extended ops/agent-out for egress');
  });

  it('writes only the ingress side when no pod of the namespace is isolated for egress', () => {
    const text = `${BASE.join('\n---\n')}\n`;
    const ws = readWorkspace(text);
    const after = apply(text, addAllowEdge(text, ws, fromOps(ws, 'shop/api', 9000)));
    expect(after.ws.policies.map((p) => p.namespace)).toEqual(['shop']);
    expect(allowed(after.ws, 'ops/agent', 'shop/api', 9000)).toBe(true);
  });
});

describe('the ends of an edge, as people read them', () => {
  it('names a namespace, a workload and a network without internal ids', () => {
    const ws = readWorkspace(`${BASE.join('\n---\n')}\n`);
    expect(describeEnd({ kind: 'namespace', name: 'app' })).toBe('namespace app');
    expect(describeEnd({ kind: 'workload', workload: workload(ws, 'shop/api') })).toBe('shop/api');
    expect(describeEnd({ kind: 'external', cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] })).toBe(
      '10.0.0.0/8 except 10.1.0.0/16',
    );
  });
});

describe('toggles on a namespace that only a rejected policy names', () => {
  const REJECTED = policy(
    'api',
    'myapp',
    '{podSelector: {matchLabels: {tier: api}}, ingress: [{ports: [{port: 70000}]}]}',
  );

  it('refuses, naming the rejected policy, and writes nothing', () => {
    const text = `${REJECTED}\n`;
    const ws = readWorkspace(text);
    for (const direction of ['ingress', 'egress'] as const) {
      const result = setDefaultDeny(text, ws, 'myapp', direction, true, { withDns: true });
      expect(result).toEqual({
        error: expect.stringContaining('rejected NetworkPolicy myapp/api') as string,
      });
    }
  });

  it('writes the deny once the namespace holds something real', () => {
    const text = `${[REJECTED, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: myapp}'].join('\n---\n')}\n`;
    const ws = readWorkspace(text);
    const result = setDefaultDeny(text, ws, 'myapp', 'ingress', true);
    expect('edits' in result && result.edits).toHaveLength(1);
  });

  it('refuses a namespace whose name the API server would reject', () => {
    const text = `${policy('p', 'Bad_NS', '{podSelector: {}, policyTypes: [Ingress]}')}\n`;
    const ws = readWorkspace(text);
    expect(ws.policies[0]?.namespace).toBe('Bad_NS');
    expect(setDefaultDeny(text, ws, 'Bad_NS', 'egress', true)).toEqual({
      error: expect.stringContaining('is not a valid name') as string,
    });
  });
});
