// Fields the API server writes (what `kubectl get -o yaml` prints) are not the author's intent:
// apply ignores or overwrites them, so they never make an object unreadable. They are reported
// once per kind of field for the whole text, not once per object: a pasted cluster dump carries
// them on every object and a warning per object would bury everything else.
import type { YMap, YNode } from './yaml-tree.ts';
import { mapEntry } from './yaml-tree.ts';
import { isNullPlainText, isNullScalar } from './scalars.ts';
import { PlainMap, PlainScalar } from './plain-values.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** ObjectMeta fields only the server sets, in the order kubectl prints them. */
const SERVER_META = [
  'creationTimestamp',
  'generation',
  'managedFields',
  'resourceVersion',
  'selfLink',
  'uid',
] as const;

/** One kind of server-written field: `status`, `metadata.uid`, the last-applied annotation… */
export type ServerField =
  'status' | `metadata.${(typeof SERVER_META)[number]}` | 'metadata.annotations.last-applied';

export interface ServerFieldHit {
  readonly field: ServerField;
  /** The key node, where the summary points when this is the first hit. */
  readonly key: YNode;
  readonly kind: string;
}

const isNull = (n: YNode) => n.kind === 'scalar' && isNullScalar(n);

/** The server-written fields an object (a mapping with kind and apiVersion) carries. */
export function serverFieldsOf(object: YMap, kind: string): ServerFieldHit[] {
  const hits: ServerFieldHit[] = [];
  const meta = mapEntry(object, 'metadata');
  if (meta?.value.kind === 'map') {
    for (let i = 0; i < SERVER_META.length; i++) {
      const f = SERVER_META[i] as (typeof SERVER_META)[number];
      const e = mapEntry(meta.value, f);
      // `resourceVersion: ""` (a List's metadata, or a blanked field) carries nothing.
      if (!e || isNull(e.value)) continue;
      if (e.value.kind === 'scalar' && e.value.text === '' && e.value.style !== 'plain') continue;
      hits.push({ field: `metadata.${f}`, key: e.key, kind });
    }
    const annotations = mapEntry(meta.value, 'annotations');
    if (annotations?.value.kind === 'map') {
      const e = mapEntry(annotations.value, LAST_APPLIED);
      if (e) hits.push({ field: 'metadata.annotations.last-applied', key: e.key, kind });
    }
  }
  const status = mapEntry(object, 'status');
  if (status) hits.push({ field: 'status', key: status.key, kind });
  return hits;
}

/**
 * `serverFieldsOf` on a document's plain values (plain-values.ts): the kinds of field only, for
 * a lean read that has already located the first of each kind.
 */
/** What most objects of a dump carry: nothing, or only a status (shared, never written). */
const NO_FIELDS: ServerField[] = Object.freeze([]) as unknown as ServerField[];
const STATUS_ONLY: ServerField[] = Object.freeze(['status']) as unknown as ServerField[];

export function plainServerFields(object: PlainMap): ServerField[] {
  const fields: ServerField[] = [];
  const meta = object.get('metadata');
  if (meta instanceof PlainMap) {
    for (let i = 0; i < SERVER_META.length; i++) {
      const f = SERVER_META[i] as (typeof SERVER_META)[number];
      const v = meta.get(f);
      // Absent, null, or a quoted empty string (a plain value is never the empty string).
      if (v === undefined || v === null || v === '') continue;
      if (v instanceof PlainScalar && isNullPlainText(v.text)) continue;
      fields.push(`metadata.${f}`);
    }
    const annotations = meta.get('annotations');
    if (annotations instanceof PlainMap && annotations.get(LAST_APPLIED) !== undefined)
      fields.push('metadata.annotations.last-applied');
  }
  const status = object.get('status') !== undefined;
  if (fields.length === 0) return status ? STATUS_ONLY : NO_FIELDS;
  if (status) fields.push('status');
  return fields;
}

/** What one kind of server field means for apply, with how often it occurs. */
export function serverFieldMessage(
  field: ServerField,
  objects: number,
  kinds: ReadonlySet<string>,
): string {
  const where = objects === 1 ? 'on 1 object' : `on ${objects} objects`;
  const keep = 'remove it from manifests you keep';
  switch (field) {
    case 'status': {
      const policy = kinds.has('NetworkPolicy')
        ? '; a NetworkPolicy status (networking.k8s.io/v1, Kubernetes 1.24–1.27) is refused as an unknown field by clusters from 1.28 on, so remove it before applying there'
        : '';
      return `status is written by the API server (kubectl get output), here ${where}: apply ignores it${policy}; ${keep}`;
    }
    case 'metadata.resourceVersion':
      return `metadata.resourceVersion is set by the API server (kubectl get output), here ${where}: create refuses it ("resourceVersion should not be set on objects to be created") and apply accepts it, but a stale one fails with "the object has been modified"; ${keep}`;
    case 'metadata.annotations.last-applied':
      return `metadata.annotations: ${LAST_APPLIED} is written by kubectl apply (kubectl get output), here ${where}; ${keep}`;
    default:
      return `${field} is set by the API server (kubectl get output), here ${where}: apply ignores or overwrites it; ${keep}`;
  }
}
