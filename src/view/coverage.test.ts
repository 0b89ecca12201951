// Coverage per namespace: default deny, isolated share, allow-all rules and lint counts, and a
// score whose points add up and each say what earned them.
import { describe, expect, it } from 'vitest';
import { lint } from '../engine/lint/lint.ts';
import { withInferred } from '../model/infer-workloads.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { SHOP } from '../../fixtures/matrix-shop.ts';
import { buildGraph } from './build-graph.ts';
import { SCORE_WEIGHTS, coverageOf } from './coverage.ts';

const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: monitoring}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;
const ALLOW_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-anywhere, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
    - {}
`;

function coverage(text: string, withLint = true) {
  const ws = readWorkspace(text);
  return coverageOf(buildGraph(withInferred(ws)), withLint ? lint(ws) : null);
}

describe('coverageOf', () => {
  it('counts default denies, isolated workloads and allow-all rules per namespace', () => {
    const c = coverage([SHOP, DENY_ALL, ALLOW_ALL].join('---\n'));
    const shop = c.namespaces.find((n) => n.namespace === 'shop')!;
    const mon = c.namespaces.find((n) => n.namespace === 'monitoring')!;
    expect(shop).toMatchObject({
      workloads: 3,
      defaultDeny: { ingress: false, egress: false },
      isolated: { ingress: 3, egress: 0 },
      allowAll: 1,
    });
    expect(mon).toMatchObject({
      workloads: 1,
      defaultDeny: { ingress: true, egress: true },
      isolated: { ingress: 1, egress: 1 },
      allowAll: 0,
    });
    // A fully closed namespace scores 100 unless lint finds something in it.
    expect(mon.points.find((p) => p.id === 'default-deny-egress')?.earned).toBe(20);
    expect(mon.score).toBeGreaterThan(shop.score);
  });

  it('adds up its points, and says what would earn every missing one', () => {
    const c = coverage(SHOP);
    for (const ns of c.namespaces) {
      const earned = ns.points.reduce((s, p) => s + p.earned, 0);
      const max = ns.points.reduce((s, p) => s + p.max, 0);
      expect(max).toBe(Object.values(SCORE_WEIGHTS).reduce((s, w) => s + w, 0));
      expect(ns.score).toBe(Math.round((100 * earned) / max));
      for (const p of ns.points) {
        expect(p.why.length).toBeGreaterThan(10);
        if (p.earned < p.max) expect(p.action, p.id).toBeTruthy();
        else expect(p.action, p.id).toBeUndefined();
      }
    }
  });

  it('names the workloads left open for ingress', () => {
    const mon = coverage(SHOP).namespaces.find((n) => n.namespace === 'monitoring')!;
    expect(mon.openIngress).toEqual(['prometheus']);
    expect(mon.points.find((p) => p.id === 'isolated-ingress')).toMatchObject({
      earned: 0,
      action: expect.stringContaining('prometheus'),
    });
  });

  it('counts lint findings per namespace, or leaves them out without lint', () => {
    const withLint = coverage([SHOP, ALLOW_ALL].join('---\n'));
    const shop = withLint.namespaces.find((n) => n.namespace === 'shop')!;
    expect(shop.lint?.warning).toBeGreaterThanOrEqual(1);
    expect(withLint.lint?.info).toBeGreaterThanOrEqual(1);
    const without = coverage(SHOP, false);
    expect(without.lint).toBeNull();
    expect(without.namespaces.every((n) => n.lint === null)).toBe(true);
    expect(without.namespaces[0]!.points.map((p) => p.id)).not.toContain('lint');
  });

  it('weights the overall score by workloads and sorts the weakest namespace first', () => {
    const c = coverage([SHOP, DENY_ALL].join('---\n'));
    expect(c.workloads).toBe(4);
    const [first, second] = c.namespaces;
    expect(first!.score).toBeLessThanOrEqual(second!.score);
    expect(c.score).toBe(
      Math.round(c.namespaces.reduce((s, n) => s + n.score * n.workloads, 0) / c.workloads),
    );
  });

  it('is empty for an empty workspace', () => {
    expect(coverage('')).toMatchObject({ namespaces: [], score: 0, workloads: 0 });
  });
});
