// Shared steps of the gestures: write a changed policy back into its own document, append new
// ones, and pick labels that select exactly one workload.
import type { LabelSelector, NetworkPolicy, TextEdit, Workload } from '../model/types.ts';
import { labelsFrom, matchesSelector } from '../model/selector.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { appendDocument, removeDocument, replaceDocument } from '../yaml/edit.ts';
import { serializePolicy } from '../yaml/serialize.ts';

export type GestureResult =
  { readonly edits: readonly TextEdit[]; readonly summary: string } | { readonly error: string };

/** Replaces a policy's document with its new form; List items are not rewritten in place. */
export function rewritePolicy(
  text: string,
  policy: NetworkPolicy,
  next: NetworkPolicy,
): TextEdit | { error: string } {
  if (!policy.source) return { error: `${policy.id} has no place in the text` };
  if (policy.source.objectPath !== '') {
    return {
      error: `${policy.id} is an item of a List; edit it in the YAML, or split the List into documents`,
    };
  }
  const edit = replaceDocument(text, policy.source.document, serializePolicy(next));
  return edit ?? { error: `document ${policy.source.document + 1} of ${policy.id} was not found` };
}

export function removePolicy(text: string, policy: NetworkPolicy): TextEdit | { error: string } {
  if (!policy.source || policy.source.objectPath !== '')
    return { error: `${policy.id} is not a document of its own` };
  return removeDocument(text, policy.source.document) ?? { error: `${policy.id} was not found` };
}

/** One edit appending every new policy at the end of the text. */
export function appendPolicies(text: string, policies: readonly NetworkPolicy[]): TextEdit | null {
  if (policies.length === 0) return null;
  return appendDocument(text, policies.map(serializePolicy).join('---\n'));
}

export function newPolicy(
  namespace: string,
  name: string,
  podSelector: LabelSelector,
  types: { ingress: boolean; egress: boolean },
): NetworkPolicy {
  return {
    id: `${namespace}/${name}`,
    name,
    namespace,
    namespaceAssumed: false,
    podSelector,
    policyTypes: types,
    policyTypesDefaulted: false,
    ingress: [],
    egress: [],
    valid: true,
  };
}

/** A name not yet used in the namespace: `base`, `base-2`, … (DNS-1123, at most 253 characters). */
export function uniqueName(
  ws: ReadResult,
  namespace: string,
  base: string,
  taken: readonly string[] = [],
): string {
  const clean =
    base
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 240) || 'policy';
  const used = new Set([
    ...ws.policies.filter((p) => p.namespace === namespace).map((p) => p.name),
    ...taken,
  ]);
  if (!used.has(clean)) return clean;
  for (let i = 2; ; i++) if (!used.has(`${clean}-${i}`)) return `${clean}-${i}`;
}

export function selectorOf(labels: Readonly<Record<string, string>>): LabelSelector {
  return { matchLabels: labelsFrom(Object.entries(labels)), matchExpressions: [] };
}

/**
 * The smallest set of the workload's labels that selects it and no other workload of its
 * namespace; `exact: false` when even all its labels also select others.
 */
export function exactLabels(
  w: Workload,
  all: readonly Workload[],
): { selector: LabelSelector; exact: boolean } {
  const neighbours = all.filter((o) => o !== w && o.id !== w.id && o.namespace === w.namespace);
  const keys = Object.keys(w.labels).sort();
  const pick = (subset: readonly string[]) =>
    selectorOf(Object.fromEntries(subset.map((k) => [k, w.labels[k] as string])));
  // Subsets by growing size; label sets are small, and the search stops at 6 keys.
  const limit = Math.min(keys.length, 6);
  for (let size = 1; size <= limit; size++) {
    for (const subset of combinations(keys, size)) {
      const s = pick(subset);
      if (!neighbours.some((o) => matchesSelector(o.labels, s)))
        return { selector: s, exact: true };
    }
  }
  return {
    selector: pick(keys),
    exact: keys.length > 0 && !neighbours.some((o) => matchesSelector(o.labels, pick(keys))),
  };
}

function* combinations(
  items: readonly string[],
  size: number,
  start = 0,
  acc: string[] = [],
): Generator<string[]> {
  if (acc.length === size) {
    yield [...acc];
    return;
  }
  for (let i = start; i < items.length; i++) {
    acc.push(items[i] as string);
    yield* combinations(items, size, i + 1, acc);
    acc.pop();
  }
}

/** Structural equality of plain data, whatever the order of object keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

/** Whether two selectors are written the same (order of matchLabels keys aside). */
export function sameSelector(a: LabelSelector, b: LabelSelector): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(s: LabelSelector) {
  return {
    l: Object.keys(s.matchLabels)
      .sort()
      .map((k) => [k, s.matchLabels[k]]),
    e: s.matchExpressions.map((e) => [e.key, e.operator, [...e.values].sort()]),
  };
}
