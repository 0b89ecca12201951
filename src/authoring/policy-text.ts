// Shared steps of the gestures: write a changed policy back into its own document, append new
// ones, and pick labels that select exactly one workload.
import type { LabelSelector, NetworkPolicy, TextEdit, Workload } from '../model/types.ts';
import { labelsFrom, matchesSelector } from '../model/selector.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { appendDocument, detectEol, removeDocument, replaceDocument } from '../yaml/edit.ts';
import { mapEntry } from '../yaml/yaml-tree.ts';
import { serializePolicy } from '../yaml/serialize.ts';

export type GestureResult =
  { readonly edits: readonly TextEdit[]; readonly summary: string } | { readonly error: string };

/**
 * Writes a policy's new form into its own document. With the read result, only the `spec:` block
 * is replaced, so the rest of the document (comments heading it, `metadata` labels and
 * annotations, which the model does not carry) keeps its bytes; otherwise, or when `spec` is not
 * a top-level block entry, the whole document is. List items are not rewritten in place.
 */
export function rewritePolicy(
  text: string,
  policy: NetworkPolicy,
  next: NetworkPolicy,
  ws?: ReadResult,
): TextEdit | { error: string } {
  if (!policy.source) return { error: `${policy.id} has no place in the text` };
  if (policy.source.objectPath !== '') {
    return {
      error: `${policy.id} is an item of a List; edit it in the YAML, or split the List into documents`,
    };
  }
  const specOnly = ws && policy.name === next.name && policy.namespace === next.namespace;
  const edit = specOnly ? rewriteSpec(text, ws, policy.source.document, next) : null;
  if (edit) return edit;
  const whole = replaceDocument(text, policy.source.document, serializePolicy(next));
  return whole ?? { error: `document ${policy.source.document + 1} of ${policy.id} was not found` };
}

/** Replaces the `spec:` entry (key line to the end of its value's last line), or null. */
function rewriteSpec(
  text: string,
  ws: ReadResult,
  document: number,
  next: NetworkPolicy,
): TextEdit | null {
  const root = ws.stream.documents[document]?.root;
  if (root?.kind !== 'map' || root.flow || root.duplicates.length > 0) return null;
  const entry = mapEntry(root, 'spec');
  if (!entry || entry.key.kind !== 'scalar') return null;
  const lineStart = Math.max(text.lastIndexOf('\n', entry.key.start - 1) + 1, 0);
  // A top-level key, alone at the start of its line (not `--- spec:` or an indented map).
  if (text.slice(lineStart, entry.key.start).trim() !== '' || lineStart !== entry.key.start)
    return null;
  // Through the end of the value's last line: a trailing comment there belongs to the old spec.
  const lineEnd = /[^\r\n]*/y;
  lineEnd.lastIndex = entry.value.end;
  lineEnd.exec(text);
  const end = lineEnd.lastIndex;
  const canonical = serializePolicy(next);
  const at = canonical.search(/^spec:/m);
  if (at < 0) return null;
  const block = canonical.slice(at).replace(/\n$/, '');
  const eol = detectEol(text);
  return { start: lineStart, end, text: eol === '\n' ? block : block.replace(/\n/g, eol) };
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
