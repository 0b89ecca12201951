// Lint as the app runs it: findings of one parse with their quick fixes as text edits, the
// workloads each finding concerns (for the canvas badges), and the check a gesture runs before it
// commits. Pure: the main thread and the lint worker run the same code.
import type { TextEdit, Workload } from '../model/types.ts';
import { policySelects } from '../model/policy-selection.ts';
import { lint, lintIntroduced } from '../engine/lint/lint.ts';
import type { LintFinding } from '../engine/lint/types.ts';
import { quickFixEdits, withQuickFixes } from '../authoring/lint-quick-fix.ts';
import { locate, readWorkspace } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { applyEdits } from '../yaml/edit.ts';

/** The findings of one read of `text`, located, each with its quick fix when one applies. */
export function lintRead(text: string, read: ReadResult): LintFinding[] {
  return withQuickFixes(text, read, lint(read, { locate: (ref, path) => locate(read, ref, path) }));
}

/**
 * The findings with equal related locations and workload lists as one object each, so that a
 * worker's reply clones each once (structured cloning keeps shared references). At 5,000 workloads
 * the half-open flows name 10,500 related locations, 705 of them distinct: the reply was 3.6 MB,
 * read back on the page in one task while the user pans or types. Nothing reads them but to show.
 */
export function shareRepeats(findings: readonly LintFinding[]): LintFinding[] {
  const seen = new Map<string, unknown>();
  const one = <T>(x: T): T => {
    const key = JSON.stringify(x);
    const known = seen.get(key);
    if (known !== undefined) return known as T;
    seen.set(key, x);
    return x;
  };
  return findings.map((f) =>
    f.related || f.workloads
      ? {
          ...f,
          ...(f.related ? { related: f.related.map(one) } : {}),
          ...(f.workloads ? { workloads: one(f.workloads) } : {}),
        }
      : f,
  );
}

/**
 * The workloads (`namespace/name`) each finding concerns: the ones it names, or else the pods its
 * policy selects. Infos (coverage, style) are left out: a badge on every node says nothing.
 */
export function findingsByWorkload(
  workloads: readonly Workload[],
  policies: ReadResult['policies'],
  findings: readonly LintFinding[],
): Map<string, LintFinding[]> {
  const out = new Map<string, LintFinding[]>();
  const add = (id: string, f: LintFinding) => {
    const list = out.get(id);
    if (list) {
      if (!list.includes(f)) list.push(f);
    } else out.set(id, [f]);
  };
  const policyById = new Map(policies.map((p) => [p.id, p]));
  for (const f of findings) {
    if (f.severity === 'info') continue;
    if (f.workloads && f.workloads.length > 0) {
      for (const id of f.workloads) add(id, f);
      continue;
    }
    const p = f.policy ? policyById.get(f.policy) : undefined;
    if (!p) continue;
    for (const w of workloads) if (policySelects(p, w)) add(w.id, f);
  }
  return out;
}

/** One edit from `before` to `after`: the span between their common prefix and suffix. */
export function spanEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}

/** What a gesture's edit would break, and the edit that makes it while keeping those flows. */
export interface GestureCheck {
  /** The half-open flows the edit introduces (flows a rule admits that the edit denies). */
  readonly broken: readonly LintFinding[];
  /**
   * The gesture plus the rules that keep the broken flows, as one edit of the text the gesture
   * was computed on; null when no fix applies.
   */
  readonly keep: TextEdit | null;
  /** The broken flows the fixes cannot keep (several flows in one finding: decide by hand). */
  readonly stillBroken: readonly LintFinding[];
}

const NO_BREAK: GestureCheck = { broken: [], keep: null, stillBroken: [] };

const halfOpen = (before: ReadResult, after: ReadResult) =>
  lintIntroduced(before, after).filter((f) => f.rule === 'half-open-flow');

/**
 * Runs lint on the gesture's result: a default deny that denies flows a rule admits (the flows the
 * user drew) is reported with the fixes that keep them, instead of breaking them silently.
 */
export function checkGesture(
  text: string,
  read: ReadResult,
  edits: readonly TextEdit[],
): GestureCheck {
  if (edits.length === 0) return NO_BREAK;
  const afterText = applyEdits(text, edits);
  const afterRead = readWorkspace(afterText);
  const broken = halfOpen(read, afterRead);
  if (broken.length === 0) return NO_BREAK;
  let keptText = afterText;
  let keptRead = afterRead;
  for (const f of broken) {
    if (!f.fix) continue;
    const r = quickFixEdits(keptText, keptRead, f.fix);
    if ('error' in r || r.edits.length === 0) continue;
    keptText = applyEdits(keptText, r.edits);
    keptRead = readWorkspace(keptText);
  }
  if (keptText === afterText) return { broken, keep: null, stillBroken: broken };
  return { broken, keep: spanEdit(text, keptText), stillBroken: halfOpen(read, keptRead) };
}
