// A decoded LabelSelector (matchLabels, matchExpressions) as the model's selector.
import type { LabelSelector, LabelSelectorRequirement } from '../model/types.ts';
import { labelsFrom } from '../model/selector.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function toSelector(s: Obj | undefined): LabelSelector | undefined {
  if (!s) return undefined;
  const labels = obj(s['matchLabels']) ?? {};
  return {
    matchLabels: labelsFrom(Object.entries(labels).map(([k, v]) => [k, String(v)] as const)),
    matchExpressions: arr(s['matchExpressions']).map((e): LabelSelectorRequirement => {
      const r = obj(e) ?? {};
      return {
        key: str(r['key']) ?? '',
        operator: (str(r['operator']) ?? 'In') as LabelSelectorRequirement['operator'],
        values: arr(r['values']).map(String),
      };
    }),
  };
}
