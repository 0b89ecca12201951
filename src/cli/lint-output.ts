// lint's three outputs: file:line:column lines for people, validate's JSON plus the rule id, and
// SARIF 2.1.0 for code-scanning pages (GitHub, GitLab, Azure DevOps).
import { LINT_RULES } from '../engine/lint/types.ts';
import type { LintFinding, LintRuleId, RelatedLocation } from '../engine/lint/types.ts';
import type { FileDiagnostic } from './load-inputs.ts';

/** A lint finding or a validation diagnostic, mapped to its file; `rule` is the code for the latter. */
export type FileFinding = FileDiagnostic & {
  readonly rule: string;
  readonly related?: readonly (RelatedLocation & { readonly file: string })[];
  readonly fix?: LintFinding['fix'];
  readonly policy?: string;
  readonly workloads?: readonly string[];
};

export function lintText(f: FileFinding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.rule}]`;
}

export function lintJson(f: FileFinding) {
  return {
    severity: f.severity,
    message: f.message,
    path: f.path,
    document: f.document,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    file: f.file,
    code: f.code,
    rule: f.rule,
    ...(f.object ? { object: f.object } : {}),
    ...(f.policy ? { policy: f.policy } : {}),
    ...(f.workloads ? { workloads: f.workloads } : {}),
    ...(f.related ? { related: f.related } : {}),
    ...(f.fix ? { fix: { title: f.fix.title } } : {}),
  };
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

const uri = (file: string) => (file === '-' ? 'stdin' : encodeURI(file.replace(/\\/g, '/')));

export function lintSarif(findings: readonly FileFinding[], version: string): unknown {
  const ids = [...new Set(findings.map((f) => f.rule))];
  const rules = ids.map((id) => ({
    id,
    shortDescription: {
      text: (LINT_RULES as Record<string, string>)[id] ?? `rejected by the API server (${id})`,
    },
    ...(id in LINT_RULES ? {} : { defaultConfiguration: { level: 'error' } }),
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'netpol-canvas', version, rules } },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ids.indexOf(f.rule),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(f.file) },
                region: {
                  startLine: f.line,
                  startColumn: f.column,
                  endLine: f.endLine,
                  endColumn: f.endColumn,
                },
              },
            },
          ],
          ...(f.related
            ? {
                relatedLocations: f.related.map((r, id) => ({
                  id,
                  message: { text: r.message },
                  physicalLocation: {
                    artifactLocation: { uri: uri(r.file) },
                    region: { startLine: r.line, startColumn: r.column },
                  },
                })),
              }
            : {}),
        })),
      },
    ],
  };
}

export const isLintRule = (id: string): id is LintRuleId => id in LINT_RULES;
