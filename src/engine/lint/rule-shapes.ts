// Rules whose shape says more than the author likely meant: peers that admit everything, a port
// name no pod declares, ipBlocks aimed at pods, and Egress isolation without egress rules.
import type { PolicyPeer, Workload } from '../../model/types.ts';
import { isEmptySelector } from '../../model/selector.ts';
import { cidrContains, parseCidr, parseIp } from '../../model/cidr.ts';
import { labelsFrom } from '../../model/selector.ts';
import { METADATA_NAME_LABEL } from '../../model/types.ts';
import { listIds, peersKey } from './context.ts';
import type { LintContext } from './context.ts';
import { policyTypesPath } from './dns-egress.ts';

const everyone = (d: 'ingress' | 'egress') =>
  d === 'ingress'
    ? 'every source, inside and outside the cluster'
    : 'every destination, the internet included';

function allAdmitting(peer: PolicyPeer): string | null {
  if (peer.kind === 'ipBlock') {
    const c = parseCidr(peer.cidr);
    return c && c.prefix === 0 && peer.except.length === 0
      ? `every ${c.family === 4 ? 'IPv4' : 'IPv6'} address`
      : null;
  }
  if (
    peer.namespaceSelector !== null &&
    isEmptySelector(peer.namespaceSelector) &&
    (peer.podSelector === null || isEmptySelector(peer.podSelector))
  )
    return 'every pod in every namespace';
  return null;
}

export function lintAllowAll(ctx: LintContext): void {
  for (const p of ctx.policies) {
    for (const d of ['ingress', 'egress'] as const) {
      p[d].forEach((rule, i) => {
        const ports = rule.ports === null ? 'on every port' : 'on the ports it lists';
        const severity = rule.ports === null ? 'warning' : 'info';
        if (rule.peers === null) {
          ctx.report('allow-all', {
            severity,
            message: `${d} rule ${i + 1} of ${p.id} has no ${peersKey(d)}, so it admits ${everyone(d)}, ${ports}`,
            at: { policy: p, path: `spec.${d}[${i}]` },
          });
          return;
        }
        rule.peers.forEach((peer, j) => {
          const what = allAdmitting(peer);
          if (what)
            ctx.report('allow-all', {
              severity,
              message: `${peersKey(d)}[${j}] of ${d} rule ${i + 1} admits ${what}, ${ports}`,
              at: { policy: p, path: `spec.${d}[${i}].${peersKey(d)}[${j}]` },
            });
        });
      });
    }
  }
}

export function lintNamedPorts(ctx: LintContext): void {
  for (const p of ctx.policies) {
    for (const d of ['ingress', 'egress'] as const) {
      p[d].forEach((rule, i) => {
        rule.ports?.forEach((port, k) => {
          if (typeof port.port !== 'string') return;
          const name = port.port;
          // The pods the port is resolved on: the selected pods for ingress, the peers for egress.
          let targets: Workload[];
          if (d === 'ingress') targets = ctx.selectedBy(p, 'ingress');
          else if (rule.peers === null) return;
          else targets = rule.peers.flatMap((peer) => ctx.peerWorkloads(p, peer));
          if (targets.length === 0) return;
          if (
            targets.some((w) =>
              w.ports.some((c) => c.name === name && c.protocol === port.protocol),
            )
          )
            return;
          const other = targets.flatMap((w) => w.ports.filter((c) => c.name === name));
          ctx.report('named-port-undeclared', {
            severity: 'warning',
            message: `port ${JSON.stringify(name)} (${port.protocol}) is declared by none of ${listIds([...new Set(targets.map((w) => w.id))])}, so this port admits nothing${other.length > 0 ? `; they declare ${JSON.stringify(name)} for ${other[0]?.protocol}: set protocol: ${other[0]?.protocol}` : ''}`,
            at: { policy: p, path: `spec.${d}[${i}].ports[${k}]` },
            ...(other.length > 0
              ? {
                  fix: {
                    title: `Use protocol ${other[0]?.protocol}`,
                    intent: {
                      kind: 'replace-port',
                      policy: p.id,
                      direction: d,
                      ruleIndex: i,
                      portIndex: k,
                      port: { ...port, protocol: other[0]?.protocol ?? port.protocol },
                    },
                  },
                }
              : {}),
          });
        });
      });
    }
  }
}

export function lintIpBlocks(ctx: LintContext): void {
  const withIps = ctx.workloads.filter((w) => w.ips.length > 0);
  if (withIps.length === 0) return;
  for (const p of ctx.policies) {
    for (const d of ['ingress', 'egress'] as const) {
      p[d].forEach((rule, i) => {
        rule.peers?.forEach((peer, j) => {
          if (peer.kind !== 'ipBlock') return;
          const c = parseCidr(peer.cidr);
          if (!c || c.prefix === 0) return;
          const excepts = peer.except.map(parseCidr);
          const covered = withIps.filter((w) =>
            w.ips.some((text) => {
              const ip = parseIp(text);
              return (
                ip !== null &&
                cidrContains(c, ip) &&
                !excepts.some((x) => x !== null && cidrContains(x, ip))
              );
            }),
          );
          if (covered.length === 0) return;
          const path = `spec.${d}[${i}].${peersKey(d)}[${j}]`;
          const single = c.prefix === (c.family === 4 ? 32 : 128);
          const target = covered[0] as Workload;
          if (single) {
            ctx.report('ip-block-pod-ip', {
              severity: 'warning',
              message: `ipBlock ${peer.cidr} is the IP of pod ${target.id}: pod IPs change whenever a pod restarts, and whether ipBlocks apply to pod traffic depends on the network plugin; select the pod by its labels`,
              at: { policy: p, path },
              workloads: [target.id],
              fix: {
                title: `Select ${target.id} by its labels`,
                intent: {
                  kind: 'replace-peers',
                  policy: p.id,
                  direction: d,
                  ruleIndex: i,
                  peerIndexes: [j],
                  peers: [
                    {
                      kind: 'selector',
                      podSelector: { matchLabels: target.labels, matchExpressions: [] },
                      namespaceSelector:
                        target.namespace === p.namespace
                          ? null
                          : {
                              matchLabels: labelsFrom([[METADATA_NAME_LABEL, target.namespace]]),
                              matchExpressions: [],
                            },
                    },
                  ],
                },
              },
            });
            return;
          }
          ctx.report('ip-block-covers-pods', {
            severity: 'warning',
            message: `ipBlock ${peer.cidr} covers the IPs of ${listIds(covered.map((w) => w.id))}: whether ipBlocks apply to pod traffic depends on the network plugin, so select pods with podSelector or namespaceSelector, and carve pod ranges out with except`,
            at: { policy: p, path },
            workloads: covered.map((w) => w.id),
          });
        });
      });
    }
  }
}

export function lintEgressDeniesAll(ctx: LintContext): void {
  for (const p of ctx.policies) {
    if (!p.policyTypes.egress || p.egress.length > 0 || p.policyTypesDefaulted) continue;
    // A namespace-wide deny with no rules at all is a default deny, written on purpose.
    if (isEmptySelector(p.podSelector) && p.ingress.length === 0) continue;
    const pods = ctx.selectedBy(p, 'egress').map((w) => w.id);
    ctx.report('egress-denies-all', {
      severity: 'warning',
      message: `${p.id} lists Egress in policyTypes but has no egress rules: it denies all egress of ${pods.length > 0 ? listIds(pods) : 'the pods it selects'}, DNS included. Remove Egress from policyTypes to leave their egress as it is, or add the egress rules they need`,
      at: { policy: p, path: policyTypesPath(p) },
      ...(pods.length > 0 ? { workloads: pods } : {}),
    });
  }
}
