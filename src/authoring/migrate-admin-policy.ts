// The one-click migration of a v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy to a
// v1alpha2 ClusterNetworkPolicy: ANP priority → Admin tier, BANP → Baseline tier, Allow → Accept,
// `ports` → `protocols`, peers keep their selectors. One text edit of the policy's own document;
// every other document keeps its bytes.
import { load } from 'js-yaml';
import type { ClusterNetworkPolicy, TextEdit } from '../model/types.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { replaceDocument } from '../yaml/edit.ts';
import { serializeClusterPolicy } from '../yaml/serialize.ts';

/** v1alpha2 allows 25 rules per direction, 25 peers and 25 protocols per rule (v1alpha1: 100). */
const MAX = 25;
/** A BaselineAdminNetworkPolicy has no priority; the migrated Baseline policy comes last. */
export const MIGRATED_BASELINE_PRIORITY = 1000;

export type MigrationResult =
  | { readonly edit: TextEdit; readonly summary: string; readonly text: string }
  | { readonly error: string };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;

/** metadata.labels and annotations as written (string values only), or undefined. */
function stringMap(v: unknown): Obj | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const out = Object.create(null) as Obj;
  for (const [k, x] of Object.entries(o)) if (typeof x === 'string') out[k] = x;
  return Object.keys(out).length > 0 ? out : undefined;
}

function metadataOf(text: string, ws: ReadResult, document: number): Obj {
  const span = ws.documents[document];
  if (!span) return {};
  try {
    return obj(obj(load(text.slice(span.contentStart, span.end)))?.['metadata']) ?? {};
  } catch {
    return {};
  }
}

/** Why a v1alpha1 policy cannot be written as v1alpha2 as it stands, or null. */
function blocker(p: ClusterNetworkPolicy): string | null {
  for (const side of ['ingress', 'egress'] as const) {
    if (p[side].length > MAX)
      return `${p.id} has ${p[side].length} ${side} rules; a ClusterNetworkPolicy allows ${MAX}`;
    for (const [i, r] of p[side].entries()) {
      if (r.peers.length > MAX || (r.ports?.length ?? 0) > MAX)
        return `${side} rule ${i + 1} of ${p.id} has more than ${MAX} peers or ports; a ClusterNetworkPolicy allows ${MAX}`;
      if (r.peers.some((x) => x.kind === 'unknown'))
        return `${side} rule ${i + 1} of ${p.id} uses sameLabels/notSameLabels, which ClusterNetworkPolicy has no form for`;
    }
  }
  return null;
}

/**
 * The v1alpha2 text of a v1alpha1 Admin/BaselineAdminNetworkPolicy, as one edit of its document
 * (its labels and annotations kept), or why it cannot be migrated.
 */
export function migrateAdminPolicy(
  text: string,
  ws: ReadResult,
  policy: ClusterNetworkPolicy,
): MigrationResult {
  if (policy.kind === 'ClusterNetworkPolicy')
    return { error: `${policy.id} is already a ClusterNetworkPolicy` };
  if (!policy.source) return { error: `${policy.id} has no place in the text` };
  if (policy.source.objectPath !== '')
    return {
      error: `${policy.id} is an item of a List; split the List into documents to migrate it`,
    };
  const blocked = blocker(policy);
  if (blocked) return { error: blocked };
  const taken = (ws.clusterPolicies ?? []).find(
    (p) => p !== policy && p.kind === 'ClusterNetworkPolicy' && p.name === policy.name,
  );
  if (taken) return { error: `a ClusterNetworkPolicy named ${policy.name} already exists` };
  const migrated: ClusterNetworkPolicy = {
    ...policy,
    id: policy.name,
    kind: 'ClusterNetworkPolicy',
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    priority: policy.tier === 'Baseline' ? MIGRATED_BASELINE_PRIORITY : policy.priority,
  };
  const meta = metadataOf(text, ws, policy.source.document);
  const labels = stringMap(meta['labels']);
  const annotations = stringMap(meta['annotations']);
  const doc = serializeClusterPolicy(migrated, {
    ...(labels ? { labels } : {}),
    ...(annotations ? { annotations } : {}),
  });
  const edit = replaceDocument(text, policy.source.document, doc);
  if (!edit)
    return { error: `document ${policy.source.document + 1} of ${policy.id} was not found` };
  // Comment lines heading the document describe the policy: they stay above its new form.
  const heading =
    /^(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*/.exec(text.slice(edit.start, edit.end))?.[0] ?? '';
  return {
    edit: { ...edit, text: `${heading}${edit.text}` },
    text: doc,
    summary: `${policy.kind} ${policy.name} → ClusterNetworkPolicy ${policy.name} (${migrated.tier} tier, priority ${migrated.priority})`,
  };
}
