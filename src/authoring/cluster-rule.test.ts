// The cluster policy gestures, checked through the reader and the engine: after the edit the
// drawn flow has the verdict the tier and action say, the text validates, and nothing else moves.
import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { applyEdits } from '../yaml/edit.ts';
import { buildEngineIndex, evaluateFlow } from '../engine/evaluate.ts';
import type { Workload } from '../model/types.ts';
import { CLUSTER_TIERS_YAML } from '../ui/examples/cluster-tiers.ts';
import {
  addBaselineDefaultDeny,
  addClusterRule,
  baselineDenyPolicies,
  newClusterPriority,
  removeBaselineDefaultDeny,
} from './cluster-rule.ts';

const read = (text: string) => readWorkspace(text);
const w = (ws: ReadResult, id: string) => ws.workloads.find((x) => x.id === id) as Workload;

function after(text: string, _ws: ReadResult, r: ReturnType<typeof addClusterRule>) {
  if ('error' in r) throw new Error(r.error);
  const next = applyEdits(text, r.edits);
  // Every byte before the appended document is kept.
  expect(next.startsWith(text.trimEnd())).toBe(true);
  const nws = read(next);
  expect(nws.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  return { text: next, ws: nws, index: buildEngineIndex(nws) };
}

function verdict(ws: ReadResult, from: string, to: string, port: number) {
  return evaluateFlow(buildEngineIndex(ws), {
    from: { kind: 'workload', workload: w(ws, from) },
    to: { kind: 'workload', workload: w(ws, to) },
    port,
    protocol: 'TCP',
  });
}

describe('addClusterRule', () => {
  const text = CLUSTER_TIERS_YAML;
  const ws = read(text);

  it('an Admin Deny between two workloads denies the flow, decided by the Admin tier', () => {
    expect(verdict(ws, 'store/web', 'store/api', 8000).allowed).toBe(true);
    const r = addClusterRule(text, ws, {
      tier: 'Admin',
      action: 'Deny',
      from: { kind: 'workload', workload: w(ws, 'store/web') },
      to: { kind: 'workload', workload: w(ws, 'store/api') },
      ports: [{ protocol: 'TCP', port: 8000, endPort: null }],
    });
    const next = after(text, ws, r);
    const v = verdict(next.ws, 'store/web', 'store/api', 8000);
    expect(v.allowed).toBe(false);
    expect(v.ingress.tier).toBe('Admin');
    expect(v.ingress.clusterMatches[0]).toMatchObject({
      policy: 'deny-web-to-api',
      action: 'Deny',
    });
    // Before every existing Admin policy (10, 20, 30), on a priority of its own.
    expect(next.ws.clusterPolicies?.find((p) => p.name === 'deny-web-to-api')?.priority).toBe(0);
    // Other ports stay as they were.
    expect(verdict(next.ws, 'store/web', 'store/api', 9000).allowed).toBe(
      verdict(ws, 'store/web', 'store/api', 9000).allowed,
    );
    if (!('error' in r)) expect(r.summary).toMatch(/^Admin Deny store\/web → store\/api/);
  });

  it('an Admin Accept overrides the Admin Deny of dev traffic it comes before', () => {
    expect(verdict(ws, 'sandbox/experiment', 'store/web', 8080).allowed).toBe(false);
    const next = after(
      text,
      ws,
      addClusterRule(text, ws, {
        tier: 'Admin',
        action: 'Accept',
        from: { kind: 'namespace', name: 'sandbox' },
        to: { kind: 'workload', workload: w(ws, 'store/web') },
        ports: null,
      }),
    );
    const v = verdict(next.ws, 'sandbox/experiment', 'store/web', 8080);
    expect(v.allowed).toBe(true);
    expect(v.ingress.tier).toBe('Admin');
  });

  it('a Pass hands the flow to NetworkPolicy, then Baseline', () => {
    // batch → store/web: batch-to-app-teams already passes; store/web has no NetworkPolicy, so the
    // Baseline deny decides. A Pass for sandbox → api makes api's NetworkPolicy decide instead.
    const next = after(
      text,
      ws,
      addClusterRule(text, ws, {
        tier: 'Admin',
        action: 'Pass',
        from: { kind: 'workload', workload: w(ws, 'sandbox/experiment') },
        to: { kind: 'workload', workload: w(ws, 'store/api') },
        ports: null,
      }),
    );
    const v = verdict(next.ws, 'sandbox/experiment', 'store/api', 8000);
    expect(v.ingress.tier).toBe('NetworkPolicy');
    expect(v.ingress.clusterMatches[0]?.action).toBe('Pass');
  });

  it('toward an external network it is an egress rule of the source, with networks', () => {
    const r = addClusterRule(text, ws, {
      tier: 'Admin',
      action: 'Deny',
      from: { kind: 'workload', workload: w(ws, 'store/web') },
      to: { kind: 'external', cidr: '10.0.0.0/8' },
      ports: [{ protocol: 'TCP', port: 443, endPort: 445 }],
    });
    const next = after(text, ws, r);
    const p = next.ws.clusterPolicies?.find((x) => x.name === 'deny-web-to-10-0-0-0-8');
    expect(p?.egress[0]?.peers).toEqual([{ kind: 'networks', cidrs: ['10.0.0.0/8'] }]);
    expect(p?.egress[0]?.ports).toEqual([{ kind: 'port', protocol: 'TCP', start: 443, end: 445 }]);
    const v = evaluateFlow(next.index, {
      from: { kind: 'workload', workload: w(next.ws, 'store/web') },
      to: { kind: 'external', ip: '10.1.2.3' },
      port: 444,
      protocol: 'TCP',
    });
    expect(v.egress).toMatchObject({ allowed: false, tier: 'Admin' });
  });

  it('refuses what v1alpha2 cannot say, without an edit', () => {
    const r = addClusterRule(text, ws, {
      tier: 'Admin',
      action: 'Deny',
      from: { kind: 'external', cidr: '10.0.0.0/8' },
      to: { kind: 'workload', workload: w(ws, 'store/web') },
      ports: null,
    });
    expect(r).toEqual({ error: expect.stringMatching(/cannot name networks as ingress peers/) });
  });

  it('names never collide and priorities are never shared', () => {
    const intent = {
      tier: 'Admin' as const,
      action: 'Deny' as const,
      from: { kind: 'workload' as const, workload: w(ws, 'store/web') },
      to: { kind: 'workload' as const, workload: w(ws, 'store/api') },
      ports: null,
    };
    const one = after(text, ws, addClusterRule(text, ws, intent));
    const two = after(one.text, one.ws, addClusterRule(one.text, one.ws, intent));
    const admin = two.ws.clusterPolicies!.filter((p) => p.tier === 'Admin');
    expect(new Set(admin.map((p) => p.name)).size).toBe(admin.length);
    expect(new Set(admin.map((p) => p.priority)).size).toBe(admin.length);
    expect(newClusterPriority(read(''), 'Admin')).toBe(10);
    expect(newClusterPriority(read(''), 'Baseline')).toBe(100);
  });
});

describe('addBaselineDefaultDeny', () => {
  const text = CLUSTER_TIERS_YAML.replace(/# Baseline tier[\s\S]*$/, '');
  const ws = read(text);

  it('denies ingress the tiers before it leave open, and NetworkPolicy still decides first', () => {
    expect(verdict(ws, 'batch/reports', 'metrics/prometheus', 9090).allowed).toBe(true);
    const r = addBaselineDefaultDeny(text, ws, 'metrics', 'ingress');
    const next = after(text, ws, r);
    const v = verdict(next.ws, 'batch/reports', 'metrics/prometheus', 9090);
    expect(v.allowed).toBe(false);
    expect(v.ingress.tier).toBe('Baseline');
    // store/api is isolated by its NetworkPolicy: web → api is still allowed by it.
    expect(verdict(next.ws, 'store/web', 'store/api', 8000).ingress.tier).toBe('NetworkPolicy');
    // A second time changes nothing.
    const again = addBaselineDefaultDeny(next.text, next.ws, 'metrics', 'ingress');
    expect(again).toMatchObject({ edits: [] });
  });

  it('an egress default deny keeps DNS unless told not to', () => {
    const withDns = after(text, ws, addBaselineDefaultDeny(text, ws, 'store', 'egress'));
    const p = withDns.ws.clusterPolicies!.find((x) => x.name === 'baseline-deny-egress-store')!;
    expect(p.egress.map((r) => r.action)).toEqual(['Accept', 'Deny']);
    expect(verdict(withDns.ws, 'store/web', 'batch/reports', 8080).egress.tier).toBe('Baseline');
    const without = after(
      text,
      ws,
      addBaselineDefaultDeny(text, ws, 'store', 'egress', { withDns: false }),
    );
    expect(
      without.ws.clusterPolicies!.find((x) => x.name === 'baseline-deny-egress-store')!.egress,
    ).toHaveLength(1);
  });
});

describe('removeBaselineDefaultDeny', () => {
  const text = CLUSTER_TIERS_YAML.replace(/# Baseline tier[\s\S]*$/, '');
  const ws = read(text);

  it('removes the policy the app wrote, back to the text before it, and the flows reopen', () => {
    const added = after(text, ws, addBaselineDefaultDeny(text, ws, 'store', 'egress'));
    expect(baselineDenyPolicies(added.ws, 'store', 'egress').map((p) => p.name)).toEqual([
      'baseline-deny-egress-store',
    ]);
    expect(baselineDenyPolicies(added.ws, 'store', 'ingress')).toEqual([]);
    const r = removeBaselineDefaultDeny(added.text, added.ws, 'store', 'egress');
    if ('error' in r) throw new Error(r.error);
    const back = applyEdits(added.text, r.edits);
    expect(back).toBe(text);
    expect(r.summary).toMatch(/removed ClusterNetworkPolicy baseline-deny-egress-store/);
    expect(verdict(read(back), 'store/web', 'batch/reports', 8080).allowed).toBe(true);
    // Nothing left to remove: no edit, and it says so.
    expect(removeBaselineDefaultDeny(back, read(back), 'store', 'egress')).toEqual({
      edits: [],
      summary: 'store has no Baseline default deny for egress',
    });
  });

  it("keeps the other rules of an admin's own Baseline policy, byte for byte", () => {
    const own = `${text}---
# Baseline for metrics, written by hand.
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: metrics-baseline
spec:
  tier: Baseline
  priority: 50
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: metrics
  ingress:
    - name: ops-in # from ops
      action: Accept
      from:
        - namespaces:
            matchLabels:
              env: ops
    - name: the-rest
      action: Deny
      from:
        - namespaces: {}
  egress:
    - action: Deny
      to:
        - networks: [10.0.0.0/8]
`;
    const ows = read(own);
    expect(baselineDenyPolicies(ows, 'metrics', 'ingress').map((p) => p.name)).toEqual([
      'metrics-baseline',
    ]);
    const r = removeBaselineDefaultDeny(own, ows, 'metrics', 'ingress');
    if ('error' in r) throw new Error(r.error);
    const next = applyEdits(own, r.edits);
    expect(next).toBe(
      own.replace(
        '    - name: the-rest\n      action: Deny\n      from:\n        - namespaces: {}\n',
        '',
      ),
    );
    expect(baselineDenyPolicies(read(next), 'metrics', 'ingress')).toEqual([]);
  });
});
