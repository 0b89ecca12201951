import { describe, expect, it } from 'vitest';
import type { TextEdit, Workload } from '../model/types.ts';
import { locate, readWorkspace } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { applyEdits } from '../yaml/edit.ts';
import { buildEngineIndex, evaluateFlow } from '../engine/evaluate.ts';
import { lint, lintIntroduced } from '../engine/lint/lint.ts';
import type { LintFinding } from '../engine/lint/types.ts';
import { addAllowEdge } from './allow-edge.ts';
import { setDefaultDeny } from './remove-and-deny.ts';
import type { GestureResult } from './policy-text.ts';
import { quickFixEdits, withQuickFixes } from './lint-quick-fix.ts';

// Two namespaces as a newcomer draws them: frontend → api → db.
const CLUSTER = [
  'apiVersion: v1',
  'kind: Namespace',
  'metadata: {name: frontend}',
  '---',
  'apiVersion: v1',
  'kind: Namespace',
  'metadata: {name: backend}',
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: web, namespace: frontend}',
  'spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, ports: [{containerPort: 80}]}]}}}',
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: api, namespace: backend}',
  'spec: {selector: {matchLabels: {app: api}}, template: {metadata: {labels: {app: api}}, spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}}}',
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: db, namespace: backend}',
  'spec: {selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}}, spec: {containers: [{containerPort: 5432, name: c}]}}}',
  '',
].join('\n');

function apply(text: string, result: GestureResult): { text: string; ws: ReadResult } {
  if ('error' in result) throw new Error(result.error);
  const out = applyEdits(text, result.edits as TextEdit[]);
  const ws = readWorkspace(out);
  expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { text: out, ws };
}
const w = (ws: ReadResult, id: string) => ws.workloads.find((x) => x.id === id) as Workload;
function allowed(ws: ReadResult, from: string, to: string, port: number): boolean {
  return evaluateFlow(buildEngineIndex(ws), {
    from: { kind: 'workload', workload: w(ws, from) },
    to: { kind: 'workload', workload: w(ws, to) },
    port,
    protocol: 'TCP',
  }).allowed;
}
const lintOf = (ws: ReadResult): LintFinding[] =>
  lint(ws, { locate: (ref, path) => locate(ws, ref, path) });

/** Draw frontend→api and api→db, then deny egress in both namespaces (with DNS, as the toggle offers). */
function drawThenDeny() {
  let s = { text: CLUSTER, ws: readWorkspace(CLUSTER) };
  const draw = (from: string, to: string, port: number) =>
    addAllowEdge(s.text, s.ws, {
      from: { kind: 'workload', workload: w(s.ws, from) },
      to: { kind: 'workload', workload: w(s.ws, to) },
      ports: [{ protocol: 'TCP', port, endPort: null }],
    });
  s = apply(s.text, draw('frontend/web', 'backend/api', 8080));
  s = apply(s.text, draw('backend/api', 'backend/db', 5432));
  for (const ns of ['frontend', 'backend'])
    s = apply(s.text, setDefaultDeny(s.text, s.ws, ns, 'egress', true, { withDns: true }));
  return s;
}

describe('the draw-then-deny sequence', () => {
  it('breaks both drawn flows, and lint reports both as half-open, naming both policies', () => {
    const s = drawThenDeny();
    expect(allowed(s.ws, 'frontend/web', 'backend/api', 8080)).toBe(false);
    expect(allowed(s.ws, 'backend/api', 'backend/db', 5432)).toBe(false);
    const half = lintOf(s.ws).filter((f) => f.rule === 'half-open-flow');
    expect(half.map((f) => f.workloads)).toEqual([
      ['backend/api', 'frontend/web'],
      ['backend/db', 'backend/api'],
    ]);
    expect(half[0]?.message).toMatch(/backend\/allow-ingress-to-api admits it/);
    expect(half[0]?.message).toMatch(/frontend\/default-deny-egress/);
    // Nothing else is flagged as a mistake: the gestures' own policies are not "redundant".
    expect(
      lintOf(s.ws)
        .filter((f) => f.severity === 'warning' && f.rule !== 'half-open-flow')
        .map((f) => f.rule),
    ).toEqual([]);
    expect(lintOf(s.ws).filter((f) => f.rule.startsWith('redundant'))).toEqual([]);
    expect(half[0]?.related?.map((r) => r.object)).toEqual([
      'NetworkPolicy frontend/default-deny-egress',
      'NetworkPolicy frontend/allow-dns',
    ]);
  });

  it('a toggle can tell beforehand which drawn flows it would break (lintIntroduced)', () => {
    let s = { text: CLUSTER, ws: readWorkspace(CLUSTER) };
    const draw = (from: string, to: string, port: number) =>
      addAllowEdge(s.text, s.ws, {
        from: { kind: 'workload', workload: w(s.ws, from) },
        to: { kind: 'workload', workload: w(s.ws, to) },
        ports: [{ protocol: 'TCP', port, endPort: null }],
      });
    s = apply(s.text, draw('frontend/web', 'backend/api', 8080));
    const toggled = apply(
      s.text,
      setDefaultDeny(s.text, s.ws, 'frontend', 'egress', true, { withDns: true }),
    );
    const introduced = lintIntroduced(s.ws, toggled.ws);
    expect(introduced.map((f) => f.rule)).toContain('half-open-flow');
    expect(introduced.find((f) => f.rule === 'half-open-flow')?.fix?.intent).toMatchObject({
      kind: 'allow-side',
      direction: 'egress',
      subject: 'frontend/web',
    });
    // Findings the text already had are not news.
    expect(lintIntroduced(toggled.ws, toggled.ws)).toEqual([]);
  });

  it('the quick fixes restore both flows, and lint is then quiet about them', () => {
    let s = drawThenDeny();
    for (let round = 0; round < 2; round++) {
      const half = withQuickFixes(s.text, s.ws, lintOf(s.ws)).find(
        (f) => f.rule === 'half-open-flow',
      );
      expect(half?.quickFix?.edits.length).toBeGreaterThan(0);
      s = apply(s.text, { edits: half?.quickFix?.edits ?? [], summary: '' });
    }
    expect(allowed(s.ws, 'frontend/web', 'backend/api', 8080)).toBe(true);
    expect(allowed(s.ws, 'backend/api', 'backend/db', 5432)).toBe(true);
    expect(lintOf(s.ws).filter((f) => f.rule === 'half-open-flow')).toEqual([]);
    // Nothing else opened: web still cannot reach db.
    expect(allowed(s.ws, 'frontend/web', 'backend/db', 5432)).toBe(false);
  });
});

describe('quick fixes as text edits', () => {
  const fixOf = (text: string, rule: string) => {
    const ws = readWorkspace(text);
    const f = lintOf(ws).find((x) => x.rule === rule);
    expect(f?.fix).toBeDefined();
    const r = quickFixEdits(text, ws, f!.fix!);
    return apply(text, r);
  };

  it('adds DNS egress, after which the finding is gone', () => {
    const text = `${CLUSTER}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-out, namespace: frontend}\nspec: {podSelector: {}, policyTypes: [Egress]}\n`;
    const after = fixOf(text, 'dns-egress-missing');
    expect(lintOf(after.ws).filter((f) => f.rule === 'dns-egress-missing')).toEqual([]);
    expect(after.text.startsWith(text.trimEnd())).toBe(true);
  });

  it('selects a namespace by its name label', () => {
    const text = `${CLUSTER}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api-in, namespace: backend}\nspec:\n  podSelector: {matchLabels: {app: api}}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {name: frontend}}\n`;
    const after = fixOf(text, 'namespace-selector-matches-nothing');
    expect(after.text).toContain('kubernetes.io/metadata.name: frontend');
    expect(allowed(after.ws, 'frontend/web', 'backend/api', 8080)).toBe(true);
  });

  it('combines two peers into one (AND)', () => {
    const text = `${CLUSTER}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api-in, namespace: backend}\nspec:\n  podSelector: {matchLabels: {app: api}}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: frontend}}\n    - podSelector: {matchLabels: {app: db}}\n`;
    const after = fixOf(text, 'peers-or-maybe-and');
    expect(after.ws.policies[0]?.ingress[0]?.peers).toHaveLength(1);
    expect(allowed(after.ws, 'backend/db', 'backend/api', 8080)).toBe(false);
  });

  it('leaves findings without a fix as they are', () => {
    const ws = readWorkspace(CLUSTER);
    const findings = lintOf(ws);
    const fixed = withQuickFixes(CLUSTER, ws, findings);
    expect(fixed.filter((f) => !f.fix).every((f) => f.quickFix === undefined)).toBe(true);
  });
});
