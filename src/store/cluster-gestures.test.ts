// The cluster gestures against the app's store: the preview lists exactly the flows the edit
// flips (checked against the engine after the edit), and applying is one undoable step.
import { beforeEach, describe, expect, it } from 'vitest';
import { workspaceStore } from './workspace-store.ts';
import { canvasModelOf, verdictBetween } from './canvas-model.ts';
import {
  addBaselineDeny,
  addClusterRuleOnCanvas,
  baselineDenyNames,
  migrateClusterPolicy,
  migrationOffers,
  previewBaselineDeny,
  previewClusterRule,
  previewRemoveBaselineDeny,
  previewRemoveClusterEdge,
  removeBaselineDeny,
} from './cluster-gestures.ts';
import { deleteEdge } from './gestures.ts';
import { CLUSTER_TIERS_YAML } from '../ui/examples/cluster-tiers.ts';

const model = () => canvasModelOf(workspaceStore.getState().lastValid.workspace);
const allowed = (from: string, to: string, port: number) =>
  verdictBetween(model(), from, to, port, 'TCP')?.allowed;

beforeEach(() => {
  workspaceStore.getState().newWorkspace(CLUSTER_TIERS_YAML);
});

describe('cluster rule drawn on the canvas', () => {
  const draw = {
    source: 'store/web',
    target: 'store/api',
    port: null,
    tier: 'Admin' as const,
    action: 'Deny' as const,
  };

  it('previews the flows it denies, and applying denies exactly those', () => {
    const preview = previewClusterRule(model(), draw);
    expect(preview.error).toBeUndefined();
    expect(preview.changes).toEqual([
      { from: 'store/web', to: 'store/api', port: 8000, protocol: 'TCP', allowed: false },
    ]);
    expect(preview.notes).toEqual([
      '1 flow allowed now will be denied: store/web → store/api TCP 8000.',
    ]);
    expect(allowed('store/web', 'store/api', 8000)).toBe(true);
    expect(addClusterRuleOnCanvas(model(), draw)).toBe(true);
    expect(allowed('store/web', 'store/api', 8000)).toBe(false);
    // One undo step restores the text.
    workspaceStore.temporal.getState().undo();
    expect(workspaceStore.getState().text).toBe(CLUSTER_TIERS_YAML);
  });

  it('an Admin Accept from sandbox previews the flows it opens', () => {
    const preview = previewClusterRule(model(), {
      ...draw,
      source: 'ns:sandbox',
      target: 'store/web',
      action: 'Accept',
    });
    expect(preview.changes.map((c) => [c.from, c.to, c.allowed])).toEqual([
      ['sandbox/experiment', 'store/web', true],
    ]);
  });

  it('an edge toward the "anywhere" node is refused with a reason', () => {
    const preview = previewClusterRule(model(), { ...draw, target: 'ext:cluster' });
    expect(preview.error).toMatch(/between workloads, namespaces or external networks/);
  });
});

describe('Baseline default deny for a namespace', () => {
  it('previews and denies ingress no other tier decides', () => {
    const preview = previewBaselineDeny(model(), 'metrics', 'ingress');
    // The example's baseline-deny already denies ingress to every pod: nothing changes.
    expect(preview.changes).toEqual([]);
    workspaceStore
      .getState()
      .newWorkspace(CLUSTER_TIERS_YAML.replace(/# Baseline tier[\s\S]*$/, ''));
    const next = previewBaselineDeny(model(), 'metrics', 'ingress');
    expect(next.changes.map((c) => c.to).every((to) => to === 'metrics/prometheus')).toBe(true);
    expect(next.changes.length).toBe(4);
    expect(addBaselineDeny('metrics', 'ingress')).toBe(true);
    expect(allowed('store/web', 'metrics/prometheus', 9090)).toBe(false);
  });
});

describe('v1alpha1 migration', () => {
  it('rewrites an AdminNetworkPolicy as a ClusterNetworkPolicy with the same verdicts', () => {
    workspaceStore.getState().newWorkspace(
      `${CLUSTER_TIERS_YAML}---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: old-guard}
spec:
  priority: 5
  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: batch}}}
  ingress:
    - action: Deny
      from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: store}}}]
`,
    );
    expect(allowed('store/web', 'batch/reports', 8080)).toBe(false);
    expect(migrateClusterPolicy('AdminNetworkPolicy/old-guard')).toBe(true);
    const text = workspaceStore.getState().text;
    expect(text).toContain('kind: ClusterNetworkPolicy\nmetadata:\n  name: old-guard');
    expect(text).not.toContain('AdminNetworkPolicy');
    expect(allowed('store/web', 'batch/reports', 8080)).toBe(false);
    expect(
      verdictBetween(model(), 'store/web', 'batch/reports', 8080, 'TCP')?.ingress.clusterMatches[0]
        ?.policy,
    ).toBe('old-guard');
  });
});

describe('removing a cluster policy rule from the canvas', () => {
  const edgeOf = (policyId: string) => {
    const e = model().graph.edges.find((x) => x.data.cluster && x.data.policyId === policyId);
    if (!e) throw new Error(`no edge of ${policyId}`);
    return e.id;
  };

  it('previews the flows the removal opens, and Delete removes exactly that in one undo step', () => {
    const id = edgeOf('allow-metrics');
    const preview = previewRemoveClusterEdge(model(), id);
    expect(preview.error).toBeUndefined();
    expect(preview.summary).toBe(
      'removed ClusterNetworkPolicy allow-metrics, which held only ingress rule 1 (scrape)',
    );
    // Without the Admin Accept, api's NetworkPolicy decides: Prometheus may no longer scrape it.
    expect(preview.changes).toEqual([
      { from: 'metrics/prometheus', to: 'store/api', port: 8000, protocol: 'TCP', allowed: false },
    ]);
    expect(allowed('metrics/prometheus', 'store/api', 8000)).toBe(true);
    deleteEdge(id);
    expect(allowed('metrics/prometheus', 'store/api', 8000)).toBe(false);
    const { text, notice } = workspaceStore.getState();
    expect(text).not.toContain('name: allow-metrics');
    expect(notice?.message).toMatch(/allow-metrics.*1 flow allowed now will be denied/);
    workspaceStore.temporal.getState().undo();
    expect(workspaceStore.getState().text).toBe(CLUSTER_TIERS_YAML);
  });

  it('a drawn rule removed again leaves the text as it was', () => {
    const draw = {
      source: 'store/web',
      target: 'store/api',
      port: null,
      tier: 'Admin' as const,
      action: 'Deny' as const,
    };
    expect(addClusterRuleOnCanvas(model(), draw)).toBe(true);
    deleteEdge(edgeOf('deny-web-to-api'));
    expect(workspaceStore.getState().text).toBe(CLUSTER_TIERS_YAML);
    expect(allowed('store/web', 'store/api', 8000)).toBe(true);
  });
});

describe('removing a Baseline default deny', () => {
  it('shows it as present, previews the flows it reopens and removes it in one undo step', () => {
    const base = CLUSTER_TIERS_YAML.replace(/# Baseline tier[\s\S]*$/, '');
    workspaceStore.getState().newWorkspace(base);
    expect(baselineDenyNames(model(), 'metrics', 'ingress')).toEqual([]);
    expect(addBaselineDeny('metrics', 'ingress')).toBe(true);
    expect(baselineDenyNames(model(), 'metrics', 'ingress')).toEqual([
      'baseline-deny-ingress-metrics',
    ]);
    const preview = previewRemoveBaselineDeny(model(), 'metrics', 'ingress');
    expect(preview.changes.length).toBe(4);
    expect(preview.changes.every((c) => c.to === 'metrics/prometheus' && c.allowed)).toBe(true);
    const before = workspaceStore.getState().text;
    expect(removeBaselineDeny(model(), 'metrics', 'ingress')).toBe(true);
    expect(workspaceStore.getState().text).toBe(base);
    expect(baselineDenyNames(model(), 'metrics', 'ingress')).toEqual([]);
    expect(allowed('store/web', 'metrics/prometheus', 9090)).toBe(true);
    workspaceStore.temporal.getState().undo();
    expect(workspaceStore.getState().text).toBe(before);
  });
});

describe('migration offers for the Problems list and the text', () => {
  it('warns at each v1alpha1 kind, offers what can migrate, and none once migrated', () => {
    const v1 = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: old-guard
spec:
  priority: 5
  subject:
    namespaces: {}
  ingress:
    - action: Deny
      from:
        - namespaces:
            namespaceSelector: {}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: same
spec:
  priority: 6
  subject:
    namespaces: {}
  ingress:
    - action: Deny
      from:
        - namespaces:
            sameLabels: [tenant]
`;
    workspaceStore.getState().newWorkspace(v1);
    const offers = migrationOffers(workspaceStore.getState().parsed);
    expect(offers.map((o) => [o.id, o.range.line, o.range.column])).toEqual([
      ['AdminNetworkPolicy/old-guard', 2, 1],
      ['AdminNetworkPolicy/same', 16, 1],
    ]);
    expect(offers[0]?.message).toBe(
      'AdminNetworkPolicy old-guard uses policy.networking.k8s.io/v1alpha1, which is deprecated: ClusterNetworkPolicy v1alpha2 (Admin tier) replaces it.',
    );
    expect(offers[0]?.blocked).toBeNull();
    expect(offers[1]?.blocked).toMatch(/sameLabels/);
    expect(migrateClusterPolicy('AdminNetworkPolicy/old-guard')).toBe(true);
    expect(migrationOffers(workspaceStore.getState().parsed).map((o) => o.id)).toEqual([
      'AdminNetworkPolicy/same',
    ]);
  });
});
