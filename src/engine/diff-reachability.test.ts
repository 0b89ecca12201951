import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { diffReachability } from './diff-reachability.ts';

const CLUSTER = `
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 9000}, {containerPort: 9090}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c}]}
`;
const DENY = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;
const WEB_TO_API = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 9000}]}]
`;

const ws = (text: string) => readWorkspace(text);

describe('diffReachability', () => {
  it('a new default deny: newly denied flows, each explained by the new version', () => {
    const d = diffReachability(ws(CLUSTER), ws(CLUSTER + DENY));
    expect(d.newlyAllowed).toEqual([]);
    // web→api 9000 and 9090, db→api 9000 and 9090, api→web, db→web, and db's assumed TCP 80 from web and api.
    expect(d.newlyDenied.map((f) => `${f.from}>${f.to}:${f.port}`)).toEqual([
      'shop/api>shop/db:80',
      'shop/api>shop/web:8080',
      'shop/db>shop/api:9000',
      'shop/db>shop/api:9090',
      'shop/db>shop/web:8080',
      'shop/web>shop/api:9000',
      'shop/web>shop/api:9090',
      'shop/web>shop/db:80',
    ]);
    expect(d.newlyDenied[0]?.policies).toEqual(['shop/deny']);
    expect(d.newlyDenied[0]?.reason).toMatch(/^denied: .*isolated for ingress by: shop\/deny/);
    expect(d.flowsCompared).toBe(8);
  });

  it('an allow rule: newly allowed names the rule; the reverse diff swaps the lists', () => {
    const before = ws(CLUSTER + DENY);
    const after = ws(CLUSTER + DENY + WEB_TO_API);
    const d = diffReachability(before, after);
    expect(d.newlyDenied).toEqual([]);
    expect(d.newlyAllowed).toMatchObject([
      { from: 'shop/web', to: 'shop/api', port: 9000, protocol: 'TCP', policies: ['shop/api-in'] },
    ]);
    const back = diffReachability(after, before);
    expect(back.newlyDenied.map((f) => [f.from, f.to, f.port])).toEqual([
      ['shop/web', 'shop/api', 9000],
    ]);
    expect(back.newlyAllowed).toEqual([]);
  });

  it('identical versions differ in nothing; added and removed workloads are listed, not compared', () => {
    expect(diffReachability(ws(CLUSTER + DENY), ws(CLUSTER + DENY)).newlyDenied).toEqual([]);
    const more = `${CLUSTER}---
apiVersion: v1
kind: Pod
metadata: {name: cache, namespace: shop, labels: {app: cache}}
spec: {containers: [{name: c, ports: [{containerPort: 6379}]}]}
`;
    const d = diffReachability(ws(CLUSTER), ws(more + DENY));
    expect(d.addedWorkloads).toEqual(['shop/cache']);
    expect(diffReachability(ws(more), ws(CLUSTER)).removedWorkloads).toEqual(['shop/cache']);
    expect(d.newlyDenied.some((f) => f.from === 'shop/cache' || f.to === 'shop/cache')).toBe(false);
  });

  it('with a port option, compares that port on every pair', () => {
    const d = diffReachability(ws(CLUSTER), ws(CLUSTER + DENY), { port: 9000, protocol: 'TCP' });
    // Every ordered pair, a pod to itself included, as analyze --port probes them.
    expect(d.newlyDenied).toHaveLength(9);
  });
});
