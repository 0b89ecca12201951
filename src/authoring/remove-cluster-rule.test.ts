// Removing a cluster policy rule drawn on the canvas: the peer, the rule, the direction's list or
// the whole policy goes, exactly that is cut from the text (comments and other rules keep their
// bytes, other documents too), and the engine's verdicts follow.
import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { applyEdits } from '../yaml/edit.ts';
import { buildEngineIndex, evaluateFlow } from '../engine/evaluate.ts';
import type { Workload } from '../model/types.ts';
import { CLUSTER_TIERS_YAML } from '../ui/examples/cluster-tiers.ts';
import { planRemoval, removeClusterRule } from './remove-cluster-rule.ts';
import { splitDocuments } from '../yaml/split-documents.ts';
import type { ClusterRuleRef } from './remove-cluster-rule.ts';

function apply(text: string, ref: ClusterRuleRef) {
  const ws = readWorkspace(text);
  const r = removeClusterRule(text, ws, ref);
  if ('error' in r) throw new Error(r.error);
  const next = applyEdits(text, r.edits);
  const nws = readWorkspace(next);
  expect(nws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { text: next, ws: nws, summary: r.summary };
}

function verdict(ws: ReadResult, from: string, to: string, port: number) {
  const w = (id: string) => ws.workloads.find((x) => x.id === id) as Workload;
  return evaluateFlow(buildEngineIndex(ws), {
    from: { kind: 'workload', workload: w(from) },
    to: { kind: 'workload', workload: w(to) },
    port,
    protocol: 'TCP',
  });
}

const NS = (name: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
`;

const HAND_WRITTEN = `${NS('a')}---
# The platform team's guard. Keep the comments.
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: guard
  labels:
    team: platform
spec:
  tier: Admin
  priority: 5
  subject:
    namespaces: {}
  ingress:
    # first: no dev
    - name: no-dev
      action: Deny
      from:
        - namespaces:
            matchLabels:
              env: dev
        - namespaces:
            matchLabels:
              env: test # also test
    - name: ops-in
      action: Accept
      from:
        - namespaces:
            matchLabels:
              env: ops
  egress:
    - name: no-internet
      action: Deny
      to:
        - networks:
            - 0.0.0.0/0
            - ::/0
---
${NS('b')}`;

describe('removeClusterRule', () => {
  it('removes the policy an edge was the only rule of, every other byte kept', () => {
    const text = CLUSTER_TIERS_YAML;
    const before = verdict(readWorkspace(text), 'sandbox/experiment', 'batch/reports', 8080);
    expect(before.ingress.clusterMatches[0]?.policy).toBe('deny-dev-to-prod');
    const r = apply(text, {
      policyId: 'deny-dev-to-prod',
      direction: 'ingress',
      ruleIndex: 0,
      peerIndex: 0,
    });
    expect(r.ws.clusterPolicies?.map((p) => p.id)).not.toContain('deny-dev-to-prod');
    expect(r.summary).toMatch(/removed ClusterNetworkPolicy deny-dev-to-prod/);
    // The document is gone with its heading comment; the rest is the same text.
    const start = text.indexOf('# Admin tier: nothing from a dev');
    const end = text.indexOf('---\n# Admin tier: Prometheus');
    expect(r.text).toBe(text.slice(0, start) + text.slice(end + 4));
    // The Admin Deny no longer decides; the Baseline default deny of the example does.
    const now = verdict(r.ws, 'sandbox/experiment', 'batch/reports', 8080);
    expect(now.ingress.tier).toBe('Baseline');
    expect(now.ingress.clusterMatches.map((m) => m.policy)).not.toContain('deny-dev-to-prod');
  });

  it("cuts one peer out of a hand-written policy's rule and keeps everything else", () => {
    const r = apply(HAND_WRITTEN, {
      policyId: 'guard',
      direction: 'ingress',
      ruleIndex: 0,
      peerIndex: 1,
    });
    expect(r.text).toBe(
      HAND_WRITTEN.replace(
        `        - namespaces:
            matchLabels:
              env: test # also test
`,
        '',
      ),
    );
    expect(r.summary).toBe(
      'removed peer 2 of ingress rule 1 (no-dev) from ClusterNetworkPolicy guard',
    );
  });

  it('removes a rule whose one peer goes, and the list when it was the last rule', () => {
    const r = apply(HAND_WRITTEN, {
      policyId: 'guard',
      direction: 'ingress',
      ruleIndex: 1,
      peerIndex: 0,
    });
    expect(r.text).toBe(
      HAND_WRITTEN.replace(
        `    - name: ops-in
      action: Accept
      from:
        - namespaces:
            matchLabels:
              env: ops
`,
        '',
      ),
    );
    const egress = apply(HAND_WRITTEN, {
      policyId: 'guard',
      direction: 'egress',
      ruleIndex: 0,
      peerIndex: 0,
    });
    expect(egress.text).toBe(HAND_WRITTEN.replace(/ {2}egress:\n[\s\S]*?::\/0\n/, ''));
    expect(egress.ws.clusterPolicies?.[0]?.egress).toEqual([]);
    expect(egress.ws.clusterPolicies?.[0]?.ingress.length).toBe(2);
  });

  it('an edge to one network of a networks peer removes that CIDR only', () => {
    const r = apply(HAND_WRITTEN, {
      policyId: 'guard',
      direction: 'egress',
      ruleIndex: 0,
      peerIndex: 0,
      cidr: '::/0',
    });
    expect(r.text).toBe(HAND_WRITTEN.replace('            - ::/0\n', ''));
    expect(r.summary).toBe(
      'removed ::/0 of egress rule 1 (no-internet) from ClusterNetworkPolicy guard',
    );
  });

  it('keeps CRLF line breaks', () => {
    const crlf = HAND_WRITTEN.replace(/\n/g, '\r\n');
    const r = apply(crlf, { policyId: 'guard', direction: 'ingress', ruleIndex: 0, peerIndex: 0 });
    expect(r.text).not.toMatch(/[^\r]\n/);
    expect(r.ws.clusterPolicies?.[0]?.ingress[0]?.peers.length).toBe(1);
  });

  it('rewrites the spec of a flow-style v1alpha2 policy, metadata kept', () => {
    const text = `${NS('a')}---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: flow, annotations: {owner: me}}
spec: {tier: Admin, priority: 3, subject: {namespaces: {}}, ingress: [{action: Deny, from: [{namespaces: {matchLabels: {env: dev}}}, {namespaces: {matchLabels: {env: test}}}]}]}
`;
    const r = apply(text, { policyId: 'flow', direction: 'ingress', ruleIndex: 0, peerIndex: 0 });
    expect(r.text).toContain('metadata: {name: flow, annotations: {owner: me}}\nspec:\n');
    const p = r.ws.clusterPolicies?.[0];
    expect(p?.ingress[0]?.peers).toEqual([
      {
        kind: 'namespaces',
        namespaceSelector: { matchLabels: { env: 'test' }, matchExpressions: [] },
      },
    ]);
    expect(p?.priority).toBe(3);
  });

  it('cuts a v1alpha1 AdminNetworkPolicy in place, and refuses one it cannot cut', () => {
    const anp = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: old
spec:
  priority: 4
  subject:
    namespaces: {}
  ingress:
    - action: Allow
      from:
        - namespaces:
            namespaceSelector: {matchLabels: {env: ops}}
    - action: Deny
      from:
        - namespaces:
            namespaceSelector: {}
`;
    const r = apply(anp, {
      policyId: 'AdminNetworkPolicy/old',
      direction: 'ingress',
      ruleIndex: 1,
      peerIndex: 0,
    });
    expect(r.text).toBe(anp.replace(/ {4}- action: Deny[\s\S]*$/, ''));
    expect(r.ws.clusterPolicies?.[0]?.kind).toBe('AdminNetworkPolicy');
    const flow = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: old}
spec: {priority: 4, subject: {namespaces: {}}, ingress: [{action: Deny, from: [{namespaces: {namespaceSelector: {}}}, {pods: {namespaceSelector: {}, podSelector: {}}}]}]}
`;
    const refused = removeClusterRule(flow, readWorkspace(flow), {
      policyId: 'AdminNetworkPolicy/old',
      direction: 'ingress',
      ruleIndex: 0,
      peerIndex: 0,
    });
    expect(refused).toEqual({ error: expect.stringMatching(/migrate it to v1alpha2 first/) });
  });

  it('says what is wrong with a reference that no longer holds', () => {
    const ws = readWorkspace(HAND_WRITTEN);
    expect(
      removeClusterRule(HAND_WRITTEN, ws, {
        policyId: 'gone',
        direction: 'ingress',
        ruleIndex: 0,
        peerIndex: 0,
      }),
    ).toEqual({ error: 'no cluster policy gone' });
    expect(
      removeClusterRule(HAND_WRITTEN, ws, {
        policyId: 'guard',
        direction: 'egress',
        ruleIndex: 3,
        peerIndex: 0,
      }),
    ).toEqual({ error: 'guard has no egress rule 4' });
  });
});

describe('every rule and peer, removed one at a time', () => {
  it('changes only its own document, into exactly the planned policy', () => {
    for (const text of [CLUSTER_TIERS_YAML, HAND_WRITTEN]) {
      const ws = readWorkspace(text);
      const docs = (t: string) => splitDocuments(t).documents.map((d) => t.slice(d.start, d.end));
      for (const p of ws.clusterPolicies ?? []) {
        for (const direction of ['ingress', 'egress'] as const) {
          p[direction].forEach((rule, ruleIndex) => {
            for (const peerIndex of [null, ...rule.peers.keys()]) {
              const ref = { policyId: p.id, direction, ruleIndex, peerIndex };
              const plan = planRemoval(p, [ref]);
              if ('error' in plan) throw new Error(plan.error);
              const r = apply(text, ref);
              const emptied = plan.next.ingress.length === 0 && plan.next.egress.length === 0;
              const after = r.ws.clusterPolicies?.find((x) => x.id === p.id);
              if (emptied) expect(after).toBeUndefined();
              else
                expect(after && { i: after.ingress, e: after.egress }).toEqual({
                  i: plan.next.ingress,
                  e: plan.next.egress,
                });
              const others = (t: string, drop: boolean) =>
                docs(t).filter((_, i) => i !== p.source?.document || !drop);
              const before = others(text, true);
              const now = emptied ? docs(r.text) : others(r.text, true);
              expect(now).toEqual(before);
            }
          });
        }
      }
    }
  });
});
