// Redundant rules and policies: everything they admit is admitted by another rule, for pods that
// rule's policy selects too. Judged on the written selectors (never on which pods the workspace
// happens to hold), so a finding stays true whatever pods come later. Of two identical rules or
// policies the later one is reported.
import type {
  LabelSelector,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
} from '../../model/types.ts';
import { EMPTY_SELECTOR, isEmptySelector } from '../../model/selector.ts';
import { parseCidr } from '../../model/cidr.ts';
import type { Cidr } from '../../model/cidr.ts';
import type { LintContext } from './context.ts';

type Direction = 'ingress' | 'egress';

/** Does `outer` select every set of labels `inner` selects? (Sufficient, not necessary.) */
function selectorCovers(outer: LabelSelector, inner: LabelSelector): boolean {
  if (isEmptySelector(outer)) return true;
  for (const [k, v] of Object.entries(outer.matchLabels))
    if (inner.matchLabels[k] !== v) return false;
  const key = (r: LabelSelector['matchExpressions'][number]) =>
    `${r.key}|${r.operator}|${[...r.values].sort().join(',')}`;
  const innerExprs = new Set(inner.matchExpressions.map(key));
  return outer.matchExpressions.every((r) => innerExprs.has(key(r)));
}

const contains = (outer: Cidr, inner: Cidr) =>
  outer.family === inner.family &&
  outer.prefix <= inner.prefix &&
  inner.network >> BigInt((outer.family === 4 ? 32 : 128) - outer.prefix) ===
    outer.network >> BigInt((outer.family === 4 ? 32 : 128) - outer.prefix);

function peerCovers(outer: PolicyPeer, inner: PolicyPeer, sameNamespace: boolean): boolean {
  if (outer.kind === 'ipBlock' || inner.kind === 'ipBlock') {
    if (outer.kind !== 'ipBlock' || inner.kind !== 'ipBlock') return false;
    const o = parseCidr(outer.cidr);
    const i = parseCidr(inner.cidr);
    if (!o || !i || !contains(o, i)) return false;
    // Every address outer leaves out that inner holds must be left out by inner too.
    return outer.except.every((x) => {
      const e = parseCidr(x);
      if (!e || (!contains(e, i) && !contains(i, e))) return true;
      return inner.except.some((y) => {
        const f = parseCidr(y);
        return f !== null && contains(f, e);
      });
    });
  }
  // Namespaces: outer's must include inner's.
  if (outer.namespaceSelector === null) {
    if (inner.namespaceSelector !== null || !sameNamespace) return false;
  } else if (inner.namespaceSelector === null) {
    if (!isEmptySelector(outer.namespaceSelector)) return false;
  } else if (!selectorCovers(outer.namespaceSelector, inner.namespaceSelector)) return false;
  if (outer.podSelector === null) return true;
  return selectorCovers(outer.podSelector, inner.podSelector ?? EMPTY_SELECTOR);
}

function portCovers(outer: PolicyPort, inner: PolicyPort): boolean {
  if (outer.protocol !== inner.protocol) return false;
  if (outer.port === null) return true;
  if (typeof outer.port === 'string' || typeof inner.port === 'string')
    return outer.port === inner.port;
  if (inner.port === null) return false;
  return inner.port >= outer.port && (inner.endPort ?? inner.port) <= (outer.endPort ?? outer.port);
}

function ruleCovers(outer: PolicyRule, inner: PolicyRule, sameNamespace: boolean): boolean {
  const peers =
    outer.peers === null ||
    (inner.peers !== null &&
      inner.peers.every((i) => outer.peers?.some((o) => peerCovers(o, i, sameNamespace))));
  const ports =
    outer.ports === null ||
    (inner.ports !== null && inner.ports.every((i) => outer.ports?.some((o) => portCovers(o, i))));
  return peers && ports;
}

/** Does `q` select (in `d`) every pod `p` selects? */
const subjectsCovered = (q: NetworkPolicy, p: NetworkPolicy, d: Direction) =>
  q.namespace === p.namespace && q.policyTypes[d] && selectorCovers(q.podSelector, p.podSelector);

interface RuleRef {
  readonly policy: NetworkPolicy;
  readonly order: number;
  readonly direction: Direction;
  readonly index: number;
  readonly rule: PolicyRule;
}

export function lintRedundant(ctx: LintContext): void {
  const order = new Map(ctx.policies.map((p, k) => [p, k]));
  const refs: RuleRef[] = [];
  ctx.policies.forEach((policy, k) => {
    for (const direction of ['ingress', 'egress'] as const) {
      if (!policy.policyTypes[direction]) continue;
      policy[direction].forEach((rule, index) =>
        refs.push({
          policy,
          order: k * 100000 + (direction === 'egress' ? 50000 : 0) + index,
          direction,
          index,
          rule,
        }),
      );
    }
  });
  /** The rule that makes `a` redundant: it admits all `a` admits (and, if `a` admits as much, comes first). */
  const coveringRule = (a: RuleRef, otherPolicyOnly: boolean): RuleRef | undefined =>
    refs.find(
      (b) =>
        b !== a &&
        b.direction === a.direction &&
        (!otherPolicyOnly || b.policy !== a.policy) &&
        subjectsCovered(b.policy, a.policy, a.direction) &&
        ruleCovers(b.rule, a.rule, true) &&
        !(
          subjectsCovered(a.policy, b.policy, a.direction) &&
          ruleCovers(a.rule, b.rule, true) &&
          b.order > a.order
        ),
    );

  const redundantPolicies = new Set<NetworkPolicy>();
  for (const p of ctx.policies) {
    const mine = refs.filter((r) => r.policy === p);
    // A deny with no rules states intent (a default deny); an allow policy that also isolates
    // the pods does not make it redundant in the author's eyes, and the toggles look for it.
    if (mine.length === 0) continue;
    const rulesCovered = mine.every((r) => coveringRule(r, true) !== undefined);
    const isolationCovered = (['ingress', 'egress'] as const).every(
      (d) =>
        !p.policyTypes[d] ||
        ctx.policies.some(
          (q) =>
            q !== p &&
            subjectsCovered(q, p, d) &&
            !(subjectsCovered(p, q, d) && (order.get(q) ?? 0) > (order.get(p) ?? 0)),
        ),
    );
    if (!rulesCovered || !isolationCovered) continue;
    redundantPolicies.add(p);
    const by = [
      ...new Set(
        mine
          .map((r) => coveringRule(r, true)?.policy.id)
          .concat(
            (['ingress', 'egress'] as const)
              .filter((d) => p.policyTypes[d])
              .map((d) => ctx.policies.find((q) => q !== p && subjectsCovered(q, p, d))?.id),
          )
          .filter((x): x is string => x !== undefined),
      ),
    ];
    ctx.report('redundant-policy', {
      severity: 'info',
      message: `${p.id} is redundant: ${by.join(', ')} already isolate${by.length === 1 ? 's' : ''} the pods it selects and admit${by.length === 1 ? 's' : ''} everything it admits; removing it changes no flow`,
      at: { policy: p, path: 'metadata.name' },
      fix: { title: `Remove ${p.id}`, intent: { kind: 'remove-policy', policy: p.id } },
    });
  }
  for (const a of refs) {
    if (redundantPolicies.has(a.policy)) continue;
    const b = coveringRule(a, false);
    if (!b) continue;
    const where =
      b.policy === a.policy
        ? `rule ${b.index + 1}`
        : `${b.policy.id} ${b.direction} rule ${b.index + 1}`;
    ctx.report('redundant-rule', {
      severity: 'info',
      message: `${a.direction} rule ${a.index + 1} of ${a.policy.id} is redundant: ${where} admits everything it admits, for the same pods`,
      at: { policy: a.policy, path: `spec.${a.direction}[${a.index}]` },
      related: [
        {
          message: `the rule that covers it`,
          at: { policy: b.policy, path: `spec.${b.direction}[${b.index}]` },
        },
      ],
      fix: {
        title: `Remove ${a.direction} rule ${a.index + 1} of ${a.policy.id}`,
        intent: {
          kind: 'remove-rule',
          policy: a.policy.id,
          direction: a.direction,
          ruleIndex: a.index,
        },
      },
    });
  }
}
