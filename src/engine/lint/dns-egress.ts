// Egress isolation cuts DNS unless a rule allows it. Which pods serve DNS and on which ports is
// read from the workspace when it has them (CoreDNS on 53, or 5353 on some distributions);
// otherwise kube-system's kube-dns on UDP and TCP 53 is assumed.
import type {
  ContainerPort,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  Protocol,
  Workload,
} from '../../model/types.ts';
import { METADATA_NAME_LABEL } from '../../model/types.ts';
import { labelsFrom } from '../../model/selector.ts';
import { labelsSatisfying, selectorText } from '../../model/infer-workloads.ts';
import { listIds } from './context.ts';
import type { LintContext } from './context.ts';

const DNS_APP_LABELS = ['kube-dns', 'coredns'];
const DNS_NAMES = ['coredns', 'kube-dns', 'dns-default', 'node-local-dns'];
const DNS_PORT_NUMBERS = [53, 5353];

/** The DNS server pods of the workspace: by the conventional labels and names. */
export function isDnsWorkload(w: Workload): boolean {
  const app = w.labels['k8s-app'];
  return (
    (app !== undefined && DNS_APP_LABELS.includes(app)) ||
    DNS_NAMES.includes(w.name) ||
    (w.namespace === 'kube-system' && w.ports.some((p) => p.name === 'dns'))
  );
}

/** The ports a DNS pod serves: its declared DNS ports, or UDP and TCP 53 when it declares none. */
function dnsPortsOf(w: Workload): ContainerPort[] {
  const declared = w.ports.filter(
    (p) =>
      p.protocol !== 'SCTP' &&
      (DNS_PORT_NUMBERS.includes(p.port) || p.name === 'dns' || p.name === 'dns-tcp'),
  );
  return declared.length > 0
    ? declared
    : [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ];
}

/** kube-system's kube-dns as clusters commonly run it, for workspaces that do not contain it. */
const ASSUMED_DNS: Workload = {
  id: 'kube-system/kube-dns',
  kind: 'Deployment',
  name: 'coredns',
  namespace: 'kube-system',
  namespaceAssumed: false,
  labels: labelsFrom([['k8s-app', 'kube-dns']]),
  ports: [
    { name: 'dns', port: 53, protocol: 'UDP' },
    { name: 'dns-tcp', port: 53, protocol: 'TCP' },
  ],
  ips: [],
  inferred: true,
};

export interface DnsTargets {
  readonly pods: readonly Workload[];
  /** True when the workspace has no DNS pods and kube-system/kube-dns is assumed. */
  readonly assumed: boolean;
}

export function dnsTargets(ctx: LintContext): DnsTargets {
  const pods = ctx.workloads.filter(isDnsWorkload);
  return pods.length > 0 ? { pods, assumed: false } : { pods: [ASSUMED_DNS], assumed: true };
}

/** The peer and ports of a rule that allows DNS to these pods. */
export function dnsRuleFor(
  targets: DnsTargets,
  protocols: readonly Protocol[] = ['UDP', 'TCP'],
): { peers: PolicyPeer[]; ports: PolicyPort[] } {
  const first = targets.pods[0] as Workload;
  const app = first.labels['k8s-app'];
  const podLabels = app !== undefined ? labelsFrom([['k8s-app', app]]) : first.labels;
  const ports = new Map<string, PolicyPort>();
  for (const w of targets.pods)
    for (const p of dnsPortsOf(w))
      if (protocols.includes(p.protocol))
        ports.set(`${p.protocol}/${p.port}`, { protocol: p.protocol, port: p.port, endPort: null });
  return {
    peers: [
      {
        kind: 'selector',
        namespaceSelector: {
          matchLabels: labelsFrom([[METADATA_NAME_LABEL, first.namespace]]),
          matchExpressions: [],
        },
        podSelector: { matchLabels: podLabels, matchExpressions: [] },
      },
    ],
    ports: [...ports.values()],
  };
}

/** The pods a policy isolates for egress, or one standing in for them in policy-only YAML. */
function subjectsOf(ctx: LintContext, p: NetworkPolicy): Workload[] {
  const selected = ctx.selectedBy(p, 'egress');
  if (selected.length > 0 || ctx.workloads.length > 0) return selected;
  const labels = labelsSatisfying(p.podSelector);
  if (!labels) return [];
  return [
    {
      id: `${p.namespace}/pods ${selectorText(p.podSelector)}`,
      kind: 'Pod',
      name: selectorText(p.podSelector),
      namespace: p.namespace,
      namespaceAssumed: false,
      labels,
      ports: [],
      ips: [],
      inferred: true,
    },
  ];
}

type DnsState = 'ok' | 'missing' | 'udp-only';

function dnsState(ctx: LintContext, w: Workload, targets: DnsTargets): DnsState {
  let udp = false;
  let tcp = false;
  let tcpServed = false;
  for (const t of targets.pods) {
    if (t.id === w.id) return 'ok';
    for (const p of dnsPortsOf(t)) {
      if (p.protocol === 'TCP') tcpServed = true;
      if (!ctx.sideAllows('egress', w, t, t, p.port, p.protocol)) continue;
      if (p.protocol === 'UDP') udp = true;
      if (p.protocol === 'TCP') tcp = true;
    }
  }
  if (!udp && !tcp) return 'missing';
  if (udp && !tcp && tcpServed) return 'udp-only';
  return 'ok';
}

export function lintDnsEgress(ctx: LintContext): void {
  const targets = dnsTargets(ctx);
  const where = targets.assumed
    ? 'kube-system/kube-dns (assumed: the workspace has no DNS pods)'
    : listIds(targets.pods.map((t) => t.id));
  const portsText = (protocols: readonly Protocol[]) =>
    dnsRuleFor(targets, protocols)
      .ports.map((p) => `${p.protocol} ${p.port}`)
      .join(', ');
  // Each pod is reported once, on the first policy (in text order) that isolates its egress.
  const groups = new Map<NetworkPolicy, Map<DnsState, Workload[]>>();
  const seen = new Set<string>();
  for (const p of ctx.policies) {
    if (!p.policyTypes.egress) continue;
    for (const w of subjectsOf(ctx, p)) {
      if (seen.has(w.id)) continue;
      seen.add(w.id);
      const state = dnsState(ctx, w, targets);
      if (state === 'ok') continue;
      const byState = groups.get(p) ?? new Map<DnsState, Workload[]>();
      byState.set(state, [...(byState.get(state) ?? []), w]);
      groups.set(p, byState);
    }
  }
  for (const [p, byState] of groups) {
    for (const [state, pods] of byState) {
      const ids = pods.map((w) => w.id);
      const real = pods.filter((w) => !w.inferred);
      const who =
        real.length > 0 ? listIds(ids) : `the pods it selects (${selectorText(p.podSelector)})`;
      const protocols: Protocol[] = state === 'missing' ? ['UDP', 'TCP'] : ['TCP'];
      const rule = dnsRuleFor(targets, protocols);
      const fixPolicy: NetworkPolicy = {
        id: `${p.namespace}/allow-dns`,
        name: state === 'missing' ? 'allow-dns' : 'allow-dns-tcp',
        namespace: p.namespace,
        namespaceAssumed: false,
        podSelector: p.podSelector,
        policyTypes: { ingress: false, egress: true },
        policyTypesDefaulted: false,
        ingress: [],
        egress: [rule],
        valid: true,
      };
      ctx.report(state === 'missing' ? 'dns-egress-missing' : 'dns-egress-udp-only', {
        severity: 'warning',
        message:
          state === 'missing'
            ? `${p.id} isolates egress of ${who}, and no egress rule allows DNS to ${where} (${portsText(['UDP', 'TCP'])}): name lookups fail, so Service names do not resolve`
            : `${who}: DNS egress is allowed over UDP only; ${where} also serves ${portsText(['TCP'])}, which large answers and retries use`,
        at: { policy: p, path: policyTypesPath(p) },
        ...(real.length > 0 ? { workloads: real.map((w) => w.id) } : {}),
        fix: {
          title:
            state === 'missing'
              ? `Allow DNS egress (${portsText(['UDP', 'TCP'])}) for the pods of ${p.id}`
              : `Allow DNS over TCP (${portsText(['TCP'])}) for the pods of ${p.id}`,
          intent: { kind: 'add-policies', policies: [fixPolicy] },
        },
      });
    }
  }
}

/** `spec.policyTypes` when written, else the podSelector: where a policy's isolation is decided. */
export function policyTypesPath(p: NetworkPolicy): string {
  return p.policyTypesDefaulted ? 'spec.podSelector' : 'spec.policyTypes';
}
