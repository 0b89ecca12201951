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
    const rejected = rejectedPolicies(parseText(text));
    expect(rejected.map((r) => r.id)).toEqual(['app/bad', 'app/bad2']);
    expect(rejected[0]?.error?.path).toBe('spec.ingress[0].ports[0].port');
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    expect(rejected[0]?.error?.line).toBe(lineOf('port: 70000'));
    expect(rejected[1]?.error?.line).toBe(lineOf('port: 0'));
  });

  it('is empty when every policy is valid', () => {
    expect(rejectedPolicies(parseText(policy('ok', 80)))).toEqual([]);
  });
});
