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
import { evaluateFlow } from '../evaluate.ts';
import { listIds, peersKey } from './context.ts';
import type { LintContext } from './context.ts';
import { policyTypesPath } from './dns-egress.ts';

interface Probe {
  readonly port: number;
  readonly protocol: Protocol;
}

/** Keeps a large workspace's lint fast: pairs beyond this, per rule, are not probed. */
const MAX_PAIRS_PER_RULE = 4000;

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

export function lintHalfOpen(ctx: LintContext): void {
  for (const p of ctx.policies) {
    for (const direction of ['ingress', 'egress'] as const) {
      if (!p.policyTypes[direction]) continue;
      const subjects = ctx.selectedBy(p, direction);
      if (subjects.length === 0) continue;
      p[direction].forEach((rule, ruleIndex) => {
        rule.peers?.forEach((peer, peerIndex) => {
          if (peer.kind !== 'selector') return;
          const others = ctx.peerWorkloads(p, peer);
          if (others.length * subjects.length > MAX_PAIRS_PER_RULE) return;
          const gaps = new Map<string, Gap>();
          for (const subject of subjects) {
            for (const other of others) {
              if (other.id === subject.id) continue;
              const [src, dst] = direction === 'ingress' ? [other, subject] : [subject, other];
              for (const probe of probesOf(rule, dst)) {
                const v = evaluateFlow(ctx.index, {
                  from: { kind: 'workload', workload: src },
                  to: { kind: 'workload', workload: dst },
                  port: probe.port,
                  protocol: probe.protocol,
                });
                const mine = direction === 'ingress' ? v.ingress : v.egress;
                const theirs = direction === 'ingress' ? v.egress : v.ingress;
                // Only this rule's own admission counts; the other side must be what denies.
                if (!mine.matches.some((m) => m.policy === p.id && m.ruleIndex === ruleIndex))
                  continue;
                if (theirs.allowed) continue;
                const key = `${subject.id}|${other.id}`;
                const gap = gaps.get(key) ?? {
                  other,
                  subject,
                  probes: [],
                  denying: theirs.policies,
                };
                gap.probes.push(probe);
                gaps.set(key, gap);
              }
            }
          }
          for (const gap of gaps.values()) report(ctx, p, direction, ruleIndex, peerIndex, gap);
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
  gap: Gap,
): void {
  const { other, subject, probes, denying } = gap;
  const opposite = direction === 'ingress' ? 'egress' : 'ingress';
  const flow =
    direction === 'ingress'
      ? `${other.id} → ${subject.id} on ${portsText(probes)}`
      : `${subject.id} → ${other.id} on ${portsText(probes)}`;
  const denyingPolicies = denying
    .map((id) => ctx.policies.find((x) => x.id === id))
    .filter((x): x is NetworkPolicy => x !== undefined);
  const ports: PolicyPort[] = probes.map((x) => ({
    protocol: x.protocol,
    port: x.port,
    endPort: null,
  }));
  ctx.report('half-open-flow', {
    severity: 'warning',
    message: `half-open flow ${flow}: ${p.id} admits it (${direction} rule ${ruleIndex + 1}), but ${other.id} is isolated for ${opposite} by ${listIds(denying)} and no ${opposite} rule allows it, so it is denied`,
    at: { policy: p, path: `spec.${direction}[${ruleIndex}].${peersKey(direction)}[${peerIndex}]` },
    workloads: [subject.id, other.id],
    related: denyingPolicies.map((d) => ({
      message: `${d.id} isolates ${other.id} for ${opposite}`,
      at: { policy: d, path: policyTypesPath(d) },
    })),
    fix: {
      title: `Allow ${opposite} ${opposite === 'egress' ? `from ${other.id} to ${subject.id}` : `to ${other.id} from ${subject.id}`} on ${portsText(probes)}`,
      intent: {
        kind: 'allow-side',
        direction: opposite,
        subject: other.id,
        peer: subject.id,
        ports,
      },
    },
  });
}
