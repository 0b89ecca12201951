import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { policiesSelecting, policySelects, validPolicySelects } from './policy-selection.ts';

const ws = readWorkspace(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: in-only, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: shop}
spec:
  podSelector: {}
  ingress: [{ports: [{port: 70000}]}]
`);
const api = { namespace: 'shop', labels: { app: 'api' } };
const [inOnly, broken] = ws.policies;

describe('policy selection', () => {
  it('selects pods of its own namespace that match, for the directions it governs', () => {
    expect(policySelects(inOnly!, api)).toBe(true);
    expect(policySelects(inOnly!, api, 'ingress')).toBe(true);
    expect(policySelects(inOnly!, api, 'egress')).toBe(false);
    expect(policySelects(inOnly!, { ...api, namespace: 'other' })).toBe(false);
    expect(policySelects(inOnly!, { ...api, labels: { app: 'web' } })).toBe(false);
  });

  it('a policy the API server rejects selects nothing', () => {
    expect(broken!.valid).toBe(false);
    expect(policySelects(broken!, api, 'ingress')).toBe(true);
    expect(validPolicySelects(broken!, api, 'ingress')).toBe(false);
    expect(policiesSelecting(ws.policies, api).map((p) => p.id)).toEqual(['shop/in-only']);
  });
});
