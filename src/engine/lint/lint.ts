// Lint: what a workspace likely gets wrong though the API server accepts it. A pure function of
// the workspace, run on every parse by the app and by `netpol-canvas lint`.
import { LintContext } from './context.ts';
import type { LintWorkspace } from './context.ts';
import type { LintFinding, LintOptions } from './types.ts';
import { lintDnsEgress } from './dns-egress.ts';
import { lintHalfOpen } from './half-open.ts';
import {
  lintNamespaceSelectors,
  lintOrMaybeAnd,
  lintPodSelectors,
  lintPolicySelection,
} from './selectors.ts';
import { lintAllowAll, lintEgressDeniesAll, lintIpBlocks, lintNamedPorts } from './rule-shapes.ts';
import { lintRedundant } from './redundant.ts';
import { lintCoverage } from './coverage.ts';

const RULES = [
  lintDnsEgress,
  lintHalfOpen,
  lintNamespaceSelectors,
  lintPodSelectors,
  lintPolicySelection,
  lintOrMaybeAnd,
  lintAllowAll,
  lintNamedPorts,
  lintIpBlocks,
  lintEgressDeniesAll,
  lintRedundant,
  lintCoverage,
];

/** Every finding, in text order (document, line, column), then by rule. */
export function lint(ws: LintWorkspace, options: LintOptions = {}): LintFinding[] {
  const ctx = new LintContext(ws, options);
  for (const rule of RULES) rule(ctx);
  return ctx.findings.sort(
    (a, b) =>
      a.document - b.document ||
      a.line - b.line ||
      a.column - b.column ||
      a.rule.localeCompare(b.rule),
  );
}

/** What identifies a finding across two versions of the text (positions move with edits). */
const identity = (f: LintFinding) =>
  `${f.rule}|${f.policy ?? ''}|${f.object ?? ''}|${f.path}|${(f.workloads ?? []).join(',')}`;

/**
 * The findings an edit introduces: those of `after` that `before` did not have. A gesture runs
 * this on its result before it commits, so a default-deny toggle that breaks drawn flows says so
 * (with the fixes) instead of breaking them silently.
 */
export function lintIntroduced(
  before: LintWorkspace,
  after: LintWorkspace,
  options: LintOptions = {},
): LintFinding[] {
  // `locate` is bound to the read of `after`: the earlier version is compared without positions.
  const { locate: _unused, ...rest } = options;
  const had = new Set(lint(before, rest).map(identity));
  return lint(after, options).filter((f) => !had.has(identity(f)));
}
