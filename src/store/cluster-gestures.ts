// Cluster policy gestures as one undoable edit each (drawn edge → Admin Deny/Accept/Pass, its
// removal, a namespace's Baseline default deny and its removal, the v1alpha1 → v1alpha2
// migration), with the preview the
// popover shows: which flows the edit turns from allowed to denied and back, found by evaluating
// the workspace before and after the edit with the engine.
import type { PolicyPort, Protocol, Workload } from '../model/types.ts';
import type { ClusterRuleAction, ClusterTier } from '../model/types.ts';
import { buildEngineIndex, evaluateFlow } from '../engine/evaluate.ts';
import type { EngineIndex } from '../engine/evaluate.ts';
import { withInferred } from '../model/infer-workloads.ts';
import { locate, readWorkspace } from '../yaml/read-workspace.ts';
import { placedRange } from '../model/source-place.ts';
import type { TextRange } from '../model/types.ts';
import type { ParsedText } from './parse-text.ts';
import { applyEdits } from '../yaml/edit.ts';
import {
  addBaselineDefaultDeny,
  addClusterRule,
  baselineDenyPolicies,
  removeBaselineDefaultDeny,
} from '../authoring/cluster-rule.ts';
import { removeClusterRule } from '../authoring/remove-cluster-rule.ts';
import type { ClusterRuleRef } from '../authoring/remove-cluster-rule.ts';
import type { ClusterEnd, ClusterRuleIntent } from '../authoring/cluster-rule.ts';
import { migrateAdminPolicy } from '../authoring/migrate-admin-policy.ts';
import type { GestureResult } from '../authoring/policy-text.ts';
import { workspaceStore } from './workspace-store.ts';
import type { CanvasModel } from './canvas-model.ts';

export interface ClusterDraw {
  /** Canvas node ids. */
  readonly source: string;
  readonly target: string;
  readonly port: PolicyPort | null;
  readonly tier: ClusterTier;
  readonly action: ClusterRuleAction;
}

export interface FlowChange {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
  /** The verdict after the edit. */
  readonly allowed: boolean;
}

export interface ClusterPreview {
  readonly error?: string;
  /** Flows between workloads, at the destination's declared ports, whose verdict the edit flips. */
  readonly changes: readonly FlowChange[];
  readonly notes: readonly string[];
  /** What the edit does, in words (set by the removals, whose button only says "Remove"). */
  readonly summary?: string;
}

/** Above this many flows to compare, the preview says it did not count them. */
const MAX_PREVIEW_FLOWS = 20_000;

function endOf(model: CanvasModel, id: string): ClusterEnd | null {
  const d = model.graph.nodeById.get(id)?.data;
  if (!d) return null;
  if (d.kind === 'workload') return { kind: 'workload', workload: d.workload };
  if (d.kind === 'namespace') return { kind: 'namespace', name: d.name };
  return d.cidr === null ? null : { kind: 'external', cidr: d.cidr };
}

function intentOf(model: CanvasModel, draw: ClusterDraw): ClusterRuleIntent | string {
  const from = endOf(model, draw.source);
  const to = endOf(model, draw.target);
  if (!from || !to)
    return 'Draw a cluster rule between workloads, namespaces or external networks (CIDRs).';
  return {
    tier: draw.tier,
    action: draw.action,
    from,
    to,
    ports: draw.port ? [draw.port] : null,
  };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function verdictOf(index: EngineIndex, a: Workload, b: Workload, port: number, protocol: Protocol) {
  return evaluateFlow(index, {
    from: { kind: 'workload', workload: a },
    to: { kind: 'workload', workload: b },
    port,
    protocol,
  }).allowed;
}

/** The flows between workloads (at declared ports) whose verdict differs after the edits. */
export function changedFlows(model: CanvasModel, result: GestureResult): ClusterPreview {
  if ('error' in result) return { error: result.error, changes: [], notes: [] };
  if (result.edits.length === 0) return { changes: [], notes: [result.summary] };
  const workloads = model.workspace.workloads;
  const total = workloads.length * workloads.reduce((n, w) => n + w.ports.length, 0);
  if (total > MAX_PREVIEW_FLOWS)
    return { changes: [], notes: ['Too many flows to preview here: probe a flow after the edit.'] };
  const parsed = workspaceStore.getState().lastValid;
  const next = withInferred(readWorkspace(applyEdits(parsed.text, result.edits)));
  const after = buildEngineIndex(next);
  const nextById = new Map(next.workloads.map((w) => [w.id, w]));
  const changes: FlowChange[] = [];
  for (const a of workloads) {
    for (const b of workloads) {
      if (a === b) continue;
      const a2 = nextById.get(a.id);
      const b2 = nextById.get(b.id);
      if (!a2 || !b2) continue;
      for (const p of b.ports) {
        const was = verdictOf(model.index, a, b, p.port, p.protocol);
        const now = verdictOf(after, a2, b2, p.port, p.protocol);
        if (was !== now)
          changes.push({ from: a.id, to: b.id, port: p.port, protocol: p.protocol, allowed: now });
      }
    }
  }
  const denied = changes.filter((c) => !c.allowed);
  const allowed = changes.filter((c) => c.allowed);
  const list = (cs: readonly FlowChange[]) =>
    cs
      .slice(0, 3)
      .map((c) => `${c.from} → ${c.to} ${c.protocol} ${c.port}`)
      .join(', ') + (cs.length > 3 ? `, +${cs.length - 3} more` : '');
  const notes: string[] = [];
  if (denied.length > 0)
    notes.push(`${plural(denied.length, 'flow')} allowed now will be denied: ${list(denied)}.`);
  if (allowed.length > 0)
    notes.push(`${plural(allowed.length, 'flow')} denied now will be allowed: ${list(allowed)}.`);
  if (changes.length === 0) notes.push('No flow between workloads changes verdict.');
  return { changes, notes };
}

function drawResult(model: CanvasModel, draw: ClusterDraw): GestureResult {
  const intent = intentOf(model, draw);
  if (typeof intent === 'string') return { error: intent };
  const parsed = workspaceStore.getState().lastValid;
  return addClusterRule(parsed.text, parsed.result, intent);
}

export function previewClusterRule(model: CanvasModel, draw: ClusterDraw): ClusterPreview {
  return changedFlows(model, drawResult(model, draw));
}

function apply(result: GestureResult, label: string): boolean {
  const store = workspaceStore.getState();
  if ('error' in result) {
    store.notify(result.error, 'error');
    return false;
  }
  if (result.edits.length === 0) {
    store.notify(result.summary || 'Nothing to change.');
    return true;
  }
  const done = store.applyEdits(result.edits, label);
  if (done) store.notify(result.summary);
  return done;
}

export function addClusterRuleOnCanvas(model: CanvasModel, draw: ClusterDraw): boolean {
  const what =
    draw.tier === 'Admin' && draw.action === 'Pass' ? 'Pass' : `${draw.tier} ${draw.action}`;
  return apply(drawResult(model, draw), `Add ${what}`);
}

function baselineResult(namespace: string, direction: 'ingress' | 'egress', withDns: boolean) {
  const parsed = workspaceStore.getState().lastValid;
  return addBaselineDefaultDeny(parsed.text, parsed.result, namespace, direction, { withDns });
}

export function previewBaselineDeny(
  model: CanvasModel,
  namespace: string,
  direction: 'ingress' | 'egress',
  withDns = true,
): ClusterPreview {
  return changedFlows(model, baselineResult(namespace, direction, withDns));
}

export function addBaselineDeny(
  namespace: string,
  direction: 'ingress' | 'egress',
  withDns = true,
): boolean {
  return apply(
    baselineResult(namespace, direction, withDns),
    `Baseline default deny ${direction} in ${namespace}`,
  );
}

/** Rewrites a v1alpha1 Admin/BaselineAdminNetworkPolicy as a v1alpha2 ClusterNetworkPolicy. */
export function migrateClusterPolicy(id: string): boolean {
  const parsed = workspaceStore.getState().lastValid;
  const policy = parsed.result.clusterPolicies?.find((p) => p.id === id);
  if (!policy) {
    workspaceStore.getState().notify(`${id} is no longer in the text.`, 'error');
    return false;
  }
  const r = migrateAdminPolicy(parsed.text, parsed.result, policy);
  return apply(
    'error' in r ? r : { edits: [r.edit], summary: r.summary },
    `Migrate ${policy.name} to v1alpha2`,
  );
}

/** The rule (or peer, or CIDR) of a cluster policy that a canvas edge stands for, or null. */
export function clusterEdgeRef(model: CanvasModel, edgeId: string): ClusterRuleRef | null {
  const edge = model.graph.edgeById.get(edgeId);
  if (!edge?.data.cluster) return null;
  const { policyId, direction, ruleIndex, peerIndex } = edge.data;
  const end = model.graph.nodeById.get(direction === 'ingress' ? edge.source : edge.target)?.data;
  const cidr = end?.kind === 'external' && end.cidr !== null ? end.cidr : undefined;
  return { policyId, direction, ruleIndex, peerIndex, ...(cidr ? { cidr } : {}) };
}

function removalResult(model: CanvasModel, edgeId: string): GestureResult {
  const ref = clusterEdgeRef(model, edgeId);
  if (!ref) return { error: 'That cluster policy rule is no longer on the canvas.' };
  const parsed = workspaceStore.getState().lastValid;
  return removeClusterRule(parsed.text, parsed.result, ref);
}

const withSummary = (model: CanvasModel, r: GestureResult): ClusterPreview => ({
  ...changedFlows(model, r),
  ...('error' in r ? {} : { summary: r.summary }),
});

/** What removing the rule an edge stands for removes, and the flows it flips. */
export function previewRemoveClusterEdge(model: CanvasModel, edgeId: string): ClusterPreview {
  return withSummary(model, removalResult(model, edgeId));
}

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;

/** Applies a removal as one undo step; the notice says what went and which flows flip. */
function applyRemoval(model: CanvasModel, result: GestureResult, label: string): boolean {
  const store = workspaceStore.getState();
  if ('error' in result || result.edits.length === 0) return apply(result, label);
  const { notes } = changedFlows(model, result);
  const done = store.applyEdits(result.edits, label);
  if (done) store.notify(`${sentence(result.summary)} ${notes.join(' ')}`);
  return done;
}

/** Removes the peer (or rule, or policy) a cluster policy edge stands for: Delete, or the button. */
export function removeClusterEdge(model: CanvasModel, edgeId: string): boolean {
  const ref = clusterEdgeRef(model, edgeId);
  return applyRemoval(
    model,
    removalResult(model, edgeId),
    `Remove cluster rule of ${ref?.policyId ?? 'a cluster policy'}`,
  );
}

/** The names of the namespace's Baseline default deny policies for `direction` (none: []). */
export function baselineDenyNames(
  model: CanvasModel,
  namespace: string,
  direction: 'ingress' | 'egress',
): string[] {
  return baselineDenyPolicies(model.workspace, namespace, direction).map((p) => p.name);
}

function baselineRemoval(namespace: string, direction: 'ingress' | 'egress'): GestureResult {
  const parsed = workspaceStore.getState().lastValid;
  return removeBaselineDefaultDeny(parsed.text, parsed.result, namespace, direction);
}

export function previewRemoveBaselineDeny(
  model: CanvasModel,
  namespace: string,
  direction: 'ingress' | 'egress',
): ClusterPreview {
  return withSummary(model, baselineRemoval(namespace, direction));
}

export function removeBaselineDeny(
  model: CanvasModel,
  namespace: string,
  direction: 'ingress' | 'egress',
): boolean {
  return applyRemoval(
    model,
    baselineRemoval(namespace, direction),
    `Remove Baseline default deny ${direction} in ${namespace}`,
  );
}

/** A v1alpha1 policy in the text, with where its kind is written and whether it can migrate. */
export interface MigrationOffer {
  readonly id: string;
  readonly name: string;
  readonly message: string;
  readonly range: TextRange;
  /** Why the one-click migration cannot rewrite it as it stands, or null. */
  readonly blocked: string | null;
}

const offersOf = new WeakMap<ParsedText, readonly MigrationOffer[]>();

/**
 * Each v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy of a parse, as a warning the
 * Problems list and the text show with a one-click migration to v1alpha2.
 */
export function migrationOffers(parsed: ParsedText): readonly MigrationOffer[] {
  const known = offersOf.get(parsed);
  if (known) return known;
  const offers: MigrationOffer[] = [];
  for (const p of parsed.result.clusterPolicies ?? []) {
    if (p.kind === 'ClusterNetworkPolicy' || !p.source) continue;
    const range = locate(parsed.result, p.source, 'kind') ?? placedRange(parsed.result, p.source);
    const r = migrateAdminPolicy(parsed.text, parsed.result, p);
    offers.push({
      id: p.id,
      name: p.name,
      range,
      blocked: 'error' in r ? r.error : null,
      message: `${p.kind} ${p.name} uses ${p.apiVersion}, which is deprecated: ClusterNetworkPolicy v1alpha2 (${p.tier} tier) replaces it.`,
    });
  }
  offersOf.set(parsed, offers);
  return offers;
}
