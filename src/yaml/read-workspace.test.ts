// The reader's happy path: a mixed stream becomes namespaces, workloads and normalized policies,
// with sources that lead back to the text.
import { describe, expect, it } from 'vitest';
import { locate, readWorkspace } from './read-workspace.ts';

const STREAM = `apiVersion: v1
kind: Namespace
metadata:
  name: prod
  labels: {team: a}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: prod}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: c
        ports: [{containerPort: 8080, name: http}, {containerPort: 53, protocol: UDP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web
  namespace: prod
spec:
  podSelector:
    matchLabels: {app: web}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: a}}
      podSelector: {}
    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
    ports:
    - port: http
    - port: 8000
      endPort: 8080
      protocol: TCP
`;

describe('readWorkspace happy path', () => {
  const r = readWorkspace(STREAM);

  it('reads a clean stream without diagnostics', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.documents).toHaveLength(3);
  });

  it('reads namespaces with the automatic name label', () => {
    expect(r.namespaces).toHaveLength(1);
    const ns = r.namespaces[0]!;
    expect(ns.name).toBe('prod');
    expect(ns.inferred).toBe(false);
    expect({ ...ns.labels }).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'prod' });
  });

  it('reads workloads with template labels and container ports', () => {
    expect(r.workloads).toHaveLength(1);
    const w = r.workloads[0]!;
    expect(w.id).toBe('prod/web');
    expect(w.kind).toBe('Deployment');
    expect({ ...w.labels }).toEqual({ app: 'web' });
    expect(w.ports).toEqual([
      { name: 'http', port: 8080, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
    ]);
  });

  it('normalizes the policy', () => {
    const p = r.policies[0]!;
    expect(p.id).toBe('prod/allow-web');
    expect(p.valid).toBe(true);
    expect(p.policyTypes).toEqual({ ingress: true, egress: false });
    expect(p.policyTypesDefaulted).toBe(true);
    expect(p.ingress).toHaveLength(1);
    const rule = p.ingress[0]!;
    expect(rule.peers).toHaveLength(2);
    expect(rule.peers![0]).toMatchObject({
      kind: 'selector',
      namespaceSelector: { matchLabels: { team: 'a' } },
    });
    expect(rule.peers![1]).toEqual({
      kind: 'ipBlock',
      cidr: '10.0.0.0/8',
      except: ['10.1.0.0/16'],
    });
    expect(rule.ports).toEqual([
      { protocol: 'TCP', port: 'http', endPort: null },
      { protocol: 'TCP', port: 8000, endPort: 8080 },
    ]);
  });

  it('locates fields of an object', () => {
    const p = r.policies[0]!;
    const at = locate(r, p.source!, 'spec.ingress[0].from[1]');
    expect(at?.line).toBe(31);
    expect(at?.column).toBe(7);
    expect(locate(r, p.source!, 'spec.nothing')).toBeUndefined();
  });
});
