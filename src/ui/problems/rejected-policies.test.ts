import { describe, expect, it } from 'vitest';
import { parseText } from '../../store/parse-text.ts';
import { rejectedPolicies } from './rejected-policies.ts';

const policy = (name: string, port: number) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: app
spec:
  podSelector: {}
  ingress:
    - ports:
        - port: ${port}
`;

describe('rejectedPolicies', () => {
  it('names each invalid NetworkPolicy with its own first error, in documents and in Lists', () => {
    const text = `${policy('ok', 80)}---\n${policy('bad', 70000)}---
apiVersion: v1
kind: List
items:
  - ${policy('ok2', 81).replace(/\n/g, '\n    ').trimEnd()}
  - ${policy('bad2', 0).replace(/\n/g, '\n    ').trimEnd()}
`;
    const { shown: rejected, total } = rejectedPolicies(parseText(text));
    expect(total).toBe(2);
    expect(rejected.map((r) => r.id)).toEqual(['app/bad', 'app/bad2']);
    expect(rejected[0]?.error?.path).toBe('spec.ingress[0].ports[0].port');
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    expect(rejected[0]?.error?.line).toBe(lineOf('port: 70000'));
    expect(rejected[1]?.error?.line).toBe(lineOf('port: 0'));
  });

  it('is empty when every policy is valid', () => {
    expect(rejectedPolicies(parseText(policy('ok', 80)))).toEqual({ shown: [], total: 0 });
  });

  it('is linear: 10,000 invalid one-line policies in well under a second, first N named', () => {
    const one = (i: number) =>
      `{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: p${i}, namespace: a}, spec: {podSelector: {}, ingress: [{ports: [{port: 70000}]}]}}`;
    const parsed = parseText(Array.from({ length: 10_000 }, (_, i) => one(i)).join('\n---\n'));
    const t0 = performance.now();
    const { shown, total } = rejectedPolicies(parsed, 3);
    const ms = performance.now() - t0;
    expect(total).toBe(10_000);
    expect(shown.map((r) => r.id)).toEqual(['a/p0', 'a/p1', 'a/p2']);
    expect(shown[2]?.error?.line).toBe(5);
    // A search of every diagnostic per policy took seconds here; linear is milliseconds.
    expect(ms).toBeLessThan(1000);
    // Every policy's own error, not the first one's, when all are asked for.
    // Reads of the diagnostics grow with their number, not with policies × diagnostics.
    let reads = 0;
    const counted = new Proxy(parsed.diagnostics, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const all = rejectedPolicies({ ...parsed, diagnostics: counted });
    expect(reads).toBeLessThanOrEqual(2 * parsed.diagnostics.length);
    expect(all.shown[9_999]?.error?.line).toBe(9_999 * 2 + 1);
  });
});
