import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { NetworkPolicy } from '../model/types.ts';
import { indexed, policy, TRICKY } from '../../fixtures/policy-arbitraries.ts';
import { readWorkspace } from './read-workspace.ts';
import { serializePolicies, serializePolicy } from './serialize.ts';

/** js-yaml names its anchors `ref_N`: `&ref_0` on the first use, `*ref_0` after. */
const ANCHOR_OR_ALIAS = /[&*]ref_\d/;

/** The policy with one selector object and one ports array reused everywhere it can be. */
function sharing(p: NetworkPolicy): NetworkPolicy {
  const shared = p.podSelector;
  const ports = p.ingress[0]?.ports ?? p.egress[0]?.ports ?? null;
  const peer = { kind: 'selector', podSelector: shared, namespaceSelector: shared } as const;
  const rule = { peers: [peer, peer], ports };
  return {
    ...p,
    policyTypes: { ingress: true, egress: true },
    ingress: [rule, rule],
    egress: [rule, ...p.egress],
  };
}

describe('serialisation', () => {
  it('never writes YAML anchors or aliases, even for objects the model shares', () => {
    fc.assert(
      fc.property(policy(0, TRICKY), (p) => {
        const text = serializePolicy(sharing(p));
        expect(text).not.toMatch(ANCHOR_OR_ALIAS);
        expect(readWorkspace(text).policies).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });

  it('writes a stream that starts with its first document and separates the rest with ---', () => {
    fc.assert(
      fc.property(
        indexed(1, 4, (i) => policy(i, TRICKY)),
        (ps) => {
          const text = serializePolicies(ps);
          expect(text.startsWith('apiVersion: networking.k8s.io/v1\n')).toBe(true);
          expect(text.match(/^---$/gm) ?? []).toHaveLength(ps.length - 1);
          const back = readWorkspace(text);
          expect(back.policies).toHaveLength(ps.length);
          expect(back.documents.filter((d) => d.empty)).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
