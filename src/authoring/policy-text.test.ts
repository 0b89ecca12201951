// Rewriting a policy touches its spec only: the rest of its document is the user's, byte for byte.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { applyEdits } from '../yaml/edit.ts';
import { rewritePolicy } from './policy-text.ts';
import { removeEdge } from './remove-and-deny.ts';

const HEAD = `# Owned by the data team; reviewed in SEC-123.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db
  namespace: shop
  labels:
    team: data # who to page
  annotations:
    policy.example.com/ticket: SEC-123
`;

const SPEC = `spec:
  podSelector:
    matchLabels: {app: db}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: api}}
        - podSelector: {matchLabels: {app: batch}}
      ports:
        - port: 5432 # postgres
`;

describe('rewritePolicy', () => {
  it('replaces the spec block and keeps the head comment, labels and annotations', () => {
    const text = `${HEAD}${SPEC}`;
    const ws = readWorkspace(text);
    const out = removeEdge(text, ws, {
      policyId: 'shop/db',
      direction: 'ingress',
      ruleIndex: 0,
      peerIndex: 1,
    });
    if ('error' in out) throw new Error(out.error);
    const after = applyEdits(text, out.edits);
    expect(after.startsWith(HEAD)).toBe(true);
    expect(after).not.toContain('batch');
    const again = readWorkspace(after);
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(again.policies[0]?.ingress[0]?.peers).toHaveLength(1);
  });

  it('keeps what follows spec, CRLF line breaks, and falls back to the whole document when spec is not a block entry', () => {
    const text = `${HEAD}${SPEC}status: {}\n`.replace(/\n/g, '\r\n');
    const ws = readWorkspace(text);
    const policy = ws.policies[0]!;
    const edit = rewritePolicy(text, policy, { ...policy, egress: [] }, ws);
    if ('error' in edit) throw new Error(edit.error);
    const after = applyEdits(text, [edit]);
    expect(after.startsWith(HEAD.replace(/\n/g, '\r\n'))).toBe(true);
    expect(after.endsWith('\r\nstatus: {}\r\n')).toBe(true);
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');

    const flow = `{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: p, namespace: a}, spec: {podSelector: {}}}\n`;
    const fws = readWorkspace(flow);
    const fp = fws.policies[0]!;
    const whole = rewritePolicy(
      flow,
      fp,
      { ...fp, policyTypes: { ingress: true, egress: true } },
      fws,
    );
    if ('error' in whole) throw new Error(whole.error);
    expect(applyEdits(flow, [whole])).toContain('- Egress');
  });

  it('reads back as the policy it was given, whatever the rules (property)', () => {
    const text = `${HEAD}${SPEC}`;
    const ws = readWorkspace(text);
    const policy = ws.policies[0]!;
    const port = fc.record({
      protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const),
      port: fc.integer({ min: 1, max: 65535 }),
      endPort: fc.constant(null),
    });
    fc.assert(
      fc.property(
        // An empty ports list reads back as null (both mean every port).
        fc.array(fc.option(fc.array(port, { minLength: 1, maxLength: 3 }), { nil: null }), {
          maxLength: 4,
        }),
        (rules) => {
          const next = {
            ...policy,
            ingress: rules.map((ports) => ({ peers: null, ports })),
          };
          const edit = rewritePolicy(text, policy, next, ws);
          if ('error' in edit) return false;
          const after = applyEdits(text, [edit]);
          const read = readWorkspace(after).policies[0]!;
          expect(after.startsWith(HEAD)).toBe(true);
          expect(read.ingress).toEqual(next.ingress);
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });
});
