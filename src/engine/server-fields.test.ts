// A NetworkPolicy printed by `kubectl get -o yaml` on a 1.24–1.27 cluster carries `status: {}`:
// the cluster enforces it, so the verdicts must too.
import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { buildEngineIndex, evaluateFlow } from './evaluate.ts';
import type { Endpoint } from './evaluate.ts';

const text = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}, uid: 5e6f, resourceVersion: "12"}
spec: {containers: [{name: c}]}
status: {podIP: 10.0.0.10, phase: Running}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}, uid: 6f7a, resourceVersion: "13"}
spec: {containers: [{name: c, ports: [{containerPort: 5432}]}]}
status: {podIP: 10.0.0.11, phase: Running}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-deny-all
  namespace: shop
  uid: 7a8b
  resourceVersion: "14"
  generation: 1
  creationTimestamp: "2023-05-01T10:00:00Z"
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
status: {}
`;

describe('a NetworkPolicy with status: {} (kubectl get output)', () => {
  it('is evaluated: the flow it denies is denied', () => {
    const ws = readWorkspace(text);
    expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ws.policies.map((p) => [p.id, p.valid])).toEqual([['shop/db-deny-all', true]]);
    const index = buildEngineIndex(ws);
    const pod = (id: string): Endpoint => ({
      kind: 'workload',
      workload: ws.workloads.find((w) => w.id === id)!,
    });
    const v = evaluateFlow(index, {
      from: pod('shop/web'),
      to: pod('shop/db'),
      port: 5432,
      protocol: 'TCP',
    });
    expect(v.allowed).toBe(false);
    expect(v.ingress).toMatchObject({
      isolated: true,
      policies: ['shop/db-deny-all'],
      allowed: false,
    });
    const back = evaluateFlow(index, {
      from: pod('shop/db'),
      to: pod('shop/web'),
      port: 80,
      protocol: 'TCP',
    });
    expect(back.allowed).toBe(true);
  });
});
