// Lint's quick fixes as text edits: each fix intent (src/model/fix-intent.ts) becomes the edits
// of one undoable step, written with the same helpers as the canvas gestures.
import type { LintFix, FixIntent } from '../model/fix-intent.ts';
import type { NetworkPolicy, PolicyPeer, PolicyRule, TextEdit, Workload } from '../model/types.ts';
import { METADATA_NAME_LABEL } from '../model/types.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import {
  appendPolicies,
  exactLabels,
  newPolicy,
  removePolicy,
  rewritePolicy,
  sameSelector,
  selectorOf,
  uniqueName,
} from './policy-text.ts';
import type { GestureResult } from './policy-text.ts';

const one = (edit: TextEdit | { error: string }, summary: string): GestureResult =>
  'error' in edit ? edit : { edits: [edit], summary };

function rewriteRules(
  text: string,
  ws: ReadResult,
  policyId: string,
  direction: 'ingress' | 'egress',
  change: (rules: readonly PolicyRule[]) => PolicyRule[] | string,
  summary: string,
): GestureResult {
  const policy = ws.policies.find((p) => p.id === policyId);
  if (!policy) return { error: `no policy ${policyId}` };
  const rules = change(policy[direction]);
  if (typeof rules === 'string') return { error: rules };
  return one(rewritePolicy(text, policy, { ...policy, [direction]: rules }, ws), summary);
}

/** How a policy in `namespace` names the workload: its picking labels, and its namespace by name. */
function peerOf(ws: ReadResult, w: Workload, namespace: string): PolicyPeer {
  return {
    kind: 'selector',
    podSelector: exactLabels(w, ws.workloads).selector,
    namespaceSelector:
      w.namespace === namespace ? null : selectorOf({ [METADATA_NAME_LABEL]: w.namespace }),
  };
}

function allowSide(
  text: string,
  ws: ReadResult,
  intent: Extract<FixIntent, { kind: 'allow-side' }>,
): GestureResult {
  const subject = ws.workloads.find((w) => w.id === intent.subject);
  const other = ws.workloads.find((w) => w.id === intent.peer);
  if (!subject || !other) return { error: `no workload ${subject ? intent.peer : intent.subject}` };
  const d = intent.direction;
  const selector = exactLabels(subject, ws.workloads).selector;
  const rule: PolicyRule = { peers: [peerOf(ws, other, subject.namespace)], ports: intent.ports };
  // Extend a policy that already allows something for exactly these pods; never a bare deny.
  const host = ws.policies.find(
    (p) =>
      p.valid &&
      p.namespace === subject.namespace &&
      p.policyTypes[d] &&
      p[d].length > 0 &&
      p.source?.objectPath === '' &&
      sameSelector(p.podSelector, selector),
  );
  if (host)
    return one(
      rewritePolicy(text, host, { ...host, [d]: [...host[d], rule] }, ws),
      `extended ${host.id} for ${d}`,
    );
  const name = uniqueName(
    ws,
    subject.namespace,
    d === 'egress' ? `allow-egress-from-${subject.name}` : `allow-ingress-to-${subject.name}`,
  );
  const created: NetworkPolicy = {
    ...newPolicy(subject.namespace, name, selector, {
      ingress: d === 'ingress',
      egress: d === 'egress',
    }),
    [d]: [rule],
  };
  const edit = appendPolicies(text, [created]);
  return edit ? { edits: [edit], summary: `created ${created.id}` } : { error: 'nothing to add' };
}

/** The text edits that carry out a lint fix, or why they cannot be made. */
export function quickFixEdits(text: string, ws: ReadResult, fix: LintFix): GestureResult {
  const intent = fix.intent;
  switch (intent.kind) {
    case 'add-rule':
      return rewriteRules(
        text,
        ws,
        intent.policy,
        intent.direction,
        (rules) => [...rules, intent.rule],
        `added an ${intent.direction} rule to ${intent.policy}`,
      );
    case 'allow-side':
      return allowSide(text, ws, intent);
    case 'replace-peers':
      return rewriteRules(
        text,
        ws,
        intent.policy,
        intent.direction,
        (rules) => {
          const rule = rules[intent.ruleIndex];
          if (!rule?.peers) return `${intent.policy} has no such rule`;
          const at = Math.min(...intent.peerIndexes);
          const peers: PolicyPeer[] = [];
          rule.peers.forEach((p, j) => {
            if (j === at) peers.push(...intent.peers);
            if (!intent.peerIndexes.includes(j)) peers.push(p);
          });
          return rules.map((r, i) => (i === intent.ruleIndex ? { ...r, peers } : r));
        },
        `rewrote ${intent.direction} rule ${intent.ruleIndex + 1} of ${intent.policy}`,
      );
    case 'replace-port':
      return rewriteRules(
        text,
        ws,
        intent.policy,
        intent.direction,
        (rules) => {
          const rule = rules[intent.ruleIndex];
          if (!rule?.ports?.[intent.portIndex]) return `${intent.policy} has no such port`;
          const ports = rule.ports.map((p, k) => (k === intent.portIndex ? intent.port : p));
          return rules.map((r, i) => (i === intent.ruleIndex ? { ...r, ports } : r));
        },
        `changed a port of ${intent.policy}`,
      );
    case 'remove-rule':
      return rewriteRules(
        text,
        ws,
        intent.policy,
        intent.direction,
        (rules) => rules.filter((_, i) => i !== intent.ruleIndex),
        `removed ${intent.direction} rule ${intent.ruleIndex + 1} of ${intent.policy}`,
      );
    case 'remove-policy': {
      const policy = ws.policies.find((p) => p.id === intent.policy);
      if (!policy) return { error: `no policy ${intent.policy}` };
      return one(removePolicy(text, policy), `removed ${policy.id}`);
    }
    case 'add-policies': {
      const taken: string[] = [];
      const named = intent.policies.map((p) => {
        const name = uniqueName(ws, p.namespace, p.name, taken);
        taken.push(name);
        return { ...p, name, id: `${p.namespace}/${name}` };
      });
      const edit = appendPolicies(text, named);
      return edit
        ? { edits: [edit], summary: `added ${named.map((p) => p.id).join(', ')}` }
        : { error: 'nothing to add' };
    }
  }
}

/** The findings with their fixes as text edits, for the Problems list's one-click repair. */
export function withQuickFixes<T extends { readonly fix?: LintFix }>(
  text: string,
  ws: ReadResult,
  findings: readonly T[],
): (T & { readonly quickFix?: { readonly title: string; readonly edits: readonly TextEdit[] } })[] {
  return findings.map((f) => {
    if (!f.fix) return f;
    const r = quickFixEdits(text, ws, f.fix);
    return 'error' in r ? f : { ...f, quickFix: { title: f.fix.title, edits: r.edits } };
  });
}
