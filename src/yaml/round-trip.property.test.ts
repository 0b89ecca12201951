import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { NetworkPolicy } from '../model/types.ts';
import { indexed, policy, TRICKY } from '../../fixtures/policy-arbitraries.ts';
import { readWorkspace } from './read-workspace.ts';
import { serializePolicies, serializePolicy } from './serialize.ts';

// What a policy means, without where it came from: the law compares this before and after.
function meaning(p: NetworkPolicy) {
  const { name, namespace, podSelector, policyTypes, ingress, egress } = p;
  return JSON.parse(
    JSON.stringify({ name, namespace, podSelector, policyTypes, ingress, egress }),
  ) as unknown;
}

describe('serialisation round trip', () => {
  it('reads back exactly the policy it wrote, values YAML 1.1 would misread included', () => {
    fc.assert(
      fc.property(policy(0, TRICKY), (p) => {
        const text = serializePolicy(p);
        const back = readWorkspace(text);
        expect(
          back.diagnostics.filter((d) => d.code.startsWith('yaml-1.1') || d.code.startsWith('D')),
        ).toEqual([]);
        expect(back.policies).toHaveLength(1);
        expect(meaning(back.policies[0]!)).toEqual(meaning(p));
        expect(back.policies[0]!.policyTypesDefaulted).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('is stable: writing what it read gives the same text', () => {
    fc.assert(
      fc.property(
        indexed(1, 4, (i) => policy(i, TRICKY)),
        (ps) => {
          const text = serializePolicies(ps);
          const again = serializePolicies(readWorkspace(text).policies);
          expect(again).toBe(text);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('writes Kubernetes key order', () => {
    fc.assert(
      fc.property(policy(0, TRICKY), (p) => {
        const lines = serializePolicy(p).split('\n');
        const top = lines.filter((l) => /^[a-z]/.test(l)).map((l) => l.split(':')[0]);
        expect(top).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
        const spec = lines
          .filter((l) => /^ {2}[a-zA-Z]/.test(l))
          .map((l) => l.trim().split(':')[0]);
        const order = ['name', 'namespace', 'podSelector', 'policyTypes', 'ingress', 'egress'];
        expect(spec).toEqual([...spec].sort((a, b) => order.indexOf(a!) - order.indexOf(b!)));
      }),
      { numRuns: 100 },
    );
  });
});
