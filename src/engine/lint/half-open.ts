// Half-open flows: a rule on one side admits a peer by name (selector), while the peer's side
// denies the flow, so the drawn connection never works. Reported on the admitting rule, naming
// the policies that deny on the other side, with the missing rule as the fix.
import type {
  NetworkPolicy,
  PolicyPort,
  PolicyRule,
  Protocol,
  Workload,
} from '../../model/types.ts';
import { listIds, peersKey } from './context.ts';
import type { LintContext } from './context.ts';
import { policyTypesPath } from './dns-egress.ts';

interface Probe {
  readonly port: number;
  readonly protocol: Protocol;
}

/**
 * Keeps lint fast on every parse of a large workspace: a peer picking out more pairs than this is
 * not probed (such broad rules are rarely drawn flows), nor are pairs beyond the total budget.
 */
const MAX_PAIRS_PER_RULE = 2000;
const MAX_PAIRS = 200_000;

/** The ports at which the rule admits traffic to `dst`: its declared ports the rule covers, else the rule's numbers. */
export function probesOf(rule: PolicyRule, dst: Workload): Probe[] {
  const out = new Map<string, Probe>();
  const add = (port: number, protocol: Protocol) =>
    out.set(`${protocol}/${port}`, { port, protocol });
  if (rule.ports === null) {
    for (const c of dst.ports) add(c.port, c.protocol);
    return [...out.values()];
  }
  for (const p of rule.ports) {
    const declared = dst.ports.filter((c) => c.protocol === p.protocol);
    if (typeof p.port === 'string') {
      for (const c of declared) if (c.name === p.port) add(c.port, c.protocol);
      continue;
    }
    if (p.port === null) {
      for (const c of declared) add(c.port, c.protocol);
      continue;
    }
    const lo = p.port;
    const hi = p.endPort ?? p.port;
    const inRange = declared.filter((c) => c.port >= lo && c.port <= hi);
    if (inRange.length > 0) for (const c of inRange) add(c.port, c.protocol);
    else add(lo, p.protocol);
  }
  return [...out.values()];
}

const portsText = (probes: readonly Probe[]) =>
  probes.map((p) => `${p.protocol} ${p.port}`).join(', ');

interface Gap {
  readonly other: Workload;
  readonly subject: Workload;
  readonly probes: Probe[];
  readonly denying: readonly string[];
}

/** Flows listed in one finding's message; the rest are counted. */
const LISTED = 3;

export function lintHalfOpen(ctx: LintContext): void {
  // Only a side a NetworkPolicy isolates can deny what the other admits.
  let budget = MAX_PAIRS;
  for (const p of ctx.policies) {
    for (const direction of ['ingress', 'egress'] as const) {
      if (!p.policyTypes[direction]) continue;
      const opposite = direction === 'ingress' ? 'egress' : 'ingress';
      const subjects = ctx.selectedBy(p, direction);
      if (subjects.length === 0) continue;
      p[direction].forEach((rule, ruleIndex) => {
        rule.peers?.forEach((peer, peerIndex) => {
          if (peer.kind !== 'selector') return;
          const others = ctx
            .peerWorkloads(p, peer)
            .filter((o) => ctx.isolatedBy(o, opposite).length > 0);
          if (others.length * subjects.length > MAX_PAIRS_PER_RULE) return;
          const gaps = new Map<string, Gap>();
          // The probes depend on the rule and the destination only: one list per destination.
          const probesAt = new Map<Workload, Probe[]>();
          const probesFor = (dst: Workload): Probe[] => {
            let probes = probesAt.get(dst);
            if (!probes) probesAt.set(dst, (probes = probesOf(rule, dst)));
            return probes;
          };
          for (const subject of subjects) {
            for (const other of others) {
              if (other.id === subject.id) continue;
              const dst = direction === 'ingress' ? subject : other;
              if (--budget < 0) return;
              let gap: Gap | undefined;
              for (const probe of probesFor(dst)) {
                // This rule admits the flow by construction (its peer picked `other`, its ports
                // gave the probe); the other side must be what denies it.
                if (ctx.sideAllows(opposite, other, subject, dst, probe.port, probe.protocol))
                  continue;
                if (!gap) {
                  const key = `${subject.id}|${other.id}`;
                  gap = gaps.get(key) ?? {
                    other,
                    subject,
                    probes: [],
                    denying: ctx.isolatedBy(other, opposite).map((q) => q.id),
                  };
                  gaps.set(key, gap);
                }
                gap.probes.push(probe);
              }
            }
          }
          if (gaps.size > 0) report(ctx, p, direction, ruleIndex, peerIndex, [...gaps.values()]);
        });
      });
    }
  }
}

function report(
  ctx: LintContext,
  p: NetworkPolicy,
  direction: 'ingress' | 'egress',
  ruleIndex: number,
  peerIndex: number,
  gaps: readonly Gap[],
): void {
  const opposite = direction === 'ingress' ? 'egress' : 'ingress';
  const flowText = (g: Gap) =>
    direction === 'ingress'
      ? `${g.other.id} → ${g.subject.id} on ${portsText(g.probes)}`
      : `${g.subject.id} → ${g.other.id} on ${portsText(g.probes)}`;
  const first = gaps[0] as Gap;
  // Each list once over the gaps, in their order (up to 2,000 of them per rule; copying each
  // gap's ids into arrays of their own to flatten was most of lint's time at 5,000 workloads).
  const denyingSet = new Set<string>();
  const othersSet = new Set<string>();
  const workloadSet = new Set<string>();
  for (const g of gaps) {
    for (const id of g.denying) denyingSet.add(id);
    othersSet.add(g.other.id);
    workloadSet.add(g.subject.id);
    workloadSet.add(g.other.id);
  }
  const denying = [...denyingSet];
  const others = [...othersSet];
  const flows =
    gaps.length === 1
      ? `half-open flow ${flowText(first)}`
      : `${gaps.length} half-open flows (${gaps
          .slice(0, LISTED)
          .map(flowText)
          .join('; ')}${gaps.length > LISTED ? `; and ${gaps.length - LISTED} more` : ''})`;
  const denyingPolicies = denying
    .map((id) => ctx.policies.find((x) => x.id === id))
    .filter((x): x is NetworkPolicy => x !== undefined);
  const ports: PolicyPort[] = first.probes.map((x) => ({
    protocol: x.protocol,
    port: x.port,
    endPort: null,
  }));
  ctx.report('half-open-flow', {
    severity: 'warning',
    message: `${flows}: ${p.id} admits ${gaps.length === 1 ? 'it' : 'them'} (${direction} rule ${ruleIndex + 1}), but ${listIds(others)} ${others.length === 1 ? 'is' : 'are'} isolated for ${opposite} by ${listIds(denying)} and no ${opposite} rule allows ${gaps.length === 1 ? 'it' : 'them'}, so ${gaps.length === 1 ? 'it is' : 'they are'} denied`,
    at: { policy: p, path: `spec.${direction}[${ruleIndex}].${peersKey(direction)}[${peerIndex}]` },
    workloads: [...workloadSet],
    related: denyingPolicies.map((d) => ({
      message: `${d.id} isolates ${listIds(others)} for ${opposite}`,
      at: { policy: d, path: policyTypesPath(d) },
    })),
    // One flow: the missing rule. Many: the author should decide which of them are meant.
    ...(gaps.length === 1
      ? {
          fix: {
            title: `Allow ${opposite} ${opposite === 'egress' ? `from ${first.other.id} to ${first.subject.id}` : `to ${first.other.id} from ${first.subject.id}`} on ${portsText(first.probes)}`,
            intent: {
              kind: 'allow-side' as const,
              direction: opposite,
              subject: first.other.id,
              peer: first.subject.id,
              ports,
            },
          },
        }
      : {}),
  });
}
