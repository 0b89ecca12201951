// Label selector matching with Kubernetes semantics, shared by the reader and the engine.
import type { LabelSelector, Labels } from './types.ts';

const has = (labels: Labels, key: string) => Object.prototype.hasOwnProperty.call(labels, key);

/**
 * The keys of each matchLabels map, listed once: Object.keys of a null-prototype map allocates a
 * fresh sorted list per call, and a bulk analysis asks about each selector thousands of times.
 * Selectors are values: a map is never changed once read.
 */
const matchLabelKeys = new WeakMap<Labels, readonly string[]>();

/** An empty selector selects everything; NotIn and DoesNotExist match a missing key. */
function keysOf(matchLabels: Labels): readonly string[] {
  let keys = matchLabelKeys.get(matchLabels);
  if (keys === undefined) {
    keys = Object.keys(matchLabels);
    matchLabelKeys.set(matchLabels, keys);
  }
  return keys;
}

export function matchesSelector(labels: Labels, selector: LabelSelector): boolean {
  // Indexed loops: this runs for every pod and policy pair a bulk analysis asks about.
  const keys = keysOf(selector.matchLabels);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (!has(labels, key) || labels[key] !== selector.matchLabels[key]) return false;
  }
  const requirements = selector.matchExpressions;
  for (let i = 0; i < requirements.length; i++) {
    const req = requirements[i] as LabelSelector['matchExpressions'][number];
    const present = has(labels, req.key);
    const value = present ? labels[req.key] : undefined;
    switch (req.operator) {
      case 'In':
        if (!present || !req.values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (present && req.values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
    }
  }
  return true;
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return selector.matchExpressions.length === 0 && keysOf(selector.matchLabels).length === 0;
}

/** Null-prototype label maps, so keys like `__proto__` stay plain data. */
export function labelsFrom(entries: Iterable<readonly [string, string]>): Labels {
  const out = Object.create(null) as Record<string, string>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

export const EMPTY_SELECTOR: LabelSelector = { matchLabels: labelsFrom([]), matchExpressions: [] };

const keys = new WeakMap<LabelSelector, string>();

/**
 * A selector as text, equal for selectors that are written alike (strings length-prefixed). Kept
 * per selector object: a keystroke's model asks it of every policy's selectors, most of them the
 * very objects of the last read.
 */
export function selectorKey(s: LabelSelector): string {
  let key = keys.get(s);
  if (key === undefined) keys.set(s, (key = writeSelectorKey(s)));
  return key;
}

function writeSelectorKey(s: LabelSelector): string {
  let out = '{';
  for (const k of Object.keys(s.matchLabels)) {
    const v = s.matchLabels[k] as string;
    out += `${k.length}:${k}${v.length}:${v}`;
  }
  out += '|';
  for (const r of s.matchExpressions) {
    out += `${r.key.length}:${r.key}${r.operator}${r.values.length}`;
    for (const v of r.values) out += `${v.length}:${v}`;
  }
  return `${out}}`;
}
