// A decoded LabelSelector (matchLabels, matchExpressions) as the model's selector.
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../model/types.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** No requirements: shared, never written (the engine and the view only read selectors). */
const NO_REQUIREMENTS: readonly LabelSelectorRequirement[] = Object.freeze([]);

/**
 * A decoded matchLabels as the model's Labels (null-prototype, string values): the decoder's maps
 * are that already and are taken as they are; anything else is copied. Indexed and for-in loops:
 * this runs for every selector of a dump, mostly before the optimising compiler takes it, where
 * `Object.entries(…).map(…)` and a for-of allocate a list, a pair and an iterator result per label.
 */
function matchLabelsOf(labels: Obj | undefined): Labels {
  const out = Object.create(null) as Record<string, string>;
  if (!labels) return out;
  if (Object.getPrototypeOf(labels) === null) {
    let strings = true;
    for (const k in labels) if (typeof labels[k] !== 'string') strings = false;
    if (strings) return labels as Labels;
  }
  const keys = Object.keys(labels);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out[k] = String(labels[k]);
  }
  return out;
}

export function toSelector(s: Obj | undefined): LabelSelector | undefined {
  if (!s) return undefined;
  const expressions = arr(s['matchExpressions']);
  let matchExpressions = NO_REQUIREMENTS as LabelSelectorRequirement[];
  if (expressions.length > 0) {
    matchExpressions = new Array<LabelSelectorRequirement>(expressions.length);
    for (let i = 0; i < expressions.length; i++) {
      const r = obj(expressions[i]) ?? {};
      matchExpressions[i] = {
        key: str(r['key']) ?? '',
        operator: (str(r['operator']) ?? 'In') as LabelSelectorRequirement['operator'],
        values: arr(r['values']).map(String),
      };
    }
  }
  return { matchLabels: matchLabelsOf(obj(s['matchLabels'])), matchExpressions };
}
