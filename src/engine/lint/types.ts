// What lint reports: a located diagnostic with a stable rule id, and, where a text edit can
// repair it, the intent of that edit (authoring turns intents into text edits).
import type { Diagnostic, Severity, SourceRef, TextEdit, TextRange } from '../../model/types.ts';
import type { LintFix } from '../../model/fix-intent.ts';

export type { FixIntent, LintFix } from '../../model/fix-intent.ts';

export const LINT_RULES = {
  'dns-egress-missing': 'egress isolation without DNS',
  'dns-egress-udp-only': 'DNS egress allowed over UDP only',
  'half-open-flow': 'one side admits a flow the other side denies',
  'namespace-selector-matches-nothing': 'a namespaceSelector that matches no namespace',
  'pod-selector-matches-nothing': 'a podSelector that matches no pod',
  'policy-selects-nothing': 'a policy that selects no pod in its namespace',
  'peers-or-maybe-and': 'one dash versus two: OR where AND was likely meant',
  'allow-all': 'a rule that admits every peer',
  'named-port-undeclared': 'a named port no pod declares',
  'ip-block-covers-pods': 'an ipBlock that covers pod IPs',
  'ip-block-pod-ip': 'a /32 or /128 aimed at a pod IP',
  'egress-denies-all': 'Egress in policyTypes with no egress rules',
  'redundant-rule': 'a rule whose flows other rules already admit',
  'redundant-policy': 'a policy whose flows other policies already admit',
  'namespace-without-default-deny': 'a namespace without a default deny',
  'workload-not-selected': 'a workload no policy selects',
} as const;

export type LintRuleId = keyof typeof LINT_RULES;

/** Another place a finding involves (the other policy of a half-open flow). */
export interface RelatedLocation {
  readonly message: string;
  readonly document: number;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly objectPath?: string;
  readonly object?: string;
}

/**
 * A lint finding: the shape of a diagnostic (so the Problems list, the markers and
 * `validate --format json` readers take it as it is) plus its rule. `code` equals `rule`.
 */
export interface LintFinding extends Diagnostic {
  readonly rule: LintRuleId;
  /** The policy the finding is about, `namespace/name`, when it is about one. */
  readonly policy?: string;
  /** The workloads the finding is about, `namespace/name`. */
  readonly workloads?: readonly string[];
  readonly related?: readonly RelatedLocation[];
  readonly fix?: LintFix;
  /** Filled by authoring's `withQuickFixes`: the fix as text edits, applied as one step. */
  readonly quickFix?: { readonly title: string; readonly edits: readonly TextEdit[] };
}

/** Where a field of an object is in the text: yaml's `locate`, bound to one read. */
export type Locate = (ref: SourceRef, fieldPath: string) => TextRange | undefined;

export interface LintOptions {
  /** Field-level positions; without it, findings point at the start of their object. */
  readonly locate?: Locate;
  /** Rules to leave out. */
  readonly disable?: readonly LintRuleId[];
  /** Severity overrides, by rule. */
  readonly severity?: Partial<Record<LintRuleId, Severity>>;
}
