import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { applyEdit } from '../yaml/edit.ts';
import { buildEngineIndex } from '../engine/evaluate.ts';
import { computeReachability } from '../engine/reachability.ts';
import { migrateAdminPolicy } from './migrate-admin-policy.ts';

const PODS = ['a', 'b', 'c']
  .map(
    (ns) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ${ns}, labels: {app: ${ns}}}\nspec:\n  containers: [{name: c, image: i, ports: [{name: web, containerPort: 80}, {name: dns, containerPort: 53, protocol: UDP}]}]\nstatus: {podIP: 10.0.0.${ns.charCodeAt(0) - 96}}\n`,
  )
  .join('---\n');

const ANP = `# the admin's policy
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: guard
  labels: {owner: sec}
spec:
  priority: 20
  subject:
    namespaces:
      matchLabels: {kubernetes.io/metadata.name: a}
  ingress:
  - name: allow-b-web
    action: Allow
    from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: b}}}}]
    ports: [{portNumber: {port: 80}}, {namedPort: dns}, {portRange: {protocol: UDP, start: 5000, end: 5010}}]
  - action: Deny
    from: [{namespaces: {}}]
  egress:
  - action: Pass
    to: [{networks: [10.0.0.0/30]}]
`;
const BANP = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  ingress:
  - action: Deny
    from: [{namespaces: {}}]
`;

describe('migrateAdminPolicy', () => {
  const text = `${PODS}---\n${ANP}---\n${BANP}`;
  const ws = readWorkspace(text);

  it('writes the v1alpha2 text: Admin tier, Accept, protocols, peers and metadata kept', () => {
    const anp = ws.clusterPolicies!.find((p) => p.kind === 'AdminNetworkPolicy')!;
    const r = migrateAdminPolicy(text, ws, anp);
    if ('error' in r) throw new Error(r.error);
    expect(r.text).toBe(`apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: guard
  labels:
    owner: sec
spec:
  tier: Admin
  priority: 20
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: a
  ingress:
    - name: allow-b-web
      action: Accept
      from:
        - pods:
            namespaceSelector: {}
            podSelector:
              matchLabels:
                app: b
      protocols:
        - tcp:
            destinationPort:
              number: 80
        - destinationNamedPort: dns
        - udp:
            destinationPort:
              range:
                start: 5000
                end: 5010
    - action: Deny
      from:
        - namespaces: {}
  egress:
    - action: Pass
      to:
        - networks:
            - 10.0.0.0/30
`);
    const next = applyEdit(text, r.edit);
    // Only its document changed; the comment heading it stays.
    expect(next.startsWith(`${PODS}---\n# the admin's policy\n`)).toBe(true);
    expect(next.endsWith(`---\n${BANP}`)).toBe(true);
  });

  it('the migrated workspace reads without errors and reaches the same verdicts', () => {
    let next = text;
    for (const kind of ['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy']) {
      const cur = readWorkspace(next);
      const p = cur.clusterPolicies!.find((x) => x.kind === kind)!;
      const r = migrateAdminPolicy(next, cur, p);
      if ('error' in r) throw new Error(r.error);
      next = applyEdit(next, r.edit);
    }
    const after = readWorkspace(next);
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(after.clusterPolicies!.map((p) => [p.kind, p.tier, p.priority])).toEqual([
      ['ClusterNetworkPolicy', 'Admin', 20],
      ['ClusterNetworkPolicy', 'Baseline', 1000],
    ]);
    const matrix = (t: string) => {
      const reach = computeReachability(buildEngineIndex(readWorkspace(t)));
      return reach.pods.flatMap((_, s) =>
        reach.pods.flatMap((__, d) => reach.probes[d]!.map((___, k) => reach.allowed(s, d, k))),
      );
    };
    expect(matrix(next)).toEqual(matrix(text));
    expect(matrix(text)).toContain(false);
  });

  it('refuses what has no v1alpha2 form, and a ClusterNetworkPolicy', () => {
    const same = readWorkspace(
      ANP.replace('{namespaces: {}}', '{namespaces: {namespaceSelector: {}, sameLabels: [team]}}'),
    );
    expect(migrateAdminPolicy(ANP, same, same.clusterPolicies![0]!)).toMatchObject({
      error: expect.stringContaining('sameLabels'),
    });
    const migrated = migrateAdminPolicy(text, ws, ws.clusterPolicies![0]!);
    if ('error' in migrated) throw new Error(migrated.error);
    const again = readWorkspace(applyEdit(text, migrated.edit));
    expect(migrateAdminPolicy(text, again, again.clusterPolicies![0]!)).toEqual({
      error: 'guard is already a ClusterNetworkPolicy',
    });
  });
});
