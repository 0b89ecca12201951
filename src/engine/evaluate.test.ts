import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { buildEngineIndex, evaluateFlow } from './evaluate.ts';
import type { Endpoint } from './evaluate.ts';

const cluster = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}
status: {podIP: 10.0.0.10}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 9000}, {name: dns, containerPort: 53, protocol: UDP}]}]}
status: {podIP: 10.0.0.11}
---
apiVersion: v1
kind: Pod
metadata: {name: probe, namespace: ops, labels: {app: probe}}
spec: {containers: [{name: c}]}
`;

function setup(policies: string) {
  const ws = readWorkspace(`${cluster}---\n${policies}`);
  expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const index = buildEngineIndex(ws);
  const pod = (id: string): Endpoint => ({
    kind: 'workload',
    workload: ws.workloads.find((w) => w.id === id)!,
  });
  return { index, pod };
}

describe('evaluateFlow', () => {
  it('explains an allowed flow: the rule, peer and port on the isolated side', () => {
    const { index, pod } = setup(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{ipBlock: {cidr: 192.168.0.0/16}}, {podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 53, protocol: UDP}, {port: http}]
`);
    const v = evaluateFlow(index, {
      from: pod('shop/web'),
      to: pod('shop/api'),
      port: 9000,
      protocol: 'TCP',
    });
    expect(v.allowed).toBe(true);
    expect(v.egress).toMatchObject({ applies: true, isolated: false, allowed: true, policies: [] });
    expect(v.ingress).toMatchObject({ isolated: true, policies: ['shop/api-in'], allowed: true });
    expect(v.ingress.matches).toEqual([
      {
        policy: 'shop/api-in',
        ruleIndex: 0,
        peerIndex: 1,
        portIndex: 1,
        path: 'spec.ingress[0].from[1]',
      },
    ]);
    const denied = evaluateFlow(index, {
      from: pod('shop/web'),
      to: pod('shop/api'),
      port: 9001,
      protocol: 'TCP',
    });
    expect(denied.allowed).toBe(false);
    expect(denied.ingress.reason).toContain(
      'isolated for ingress by: shop/api-in; no ingress rule',
    );
  });

  it('resolves a named probe port on the destination and denies when it is missing', () => {
    const { index, pod } = setup('');
    expect(
      evaluateFlow(index, {
        from: pod('shop/web'),
        to: pod('shop/api'),
        port: 'dns',
        protocol: 'UDP',
      }),
    ).toMatchObject({
      allowed: true,
      port: 53,
      portName: 'dns',
    });
    const missing = evaluateFlow(index, {
      from: pod('shop/api'),
      to: pod('shop/web'),
      port: 'dns',
      protocol: 'UDP',
    });
    expect(missing).toMatchObject({ allowed: false, port: null });
    expect(missing.reason).toContain('declares no UDP container port named "dns"');
  });

  it('treats a named port in a rule as the destination container port with that protocol', () => {
    const { index, pod } = setup(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: named, namespace: shop}
spec:
  podSelector: {}
  ingress: [{ports: [{port: http}]}]
`);
    expect(
      evaluateFlow(index, {
        from: pod('shop/api'),
        to: pod('shop/web'),
        port: 8080,
        protocol: 'TCP',
      }).allowed,
    ).toBe(true);
    // 9000 is "http" on api but not on web: a named port is resolved per destination.
    expect(
      evaluateFlow(index, {
        from: pod('shop/web'),
        to: pod('shop/web'),
        port: 9000,
        protocol: 'TCP',
      }).allowed,
    ).toBe(false);
    expect(
      evaluateFlow(index, {
        from: pod('shop/web'),
        to: pod('shop/api'),
        port: 9000,
        protocol: 'TCP',
      }).allowed,
    ).toBe(true);
  });

  it('matches ipBlocks against external addresses and pod IPs, with host bits ignored and except honoured', () => {
    const { index, pod } = setup(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.99/24, except: [10.0.0.11/32]}}, {ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]
`);
    const external = (ip: string): Endpoint => ({ kind: 'external', ip });
    expect(
      evaluateFlow(index, {
        from: pod('shop/web'),
        to: external('8.8.8.8'),
        port: 443,
        protocol: 'TCP',
      }),
    ).toMatchObject({
      allowed: true,
      ingress: { applies: false },
    });
    expect(
      evaluateFlow(index, {
        from: pod('shop/web'),
        to: external('10.1.2.3'),
        port: 443,
        protocol: 'TCP',
      }).allowed,
    ).toBe(false);
    expect(
      evaluateFlow(index, {
        from: pod('shop/web'),
        to: pod('shop/web'),
        port: 8080,
        protocol: 'TCP',
      }).allowed,
    ).toBe(true);
    expect(
      evaluateFlow(index, {
        from: pod('shop/web'),
        to: pod('shop/api'),
        port: 9000,
        protocol: 'TCP',
      }).allowed,
    ).toBe(false);
    // A pod without a known IP never matches an ipBlock.
    expect(
      evaluateFlow(index, {
        from: pod('shop/web'),
        to: pod('ops/probe'),
        port: 80,
        protocol: 'TCP',
      }).allowed,
    ).toBe(false);
  });

  it('isolates ingress too when a policy has only egress rules and no policyTypes (DF2)', () => {
    const { index, pod } = setup(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress-only, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  egress: [{}]
`);
    const v = evaluateFlow(index, {
      from: pod('shop/web'),
      to: pod('shop/api'),
      port: 9000,
      protocol: 'TCP',
    });
    expect(v.allowed).toBe(false);
    expect(v.ingress.policies).toEqual(['shop/egress-only']);
  });

  it('ANDs namespaceSelector and podSelector within one peer and reads the automatic namespace label', () => {
    const { index, pod } = setup(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-ops, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}
      podSelector: {matchLabels: {app: probe}}
`);
    expect(
      evaluateFlow(index, {
        from: pod('ops/probe'),
        to: pod('shop/web'),
        port: 8080,
        protocol: 'TCP',
      }).allowed,
    ).toBe(true);
    expect(
      evaluateFlow(index, {
        from: pod('shop/api'),
        to: pod('shop/web'),
        port: 8080,
        protocol: 'TCP',
      }).allowed,
    ).toBe(false);
  });

  it('ignores invalid policies, as the API server would reject them', () => {
    const { index, pod } = (() => {
      const ws = readWorkspace(`${cluster}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: shop}
spec:
  podSelector: {}
  ingress: [{ports: [{port: 80, endPort: 10}]}]
`);
      return {
        index: buildEngineIndex(ws),
        pod: (id: string): Endpoint => ({
          kind: 'workload',
          workload: ws.workloads.find((w) => w.id === id)!,
        }),
      };
    })();
    expect(
      evaluateFlow(index, {
        from: pod('shop/web'),
        to: pod('shop/api'),
        port: 9000,
        protocol: 'TCP',
      }).allowed,
    ).toBe(true);
  });
});
