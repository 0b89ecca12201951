// Explanations name the detail: policies left out because the API server would reject them, the
// except that excluded an address, the port assumed for a pod without ports, and which policies
// isolate a pod apart from which rules allow the flow.
import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { buildEngineIndex, defaultProbePort, evaluateFlow } from './evaluate.ts';
import type { Endpoint } from './evaluate.ts';

const pods = `
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.0.1.1}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c, ports: [{containerPort: 9000}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: bare, namespace: shop, labels: {app: bare}}
spec: {containers: [{name: c}]}
`;

function setup(policies: string) {
  const ws = readWorkspace(`${pods}---\n${policies}`);
  const index = buildEngineIndex(ws);
  const pod = (id: string): Endpoint => ({
    kind: 'workload',
    workload: ws.workloads.find((w) => w.id === id)!,
  });
  return { ws, index, pod };
}

const tcp = (from: Endpoint, to: Endpoint, port: number) =>
  ({ from, to, port, protocol: 'TCP' }) as const;

describe('explanations', () => {
  it('name a rejected policy that would have selected the pod, with its error, when allowed', () => {
    const { ws, index, pod } = setup(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - ports: [{port: 70000}]
`);
    expect(ws.policies[0]?.valid).toBe(false);
    const v = evaluateFlow(index, tcp(pod('shop/web'), pod('shop/api'), 9000));
    expect(v.allowed).toBe(true);
    expect(v.ingress.leftOut).toEqual([
      {
        policy: 'shop/default-deny',
        path: 'spec.ingress[0].ports[0].port',
        problem: expect.stringMatching(/^spec\.ingress\[0\]\.ports\[0\]\.port: /) as string,
      },
    ]);
    expect(v.ingress.reason).toMatch(
      /shop\/default-deny \(rejected: spec\.ingress\[0\]\.ports\[0\]\.port: [^)]+\) would select shop\/api for ingress but is left out/,
    );
    expect(v.reason).toContain('would select shop/api for ingress but is left out');
    // The policy has no Egress type: it would not have selected web for egress.
    expect(v.egress.leftOut).toEqual([]);
  });

  it('say which except excluded an address from an ipBlock', () => {
    const { index, pod } = setup(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.2.0/24, 10.0.1.0/24]}}]
`);
    const outside = evaluateFlow(
      index,
      tcp({ kind: 'external', ip: '10.0.1.1' }, pod('shop/api'), 9000),
    );
    expect(outside.allowed).toBe(false);
    expect(outside.ingress.details).toEqual([
      '10.0.1.1 is in except 10.0.1.0/24 of ipBlock 10.0.0.0/16 (shop/api-in ingress rule 1)',
    ]);
    expect(outside.reason).toContain('10.0.1.1 is in except 10.0.1.0/24 of ipBlock 10.0.0.0/16');
    // A pod's IP is matched the same way.
    const fromWeb = evaluateFlow(index, tcp(pod('shop/web'), pod('shop/api'), 9000));
    expect(fromWeb.ingress.details).toEqual([
      '10.0.1.1 is in except 10.0.1.0/24 of ipBlock 10.0.0.0/16 (shop/api-in ingress rule 1)',
    ]);
    // An address the block allows, or one it never held, has no such detail.
    const inside = evaluateFlow(
      index,
      tcp({ kind: 'external', ip: '10.0.3.1' }, pod('shop/api'), 9000),
    );
    expect(inside.allowed).toBe(true);
    expect(inside.ingress.details).toEqual([]);
    const far = evaluateFlow(
      index,
      tcp({ kind: 'external', ip: '192.168.0.1' }, pod('shop/api'), 9000),
    );
    expect(far.ingress.details).toEqual([]);
  });

  it('say which port was assumed for a pod that declares none, and why', () => {
    const { index, pod } = setup('');
    expect(defaultProbePort(pod('shop/api'))).toEqual({
      port: 9000,
      protocol: 'TCP',
      assumed: null,
    });
    const assumed = defaultProbePort(pod('shop/bare'));
    expect(assumed).toMatchObject({ port: 80, protocol: 'TCP' });
    expect(assumed.assumed).toBe(
      'shop/bare declares no container ports, so TCP 80 (HTTP, the most common) is assumed',
    );
    const v = evaluateFlow(index, tcp(pod('shop/web'), pod('shop/bare'), assumed.port));
    expect(v.notes).toEqual([
      expect.stringMatching(
        /^shop\/bare declares no container ports, so TCP 80 was assumed \(HTTP, the most common, when no port is given\)/,
      ) as string,
    ]);
    expect(v.reason).toContain('shop/bare declares no container ports, so TCP 80 was assumed');
    const asked = evaluateFlow(index, tcp(pod('shop/web'), pod('shop/bare'), 5432));
    expect(asked.notes[0]).toContain('so TCP 5432 was assumed (the port asked for)');
    // A pod that declares its ports needs no note.
    expect(evaluateFlow(index, tcp(pod('shop/web'), pod('shop/api'), 9000)).notes).toEqual([]);
  });

  it('separate the policies that isolate a pod from the rules that allow the flow', () => {
    const { index, pod } = setup(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: a, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: b, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
`);
    const v = evaluateFlow(index, tcp(pod('shop/web'), pod('shop/api'), 9000));
    expect(v.allowed).toBe(true);
    expect(v.ingress.policies).toEqual(['shop/a', 'shop/b']);
    expect(v.ingress.reason).toBe(
      'shop/api is isolated for ingress by: shop/a, shop/b; allowed by: shop/b rule 1, peer 1',
    );
    const denied = evaluateFlow(index, tcp(pod('shop/api'), pod('shop/web'), 8080));
    expect(denied.ingress.reason).toBe(
      'shop/web is isolated for ingress by: shop/a; no ingress rule allows TCP 8080 from shop/api',
    );
  });
});
